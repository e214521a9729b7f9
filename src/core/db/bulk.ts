import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from './database.ts';

// Batch writes for imports (STYLE.md: hundreds to thousands of rows per statement). The rows travel as one JSON
// parameter that PostgreSQL expands with the table's own row type: one bind whatever the number of rows and
// columns, where a plain multi-row INSERT binds rows × columns parameters (and PGlite serializes each).

/**
 * The columns some row sets, as PostgreSQL names them; a column no row sets takes its default. Rows of one batch
 * set the same columns: a column set on some rows only would be null, not its default, on the others.
 */
function columnsOf(table: PgTable, rows: readonly Record<string, unknown>[]) {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => rows.some((r) => r[key] !== undefined))
    .map(([key, column]) => ({ key, name: column.name }));
}

export async function bulkInsert<T extends PgTable, R = never>(
  executor: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
  returning?: SQL,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = columnsOf(table, rows as Record<string, unknown>[]);
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(columns.map((c) => [c.name, (row as Record<string, unknown>)[c.key] ?? null])),
    ),
  );
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const name = sql.identifier(getTableName(table));
  return queryRows<R>(
    executor,
    sql`insert into ${name} (${names}) select ${names} from jsonb_populate_recordset(null::${name}, ${json}::jsonb)${returning ? sql` returning ${returning}` : sql``}`,
  );
}

/**
 * Writes whole rows back in one statement, matched on `id`: every column but the key and `excluded` takes the
 * row's value.
 */
export async function bulkUpdate<T extends PgTable>(
  executor: Executor,
  table: T,
  rows: readonly T['$inferSelect'][],
  excluded: readonly string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table))
    .filter(([key]) => key !== 'id' && !excluded.includes(key))
    .map(([key, column]) => ({ key, name: column.name }));
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        [{ key: 'id', name: 'id' }, ...columns].map((c) => [
          c.name,
          (row as Record<string, unknown>)[c.key] ?? null,
        ]),
      ),
    ),
  );
  const set = sql.raw(columns.map((c) => `"${c.name}" = v."${c.name}"`).join(', '));
  const name = sql.identifier(getTableName(table));
  await executor.execute(
    sql`update ${name} t set ${set} from jsonb_populate_recordset(null::${name}, ${json}::jsonb) v where t.id = v.id`,
  );
}
