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
): Promise<Row[]> {
  const built = 'getSQL' in query ? dialect.sqlToQuery(query.getSQL()) : query;
  // What `db.execute` does, with values for the placeholders: drizzle's session binds them.
  const prepared = db._.session.prepareQuery(built, undefined, undefined, false);
  const result = (await prepared.execute(values)) as { rows: Row[] };
  return result.rows;
}

/**
 * A family of queries built once per shape: `build` gets the shape alone (everything the text depends on: which
 * filters, which sort, how many organizations) and writes every value as a placeholder, so two runs of one shape
 * differ by their values only. Shapes are a few enumerations, so the texts kept are few; the bound is insurance.
 */
export function builtOnce<Shape, Row>(build: (shape: Shape) => SQLWrapper, keep = 500) {
  const texts = new Map<string, Query>();
  return (db: Executor, shape: Shape, values: Record<string, unknown>): Promise<Row[]> => {
    const key = JSON.stringify(shape);
    let query = texts.get(key);
    if (!query) {
      query = dialect.sqlToQuery(build(shape).getSQL());
      if (texts.size >= keep) texts.delete(texts.keys().next().value as string);
      texts.set(key, query);
    }
    return queryBound<Row>(db, query, values);
  };
}
