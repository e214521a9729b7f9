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

/**
 * What the role that runs Vigie needs on a schema its owner migrated (README, "two roles"): the tables' rows, the
 * sequences, the functions (the inventory's search), and the same on what later migrations create. Nothing on
 * `vigie_private`, which only the owner's functions read.
 */
export function appRoleGrants(role: string): string[] {
  const to = `to "${role}"`;
  return [
    `grant usage on schema public, drizzle ${to}`,
    `grant select, insert, update, delete on all tables in schema public, drizzle ${to}`,
    `grant usage, select on all sequences in schema public, drizzle ${to}`,
    `grant execute on all functions in schema public ${to}`,
    `alter default privileges in schema public, drizzle grant select, insert, update, delete on tables ${to}`,
    `alter default privileges in schema public, drizzle grant usage, select on sequences ${to}`,
    `alter default privileges in schema public grant execute on functions ${to}`,
  ];
}

/** A role name as PostgreSQL writes an unquoted identifier: it is put into the statements above, not bound. */
export const roleNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Gives `role` what `appRoleGrants` lists, as the connected role (the schema's owner), in one transaction. */
export async function grantToAppRole(database: Database, role: string): Promise<void> {
  if (!roleNamePattern.test(role)) throw new Error(`not a role name: ${role}`);
  await database.db.transaction(async (tx) => {
    for (const statement of appRoleGrants(role)) await tx.execute(sql.raw(statement));
  });
}
