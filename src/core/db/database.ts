import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Placeholder, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { startPgliteThread } from './pglite-thread-client.ts';
import { scopeAwareDb } from './tenant-scope.ts';

// One SQL dialect (ARCHITECTURE.md, principle 4): embedded PGlite or a PostgreSQL server, one query builder.
export type Db = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Answers whether the database still takes queries (the health check). */
  ping(): Promise<boolean>;
  /**
   * PostgreSQL only: runs `work` on a connection of the request pool whose session's `vigie.scope` is `scope`
   * (row-level security, decision 0007). PGlite has none: its superuser is not bound by the policies.
   */
  onScopedConnection?: <T>(scope: string, work: (db: Db) => Promise<T>) => Promise<T>;
  /**
   * PGlite only: what PostgreSQL's autovacuum does, which PGlite has not (one process, no background workers): dead
   * rows reclaimed and the planner's statistics refreshed, database-wide. The server runs it daily.
   */
  maintain?: () => Promise<void>;
  /**
   * PGlite only: settles with the reason if the embedded database's thread stops on its own (a crash, out of
   * memory). Every query fails from then on; the server exits so that its supervisor starts it again.
   */
  failure?: Promise<Error>;
  /** Runs the committed migrations of a folder with the driver's migrator (all pending ones in one transaction). */
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
};

export type DatabaseTarget = { kind: 'pglite'; dataDir?: string } | { kind: 'postgresql'; url: string };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') {
    if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
    // On a thread of its own, so that a long query does not hold the requests that need no database (decision 0014).
    const client = await startPgliteThread(target.dataDir ? { dataDir: target.dataDir } : {});
    // The driver uses only the part of PGlite's interface that the thread's client has.
    const pgliteDb = drizzlePglite({ client: client as unknown as PGlite });
    const db = pgliteDb as unknown as Db;
    return {
      db,
      kind: 'pglite',
      ping: () => pingWith(db),
      failure: client.failure,
      maintain: async () => {
        await db.execute(sql`vacuum analyze`);
      },
      migrate: (migrationsFolder) => migratePglite(pgliteDb, { migrationsFolder }),
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server emits 'error'; without a listener Node would exit.
  pool.on('error', () => {});
  const nodePgDb = drizzleNodePg(pool);
  // Inside a tenant scope (a request on behalf of a user or a token) queries go through its connection.
  const db = scopeAwareDb(nodePgDb as unknown as Db);
  const scoped = scopedConnections(target.url);
  return {
    db,
    kind: 'postgresql',
    ping: () => pingWith(db),
    onScopedConnection: scoped.run,
    migrate: (migrationsFolder) => migrateNodePg(nodePgDb, { migrationsFolder }),
    close: async () => {
      await scoped.close();
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * The request pool (decision 0007): its connections keep their session's `vigie.scope` from one request to the
 * next, so that the setting costs a round trip only when the next request's actor sees other organizations. Only
 * `run` uses this pool, and it sets the scope before any work whenever the connection holds another one, so no
 * query ever runs on it with a scope it was not given; unscoped work (the system, the CLI, sign-in) has its own
 * pool, whose connections never hold one.
 */
function scopedConnections(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {});
  const held = new WeakMap<pg.PoolClient, { scope: string; db: Db }>();
  return {
    async run<T>(scope: string, work: (db: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let current = held.get(client);
      try {
        if (current?.scope !== scope) {
          // Session-level (`false`): outside any transaction, so no rollback can take it back.
          await client.query(`select set_config('vigie.scope', $1, false)`, [scope]);
          current = { scope, db: current?.db ?? (drizzleNodePg(client) as unknown as Db) };
          held.set(client, current);
        }
      } catch (error) {
        // The connection's setting is unknown now: it is closed rather than pooled again.
        held.delete(client);
        client.release(true);
        throw error;
      }
      try {
        return await work(current.db);
      } finally {
        client.release();
      }
    },
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

async function pingWith(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** A transaction handed to a callback by `db.transaction`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Where a query runs: the database itself or an open transaction. */
export type Executor = Db | Tx;

/** Rows of a raw SQL query; both drivers return them under `rows`. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A text[] bound as one JSON parameter: the same on both drivers, and no value is ever spliced into SQL. */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * A uuid[] bound the same way, each value cast once where the array is built. Compare a column with it
 * (`id = any(…)`), not with `textArray(…)::uuid[]`: that cast would be part of the condition on the table, and
 * under row-level security a condition holding a cast (not leakproof) may not use an index: the primary key is
 * then read in full instead of probed.
 */
export function uuidArray(values: readonly string[] | Placeholder): SQL {
  // A placeholder (a query built once, src/core/db/built-once.ts) is bound to the values' JSON text.
  const json = values instanceof Placeholder ? values : JSON.stringify(values);
  return sql`array(select jsonb_array_elements_text(${json}::jsonb)::uuid)`;
}

/** An ILIKE (or LIKE) pattern for text that holds `text`, its own `%`, `_` and `\` matched as themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
