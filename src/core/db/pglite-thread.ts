// The embedded database's own thread (decision 0014): PGlite runs PostgreSQL compiled to WebAssembly, and a query
// holds the thread that runs it until it ends. Here, that is not the thread that answers HTTP requests.
import { parentPort, workerData } from 'node:worker_threads';
import { type ParserOptions, PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createNamedStatements } from './pglite-named-statements.ts';
import type { ThreadError, ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.messages.ts';

const port = parentPort;
if (!port) throw new Error('pglite-thread.ts runs as a worker thread (see pglite-thread-client.ts)');
const start = workerData as ThreadStart;

/** The fields a PostgreSQL error carries (code, detail, constraint…): strings and numbers only, nothing else. */
function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { message: error.message, fields };
}

const keepText = (text: string) => text;
function parsersKeepingText(types: number[]): ParserOptions {
  return Object.fromEntries(types.map((type) => [type, keepText]));
}

/** Each open transaction, and how to end it: its callback inside PGlite's `transaction` waits for that word. */
const transactions = new Map<
  number,
  { tx: Transaction; end(commit: boolean): void; settled: Promise<unknown> }
>();
let nextTransaction = 1;
// Thrown inside PGlite's transaction to have it roll back; never leaves this thread.
const rollBack = Symbol('roll back');

function transactionOf(id: number | undefined): Transaction | undefined {
  if (id === undefined) return undefined;
  const open = transactions.get(id);
  if (!open) throw new Error(`transaction ${id} is not open`);
  return open.tx;
}

async function begin(lite: PGlite): Promise<number> {
  const id = nextTransaction++;
  return new Promise<number>((resolve, reject) => {
    let end!: (commit: boolean) => void;
    const decided = new Promise<boolean>((decide) => {
      end = decide;
    });
    const settled = lite
      .transaction(async (tx) => {
        transactions.set(id, { tx, end, settled });
        resolve(id);
        if (!(await decided)) throw rollBack;
      })
      .catch((error: unknown) => {
        if (error !== rollBack) throw error;
      })
      .finally(() => transactions.delete(id));
    // BEGIN itself failed: the transaction never opened.
    settled.catch(reject);
  });
}

async function answer(
  lite: PGlite,
  statements: ReturnType<typeof createNamedStatements>,
  request: ThreadRequest,
): Promise<ThreadReply & { id: number }> {
  switch (request.op) {
    case 'query': {
      const executor = transactionOf(request.tx) ?? lite;
      const options = {
        rowMode: request.rowMode,
        parsers: parsersKeepingText(request.textTypes),
        ...(request.blob ? { blob: request.blob } : {}),
      };
      const named = statements.query(request.sql, request.params, options, request.tx !== undefined);
      return { id: request.id, value: await (named ?? executor.query(request.sql, request.params, options)) };
    }
    case 'exec':
      return { id: request.id, value: await (transactionOf(request.tx) ?? lite).exec(request.sql) };
    case 'begin':
      return { id: request.id, value: await begin(lite) };
    case 'end': {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      open.end(request.commit);
      await open.settled;
      return { id: request.id, value: null };
    }
    case 'close':
      if (!lite.closed) await lite.close();
      return { id: request.id, value: null };
  }
}

try {
  // pg_trgm serves the inventory's substring search, and unaccent folds its accents, as on a PostgreSQL server.
  const { dataDir, ...modules } = start;
  const lite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent }, ...modules });
  const statements = createNamedStatements(lite);
  port.on('message', (request: ThreadRequest) => {
    answer(lite, statements, request).then(
      (reply) => port.postMessage(reply),
      (error: unknown) =>
        port.postMessage({ id: request.id, error: threadError(error) } satisfies ThreadReply),
    );
  });
  port.postMessage({ ready: true } satisfies ThreadReply);
} catch (error) {
  port.postMessage({ id: 0, startError: threadError(error) } satisfies ThreadReply);
}
