// Queries run as named statements of PGlite's one session (decision 0014, in its thread). PGlite's own `query`
// parses, describes and plans its text at each run: the asset list's page at 100,000 assets took 1.25 ms a run that
// way, 0.7 ms as a statement parsed once; an API token's look-up 0.2 ms, against 0.06 ms.
// On PostgreSQL the hot queries are named statements of their connection already (decision 0010, point 5).
import { type PGlite, parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

type Statement = { name: string; paramTypes: number[] };

/** Only statements that read or write rows gain from a plan kept; the others (BEGIN, VACUUM, DDL) run as before. */
const plannable = /^\s*(select|insert|update|delete|with)\b/i;
// Errors after which a kept statement must be parsed again: it was dropped (DEALLOCATE, DISCARD), or a table it
// reads changed so that its rows would not have the columns it was described with.
const staleStatementCodes = new Set(['26000', '0A000']);

const { serialize } = protocol;

/**
 * The texts seen twice run as named statements, parsed and described once; at most `keep` are kept, the least
 * recently run closed first. Answers undefined for a query it leaves to PGlite's `query` (a text seen once, a
 * statement that is not plannable, a COPY's blob).
 */
export function createNamedStatements(lite: PGlite, keep = 200) {
  const kept = new Map<string, Statement>();
  const seenOnce = new Set<string>();
  let counter = 0;

  const send = async (message: Uint8Array) =>
    (await lite.execProtocol(message, { syncToFs: false })).messages;
  const synced = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      await send(serialize.sync());
    }
  };

  async function prepare(text: string): Promise<Statement> {
    const name = `vigie_${++counter}`;
    const described = await synced(async () => {
      await send(serialize.parse({ name, text }));
      return send(serialize.describe({ type: 'S', name }));
    });
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    kept.set(text, statement);
    const [oldest] = kept.keys();
    if (kept.size > keep && oldest !== undefined) await forget(oldest);
    return statement;
  }

  async function forget(text: string) {
    const statement = kept.get(text);
    if (!statement) return;
    kept.delete(text);
    await synced(() => send(serialize.close({ type: 'S', name: statement.name })));
  }

  async function run(
    text: string,
    params: unknown[],
    options: QueryOptions,
    parseAgainIfStale: boolean,
  ): Promise<Results> {
    let statement = kept.get(text);
    if (statement) {
      // Most recently run last: the first key is the one to close when the cache is full.
      kept.delete(text);
      kept.set(text, statement);
    } else statement = await prepare(text);
    const { name, paramTypes } = statement;
    // As PGlite's `query` serializes its parameters: by the type the statement's description gives each one.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = lite.serializers[paramTypes[i] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    try {
      const messages = await synced(async () => [
        ...(await send(serialize.bind({ statement: name, values }))),
        ...(await send(serialize.describe({ type: 'P' }))),
        ...(await send(serialize.execute({}))),
      ]);
      const [result] = parse.parseResults(messages, lite.parsers, options);
      if (!result) throw new Error(`no result for statement ${name}`);
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && staleStatementCodes.has(code)) {
        await forget(text);
        // Parsed again, it runs as its text now reads. Inside a transaction the error has aborted it: the caller
        // gets the error, as from any statement.
        if (parseAgainIfStale) return run(text, params, options, false);
      }
      throw Object.assign(error as object, { query: text });
    }
  }

  return {
    /** Runs `text` as a named statement, or answers undefined for PGlite's `query` to run it. */
    query(
      text: string,
      params: unknown[],
      options: QueryOptions,
      inTransaction: boolean,
    ): Promise<Results> | undefined {
      if (options.blob || !plannable.test(text)) return undefined;
      if (!kept.has(text) && !seenOnce.has(text)) {
        // Bounded: a burst of one-off texts (each with its values written in) clears it rather than growing it.
        if (seenOnce.size >= 10 * keep) seenOnce.clear();
        seenOnce.add(text);
        return undefined;
      }
      seenOnce.delete(text);
      // The same locks as PGlite's `query`: a query outside any transaction waits for the open one; inside it, the
      // transaction already holds that lock. After a query outside a transaction PGlite writes its files through.
      const exclusive = () =>
        lite._runExclusiveQuery(async () => {
          const result = await run(text, params, options, !inTransaction);
          if (!inTransaction) await lite.syncToFs();
          return result;
        });
      return inTransaction ? exclusive() : lite._runExclusiveTransaction(exclusive);
    },
  };
}
