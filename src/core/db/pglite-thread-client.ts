// The server's side of the embedded database's thread (decision 0014): the part of PGlite's interface that
// Drizzle's driver and the migrator use (query, exec, transaction, close), each call a message to that thread.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import type {
  ThreadError,
  ThreadOperation,
  ThreadReply,
  ThreadRequest,
  ThreadStart,
  WasmModules,
} from './pglite-thread.messages.ts';

/** What can be run where PGlite or one of its transactions is expected. */
type Runner = Pick<Transaction, 'query' | 'exec'>;
export type PgliteThreadClient = Runner & {
  transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Settles with the reason if the thread stops on its own (a crash, its heap exhausted); never after `close`. */
  readonly failure: Promise<Error>;
};

/** The embedded database's thread stopped on its own: every query fails from then on. */
export class EmbeddedDatabaseStoppedError extends Error {
  constructor(
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`the embedded database stopped: ${detail}`, options);
  }
}

/** The thread's data folder (in memory without one), and, where given, its JavaScript heap's bound. */
export type PgliteThreadOptions = { dataDir?: string; resourceLimits?: ResourceLimits };

function rebuiltError({ message, fields }: ThreadError): Error {
  return Object.assign(new Error(message), fields);
}

/**
 * Drizzle's driver passes parsers that keep some types' text (dates, numerics, intervals and their arrays) so
 * that it converts them itself. Functions cannot cross to the thread; their types can, and the thread keeps
 * their text. A parser that changes its text would be silently dropped, so it is refused instead.
 */
function textTypesOf(options: QueryOptions | undefined): number[] {
  if (options?.serializers) throw new Error('the embedded database thread takes no serializers');
  const types: number[] = [];
  for (const [type, parser] of Object.entries(options?.parsers ?? {})) {
    if (parser('1999-12-31', Number(type)) !== '1999-12-31')
      throw new Error(
        `the embedded database thread only keeps a type's text; type ${type} has another parser`,
      );
    types.push(Number(type));
  }
  return types;
}

let compiled: Promise<WasmModules> | undefined;
/**
 * PGlite's two WebAssembly modules, compiled once for the whole process and handed to each thread: a thread that
 * compiled its own took 1.6 s to open an empty database instead of 1.0 s (the tests open one per file).
 */
function compiledModules(): Promise<WasmModules> {
  compiled ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const compile = async (file: string) => WebAssembly.compile(await fs.readFile(path.join(dist, file)));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      compile('pglite.wasm'),
      compile('initdb.wasm'),
    ]);
    return { pgliteWasmModule, initdbWasmModule };
  })();
  return compiled;
}

/** Starts PGlite on its own thread (in memory without a data folder) and resolves once it takes queries. */
export async function startPgliteThread(options: PgliteThreadOptions): Promise<PgliteThreadClient> {
  // A small JavaScript entry loads the thread's TypeScript through tsx, wherever Vigie is started from.
  const workerData: ThreadStart = {
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(await compiledModules()),
  };
  const worker = new Worker(new URL('./pglite-thread.start.mjs', import.meta.url), {
    workerData,
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped: Error | undefined;
  let failed!: (reason: Error) => void;
  const failure = new Promise<Error>((resolve) => {
    failed = resolve;
  });

  // The thread keeps the process alive only while an answer is awaited, as PGlite on the main thread did.
  worker.unref();
  const settle = (id: number, outcome: { value: unknown } | { error: Error }) => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if ('error' in outcome) waiting.reject(outcome.error);
    else waiting.resolve(outcome.value);
  };
  const stop = (reason: Error) => {
    stopped ??= reason;
    for (const id of [...pending.keys()]) settle(id, { error: reason });
  };
  // The thread went on its own, not by `close`: that is a failure, told once.
  const fail = (reason: EmbeddedDatabaseStoppedError) => {
    if (!stopped) failed(reason);
    stop(reason);
  };

  await new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: ThreadReply) => {
      if ('ready' in reply) resolve();
      else if ('startError' in reply) reject(rebuiltError(reply.startError));
      else if ('error' in reply) settle(reply.id, { error: rebuiltError(reply.error) });
      else settle(reply.id, { value: reply.value });
    });
    worker.on('error', (error) => {
      reject(error);
      fail(new EmbeddedDatabaseStoppedError(error.message, { cause: error }));
    });
    worker.on('exit', (code) => {
      reject(new Error(`the embedded database's thread exited (code ${code}) before it was ready`));
      fail(new EmbeddedDatabaseStoppedError(`its thread exited (code ${code})`));
    });
  });

  const send = <T>(operation: ThreadOperation): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...operation, id } satisfies ThreadRequest);
    });
  };

  const runner = (tx?: number): Runner => ({
    // async: a refused option rejects, as a failed query does, rather than throwing at the call.
    query: async <T>(query: string, params: unknown[] = [], options?: QueryOptions) =>
      send<Results<T>>({
        op: 'query',
        sql: query,
        params,
        rowMode: options?.rowMode ?? 'object',
        textTypes: textTypesOf(options),
        ...(options?.blob ? { blob: options.blob } : {}),
        ...(tx === undefined ? {} : { tx }),
      }),
    exec: (query: string) => send<Results[]>({ op: 'exec', sql: query, ...(tx === undefined ? {} : { tx }) }),
  });

  let openTransactions = 0;
  /**
   * Waits until no answer is awaited, no transaction is open, and no request was sent for `quietMs`, at most
   * `limitMs`. When the server stops, requests whose clients have gone are still running (HTTP no longer counts
   * them), between two of their queries as often as not: closing at once would fail their next one.
   */
  const drained = async (quietMs: number, limitMs: number) => {
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      const sent = nextId;
      const idle = pending.size === 0 && openTransactions === 0;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (idle && sent === nextId && pending.size === 0 && openTransactions === 0) return;
    }
  };

  let closed = false;
  return {
    ...runner(),
    async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
      openTransactions++;
      try {
        return await inTransaction(callback);
      } finally {
        openTransactions--;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await drained(20, 10_000);
      if (!stopped) await send({ op: 'close' });
      stop(new Error('the embedded database is closed'));
      await worker.terminate();
    },
    failure,
  };

  async function inTransaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const id = await send<number>({ op: 'begin' });
    let ended = false;
    const tx: Transaction = {
      ...runner(id),
      sql: () =>
        Promise.reject(new Error('tagged-template queries are not sent to the embedded database thread')),
      listen: () => Promise.reject(new Error('LISTEN is not sent to the embedded database thread')),
      rollback: async () => {
        ended = true;
        await send({ op: 'end', tx: id, commit: false });
      },
      get closed() {
        return ended;
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      if (!ended) {
        ended = true;
        // The callback's error is what the caller needs; a thread that cannot roll back has stopped, and its
        // transaction ended with it.
        await send({ op: 'end', tx: id, commit: false }).catch(() => {});
      }
      throw error;
    }
    if (!ended) {
      ended = true;
      await send({ op: 'end', tx: id, commit: true });
    }
    return result;
  }
}
