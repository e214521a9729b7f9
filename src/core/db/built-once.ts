import { createHash } from 'node:crypto';
import type { Query, SQLWrapper } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './database.ts';

// Queries whose SQL text is built once per shape and then only bound to values (decision 0010). Drizzle builds a
// query's text anew at every run, and maps every field of every row it reads: for the asset list under load, a
// quarter of the server's CPU per request. A query here names each value `sql.placeholder(name)`, and is run with
// `{ name: value }`: the text never holds a value, and the rows come back as the driver reads them.

// The dialect as the app's drizzle instances have it (database.ts: no option, no column-name casing).
const dialect = new PgDialect();

/**
 * Runs a query whose values are placeholders, bound from `values`, and answers its rows as the driver reads them:
 * columns under their names or aliases, timestamps and dates as PostgreSQL writes them (text), arrays parsed. A
 * placeholder without a value throws.
 */
export async function queryBound<Row>(
  db: Executor,
  query: SQLWrapper | Query,
  values: Record<string, unknown>,
  statementName?: string,
): Promise<Row[]> {
  const built = 'getSQL' in query ? dialect.sqlToQuery(query.getSQL()) : query;
  // What `db.execute` does, with values for the placeholders: drizzle's session binds them. A name makes it a
  // prepared statement of the connection on PostgreSQL (PGlite's driver ignores it; PGlite's thread names every
  // text run twice, pglite-named-statements.ts).
  const prepared = db._.session.prepareQuery(built, undefined, statementName, false);
  const result = (await prepared.execute(values)) as { rows: Row[] };
  return result.rows;
}

/**
 * At most this many texts run as named statements, process-wide: each is kept by every pooled connection of
 * PostgreSQL that ran it, until the connection closes (node-postgres never deallocates one), so their number is
 * bounded whatever shapes clients ask for. Beyond it, texts run unnamed, planned at each run as before.
 */
const namedStatementBudget = 100;
const named = new Set<string>();

/** A statement's name, from its text: one text, one name, on every connection (node-postgres insists). */
const statementNameOf = (text: string) =>
  `vigie_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;

/**
 * A family of queries built once per shape: `build` gets the shape alone (everything the text depends on: which
 * filters, which sort, how many organizations) and writes every value as a placeholder, so two runs of one shape
 * differ by their values only. Shapes are a few enumerations, so the texts kept are few; the bound is insurance.
 * The shapes `prepare` picks run as named statements (decision 0010, point 5): PostgreSQL parses them once per
 * connection, and plans them once when its generic plan costs no more than the plans made for each run's values.
 */
export function builtOnce<Shape, Row>(
  build: (shape: Shape) => SQLWrapper,
  options: { prepare?: (shape: Shape) => boolean; keep?: number } = {},
) {
  const { prepare = () => false, keep = 500 } = options;
  const texts = new Map<string, { query: Query; name: string | undefined }>();
  return (db: Executor, shape: Shape, values: Record<string, unknown>): Promise<Row[]> => {
    const key = JSON.stringify(shape);
    let text = texts.get(key);
    if (!text) {
      const query = dialect.sqlToQuery(build(shape).getSQL());
      let name: string | undefined;
      if (prepare(shape)) {
        name = statementNameOf(query.sql);
        if (!named.has(name) && named.size >= namedStatementBudget) name = undefined;
        else named.add(name);
      }
      text = { query, name };
      if (texts.size >= keep) texts.delete(texts.keys().next().value as string);
      texts.set(key, text);
    }
    return queryBound<Row>(db, text.query, values, text.name);
  };
}

/**
 * A drizzle query that every request runs (the session or token behind it), prepared once per connection handle as
 * a named statement: drizzle builds its text once and still maps its rows (dates as `Date`), and PostgreSQL parses
 * and plans it once per connection. `prepare` writes the query with `sql.placeholder` values and calls
 * `.prepare(name)`.
 */
export function preparedOnce<Prepared>(name: string, prepare: (db: Executor, name: string) => Prepared) {
  // Kept by the session the handle stands for at this moment, not by the handle: the app's database is a proxy for
  // the current tenant scope's connection (tenant-scope.ts), and a query prepared on one scope's connection must
  // never run in another. A transaction's session lives as long as the transaction.
  const bySession = new WeakMap<object, Prepared>();
  return (db: Executor): Prepared => {
    const session = db._.session;
    let prepared = bySession.get(session);
    if (!prepared) {
      prepared = prepare(db, `vigie_${name}`);
      bySession.set(session, prepared);
    }
    return prepared;
  };
}
