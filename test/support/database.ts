import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/core/db/database.ts';
import { applyMigrations } from '../../src/core/db/migrations.ts';
import { appRoleGrants } from '../../src/core/db/row-level-security.ts';

export const testDbKind = (process.env.VIGIE_TEST_DB ?? 'pglite') as 'pglite' | 'postgresql';
const serverUrl = process.env.VIGIE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need a server at ${serverUrl} (set VIGIE_TEST_PG_URL): ${(error as Error).message}`,
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export type TestDatabase = Database & { url?: string; drop(): Promise<void> };

/**
 * A fresh, empty database of the kind this test project runs on: in-memory PGlite, or a new database created
 * on the PostgreSQL server and dropped afterwards. Migrated unless asked not to.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let database: Database;
  let url: string | undefined;
  let drop = async () => {};
  if (testDbKind === 'postgresql') {
    const name = `vigie_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    database = await openDatabase({ kind: 'postgresql', url });
    drop = () => adminQuery(`drop database if exists ${name} with (force)`);
  } else {
    database = await openDatabase({ kind: 'pglite' });
  }
  if (options.migrate !== false) await applyMigrations(database);
  return {
    ...database,
    ...(url ? { url } : {}),
    async drop() {
      await database.close();
      await drop();
    },
  };
}

/**
 * A new plain role (no superuser, no BYPASSRLS: row-level security binds it, as in production) granted what
 * `vigie db grant` grants on the (migrated) database at `databaseUrl`, and the URL that connects as it. The caller
 * drops it. The benchmark's server runs as one too.
 */
export async function createPlainRole(
  databaseUrl: string,
  prefix: string,
): Promise<{ role: string; url: string }> {
  const role = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create role ${role} login nosuperuser nobypassrls`);
    for (const grant of appRoleGrants(role)) await admin.query(grant);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = '';
  return { role, url: url.toString() };
}

/**
 * A connection to a test database as a plain role. PostgreSQL only. `drop` closes it and removes the role; call it
 * after the test database itself is dropped (which takes the role's privileges with it).
 */
export async function connectAsPlainRole(
  database: TestDatabase,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (!database.url) throw new Error('a plain role needs a PostgreSQL test database');
  const { role, url } = await createPlainRole(database.url, 'vigie_app');
  const plain = await openDatabase({ kind: 'postgresql', url });
  return {
    database: plain,
    async drop() {
      await plain.close();
      await adminQuery(`drop role if exists ${role}`);
    },
  };
}
