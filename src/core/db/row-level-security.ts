import { sql } from 'drizzle-orm';
import { type Database, queryRows, textArray } from './database.ts';

/** Whether the connected role skips row-level security (a superuser or BYPASSRLS): the second wall is then down. */
export async function bypassesRowLevelSecurity(database: Database): Promise<boolean> {
  if (database.kind !== 'postgresql') return true;
  const [row] = await queryRows<{ bypass: boolean }>(
    database.db,
    sql`select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user`,
  );
  return row?.bypass ?? true;
}

// What the role that runs Vigie may do: granted by `appRoleGrants`, checked by `missingPrivileges`.
const appSchemas = ['public', 'drizzle'];
const tablePrivileges = 'select, insert, update, delete';
const sequencePrivileges = 'usage, select';

/**
 * What the role that runs Vigie needs on a schema its owner migrated (README, "two roles"): the tables' rows, the
 * sequences, the functions (the inventory's search), and the same on what later migrations create. Nothing on
 * `vigie_private`, which only the owner's functions read.
 */
export function appRoleGrants(role: string): string[] {
  const to = `to "${role}"`;
  const schemas = appSchemas.join(', ');
  return [
    `grant usage on schema ${schemas} ${to}`,
    `grant ${tablePrivileges} on all tables in schema ${schemas} ${to}`,
    `grant ${sequencePrivileges} on all sequences in schema ${schemas} ${to}`,
    `grant execute on all functions in schema public ${to}`,
    `alter default privileges in schema ${schemas} grant ${tablePrivileges} on tables ${to}`,
    `alter default privileges in schema ${schemas} grant ${sequencePrivileges} on sequences ${to}`,
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

/**
 * What the connected role may not use of what `appRoleGrants` gives (the schemas `public` and `drizzle`, their tables
 * and sequences, the functions of `public`), named as `table assets`,
 * `function vigie_assets_matching(uuid[],text[],text,text,integer)`: empty for the owner, a superuser, or a role
 * granted by `vigie db grant`.
 */
export async function missingPrivileges(database: Database): Promise<string[]> {
  if (database.kind !== 'postgresql') return [];
  const rows = await queryRows<{ what: string }>(
    database.db,
    sql`select case c.relkind when 'S' then 'sequence ' else 'table ' end || c.relname as what
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any(${textArray(appSchemas)}) and c.relkind in ('r', 'p', 'S')
          and not (case c.relkind
                     when 'S' then has_sequence_privilege(c.oid, ${sequencePrivileges})
                     else has_table_privilege(c.oid, ${tablePrivileges}) end)
        union all
        select 'schema ' || n.nspname from pg_namespace n
        where n.nspname = any(${textArray(appSchemas)}) and not has_schema_privilege(n.oid, 'usage')
        union all
        select 'function ' || p.oid::regprocedure::text
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and not has_function_privilege(p.oid, 'execute')
        order by 1`,
  );
  return rows.map((r) => r.what);
}

/** The role that runs Vigie lacks privileges it needs: the start stops, naming them and the command that grants them. */
export class AppRolePrivilegesError extends Error {
  constructor(role: string, missing: string[]) {
    const shown = missing.length > 5 ? [...missing.slice(0, 5), `${missing.length - 5} more`] : missing;
    super(
      `the database role "${role}" may not use ${shown.join(', ')}. As the schema's owner, run: vigie db grant ${role}`,
    );
    this.name = 'AppRolePrivilegesError';
  }
}

/** Stops a start on PostgreSQL when the connected role could not work: before anything else fails half-way. */
export async function assertAppRolePrivileges(database: Database): Promise<void> {
  const missing = await missingPrivileges(database);
  if (missing.length === 0) return;
  const [row] = await queryRows<{ role: string }>(database.db, sql`select current_user as role`);
  throw new AppRolePrivilegesError(row?.role ?? 'unknown', missing);
}
