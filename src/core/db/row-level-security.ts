import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './database.ts';

/** Whether the connected role skips row-level security (a superuser or BYPASSRLS): the second wall is then down. */
export async function bypassesRowLevelSecurity(database: Database): Promise<boolean> {
  if (database.kind !== 'postgresql') return true;
  const [row] = await queryRows<{ bypass: boolean }>(
    database.db,
    sql`select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user`,
  );
  return row?.bypass ?? true;
}
