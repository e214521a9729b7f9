import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** A migration failed: none of the pending ones was applied. The CLI says it in the operator's language. */
export class MigrationError extends Error {
  constructor(
    readonly pending: readonly string[],
    readonly detail: string,
  ) {
    super(
      `A database migration failed and none of the pending ones (${pending.join(', ')}) was applied: ${detail}`,
    );
  }
}

type Journal = { entries: { idx: number; when: number; tag: string }[] };

// The committed migrations do not change while Vigie runs: read once, not on every health check.
let journal: Journal | undefined;
function readJournal(): Journal {
  journal ??= JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  return journal;
}

// An arbitrary constant: two processes starting on one PostgreSQL server never migrate at the same time.
const migrationLockKey = 7_106_105_103;

/**
 * Applies every pending committed migration in one transaction: a failure leaves the schema as it was and
 * names the migration that failed.
 */
export async function applyMigrations(database: Database): Promise<{ applied: string[] }> {
  const before = await migrationStatus(database);
  // Nothing to apply: the migrator is not run, so a plain role without the right to create (the role row-level
  // security binds, decision 0004) starts on a schema its owner has migrated.
  if (before.current) return { applied: [] };
  const { db } = database;
  if (database.kind === 'postgresql') await db.execute(sql`select pg_advisory_lock(${migrationLockKey})`);
  try {
    await database.migrate(migrationsFolder);
  } catch (error) {
    const cause = error instanceof Error ? (error.cause ?? error) : error;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new MigrationError(before.pending, detail);
  } finally {
    if (database.kind === 'postgresql') await db.execute(sql`select pg_advisory_unlock(${migrationLockKey})`);
  }
  return { applied: before.pending };
}

export type MigrationStatus = { applied: string[]; pending: string[]; current: boolean };

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const entries = readJournal().entries;
  let lastApplied = -1;
  const [exists] = await queryRows<{ present: boolean }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (exists?.present) {
    const [last] = await queryRows<{ created_at: string | number | null }>(
      database.db,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    lastApplied = Number(last?.created_at ?? -1);
  }
  const applied = entries.filter((e) => e.when <= lastApplied).map((e) => e.tag);
  const pending = entries.filter((e) => e.when > lastApplied).map((e) => e.tag);
  return { applied, pending, current: pending.length === 0 };
}
