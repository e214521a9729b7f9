import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/core/db/database.ts';
import { applyMigrations, migrationStatus } from '../src/core/db/migrations.ts';
import { createTestDatabase } from './support/database.ts';

describe('migrations', () => {
  it('apply every committed migration to an empty database, then report it current', async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const before = await migrationStatus(database);
      expect(before.applied).toEqual([]);
      expect(before.pending.length).toBeGreaterThanOrEqual(2);
      const { applied } = await applyMigrations(database);
      expect(applied).toEqual(before.pending);
      expect(await migrationStatus(database)).toMatchObject({ current: true, pending: [] });
      // A second run changes nothing.
      expect((await applyMigrations(database)).applied).toEqual([]);
      const tables = await queryRows<{ name: string }>(
        database.db,
        sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      expect(tables.map((r) => r.name)).toEqual(
        expect.arrayContaining(['audit_entries', 'organizations', 'people', 'sessions', 'users']),
      );
    } finally {
      await database.drop();
    }
  });
});
