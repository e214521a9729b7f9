import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './database.ts';

// Batch writes for imports (STYLE.md: hundreds to thousands of rows per statement). The rows travel as one JSON
// parameter that PostgreSQL expands with the table's own row type: one bind whatever the number of rows and
// columns, where a plain multi-row INSERT binds rows × columns parameters (and PGlite serializes each). It is
// read as `json`, not `jsonb`: the text is read once, with no binary document built on the way.

/**
 * The columns some row sets, as PostgreSQL names them; a column no row sets takes its default. Rows of one batch
 * set the same columns: a column set on some rows only would be null, not its default, on the others.
 */
function columnsOf(table: PgTable, rows: readonly Record<string, unknown>[]) {
  return Object.entries(getTableColumns(table))
    .filter(([key]) => rows.some((r) => r[key] !== undefined))
    .map(([key, column]) => ({ key, name: column.name }));
}

/** The rows as one JSON array of objects keyed by column name. */
function rowsAsJson(
  rows: readonly Record<string, unknown>[],
  columns: readonly { key: string; name: string }[],
) {
  return JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const c of columns) record[c.name] = row[c.key] ?? null;
      return record;
    }),
  );
}

/**
 * The statement that inserts these rows (none for no row). Built apart from its execution so that a pipeline can
 * work out the next batch's statements, their JSON written, while the database runs this one (the inventory import).
 */
export function insertStatement<T extends PgTable>(
  table: T,
  rows: readonly T['$inferInsert'][],
): SQL | undefined {
  if (rows.length === 0) return undefined;
  const columns = columnsOf(table, rows as Record<string, unknown>[]);
  const json = rowsAsJson(rows as Record<string, unknown>[], columns);
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const name = sql.identifier(getTableName(table));
  return sql`insert into ${name} (${names}) select ${names} from json_populate_recordset(null::${name}, ${json}::json)`;
}

export async function bulkInsert<T extends PgTable>(
  executor: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  const statement = insertStatement(table, rows);
  if (statement) await executor.execute(statement);
}

/**
 * The statement that writes whole rows back, matched on `id`: every column but the key and `excluded` takes the
 * row's value (none for no row).
 */
export function updateStatement<T extends PgTable>(
  table: T,
  rows: readonly T['$inferSelect'][],
  excluded: readonly string[] = [],
): SQL | undefined {
  if (rows.length === 0) return undefined;
  const columns = Object.entries(getTableColumns(table))
    .filter(([key]) => key !== 'id' && !excluded.includes(key))
    .map(([key, column]) => ({ key, name: column.name }));
  const json = rowsAsJson(rows as Record<string, unknown>[], [{ key: 'id', name: 'id' }, ...columns]);
  const set = sql.raw(columns.map((c) => `"${c.name}" = v."${c.name}"`).join(', '));
  const name = sql.identifier(getTableName(table));
  return sql`update ${name} t set ${set} from json_populate_recordset(null::${name}, ${json}::json) v where t.id = v.id`;
}

export async function bulkUpdate<T extends PgTable>(
  executor: Executor,
  table: T,
  rows: readonly T['$inferSelect'][],
  excluded: readonly string[] = [],
): Promise<void> {
  const statement = updateStatement(table, rows, excluded);
  if (statement) await executor.execute(statement);
}
