import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../src/core/db/database.ts';
import { applyMigrations, MigrationError, migrationStatus } from '../src/core/db/migrations.ts';
import { createTestApp } from './support/app.ts';
import { createTestDatabase, testDbKind } from './support/database.ts';

describe('start-up and health', () => {
  it('answers healthy with the database kind, and 503 once the database is gone', async () => {
    const t = await createTestApp();
    try {
      const ok = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ status: 'ok', database: testDbKind, migrations: 'current' });
      await t.database.close();
      const down = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', database: testDbKind });
    } finally {
      await t.close();
    }
  });

  it('leaves nothing half-migrated when a migration fails', async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      // A table in the way makes the first migration fail part-way.
      await database.db.execute(sql`create table users (x int)`);
      const error = await applyMigrations(database).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(
        /none of the pending ones \(0000_initial, .*\) was applied: .*users/,
      );
      const status = await migrationStatus(database);
      expect(status.applied).toEqual([]);
      const [row] = await queryRows<{ absent: boolean }>(
        database.db,
        sql`select to_regclass('public.organizations') is null as absent`,
      );
      expect(row).toMatchObject({ absent: true });
    } finally {
      await database.drop();
    }
  });

  it('stops `vigie serve` with a clear message and exit code 1 when migrations fail', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      VIGIE_DATA_DIR: dataDir,
      PORT: '0',
      LANG: 'fr_CA.UTF-8',
    };
    const database = testDbKind === 'postgresql' ? await createTestDatabase({ migrate: false }) : undefined;
    try {
      const target = database?.url
        ? await openDatabase({ kind: 'postgresql', url: database.url })
        : await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
      await target.db.execute(sql`create table users (x int)`);
      await target.close();
      if (database?.url) env.DATABASE_URL = database.url;
      const result = await promisify(execFile)(process.execPath, ['bin/vigie.mjs', 'serve'], {
        env,
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^erreur : une migration de la base de données a échoué/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
