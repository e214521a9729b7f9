import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/core/db/database.ts';
import { applyMigrations, migrationStatus, migrationsFolder } from '../src/core/db/migrations.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

describe('migrations', () => {
  it('apply every committed migration to an empty database, then report it current', () =>
    onNewDatabase(async (database) => {
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
    }));

  it('bring the search’s own table of an inventory already there up to date (migration 0016)', () =>
    onNewDatabase(async (database) => {
      await withOneOrganizationAt(database, 15);
      await database.db.execute(
        sql`insert into assets (org_id, name, status, model, created_at, updated_at)
          select id, 'PERFUSION-04', 'retired', 'Infusomat ÉQUIPÉ', now(), now() from organizations`,
      );
      await applyMigrations(database);
      const rows = await queryRows<{ status: string; text: string }>(
        database.db,
        sql`select status, search_text as text from vigie_private.asset_lookup`,
      );
      expect(rows).toEqual([{ status: 'retired', text: 'perfusion-04  infusomat equipe' }]);
      const found = async (statuses: SQL) =>
        (
          await queryRows<{ id: string }>(
            database.db,
            sql`select m.id from vigie_assets_matching(null, ${statuses}, '%Équipé%', 'équipé', 10) as m(id)`,
          )
        ).length;
      expect([
        await found(sql`null`),
        await found(sql`array['retired']`),
        await found(sql`array['in_service']`),
      ]).toEqual([1, 1, 0]);
    }));

  it('count an inventory already there per status, category, criticality and exposure (migration 0018)', () =>
    onNewDatabase(async (database) => {
      await withOneOrganizationAt(database, 17);
      await database.db.execute(
        sql`insert into assets (org_id, name, status, category, criticality, internet_exposed, created_at, updated_at)
          select o.id, 'ACTIF-' || g, case when g <= 2 then 'retired' else 'in_service' end,
                 case when g % 2 = 0 then 'server' end, 'high', g = 5, now(), now()
          from organizations o, generate_series(1, 6) g`,
      );
      await applyMigrations(database);
      const kept = await queryRows(
        database.db,
        sql`select status, category, criticality, internet_exposed as exposed, count from asset_counts
          order by status, category nulls first, exposed`,
      );
      expect(kept).toEqual([
        { status: 'in_service', category: null, criticality: 'high', exposed: false, count: 1 },
        { status: 'in_service', category: null, criticality: 'high', exposed: true, count: 1 },
        { status: 'in_service', category: 'server', criticality: 'high', exposed: false, count: 2 },
        { status: 'retired', category: null, criticality: 'high', exposed: false, count: 1 },
        { status: 'retired', category: 'server', criticality: 'high', exposed: false, count: 1 },
      ]);
    }));

  it('write the addresses and host names an earlier edit kept as typed as an import writes them (migration 0019)', () =>
    onNewDatabase(async (database) => {
      await withOneOrganizationAt(database, 18);
      await database.db.execute(
        sql`insert into assets (org_id, name, status, ips, macs, hostnames, created_at, updated_at)
          select id, 'EDITED', 'in_service', array['10.0.0.1', '2001:DB8::1'], array['AA:BB:CC:DD:EE:0F'],
                 array['SRV.Local.', 'poste accueil'], now(), now() from organizations
          union all
          select id, 'IMPORTED', 'in_service', array['10.0.0.2'], '{}', '{}', now(), now() from organizations`,
      );
      await applyMigrations(database);
      const rows = await queryRows(
        database.db,
        sql`select a.name, a.ips, a.macs, a.hostnames, l.hostnames as "searched"
          from assets a join vigie_private.asset_lookup l on l.asset_id = a.id order by a.name`,
      );
      expect(rows).toEqual([
        {
          name: 'EDITED',
          ips: ['10.0.0.1', '2001:db8::1'],
          macs: ['aa:bb:cc:dd:ee:0f'],
          hostnames: ['srv.local', 'poste accueil'],
          searched: ['srv.local', 'poste accueil'],
        },
        { name: 'IMPORTED', ips: ['10.0.0.2'], macs: [], hostnames: [], searched: [] },
      ]);
    }));
});

/** Runs `work` on a new database that no migration has touched, then drops it. */
async function onNewDatabase(work: (database: TestDatabase) => Promise<void>) {
  const database = await createTestDatabase({ migrate: false });
  try {
    await work(database);
  } finally {
    await database.drop();
  }
}

/** The database as an earlier release left it, at migration `last`, holding one organization. */
async function withOneOrganizationAt(database: TestDatabase, last: number) {
  await migrateUpTo(database, last);
  await database.db.execute(sql`insert into organizations (name, kind) values ('CISSS', 'region')`);
}

/** The committed migrations up to number `last`, as a database of an earlier release holds them. */
async function migrateUpTo(database: TestDatabase, last: number) {
  const previous = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-migrations-'));
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= last);
    fs.mkdirSync(path.join(previous, 'meta'));
    fs.writeFileSync(path.join(previous, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const entry of journal.entries as { tag: string }[])
      fs.copyFileSync(
        path.join(migrationsFolder, `${entry.tag}.sql`),
        path.join(previous, `${entry.tag}.sql`),
      );
    await database.migrate(previous);
  } finally {
    fs.rmSync(previous, { recursive: true, force: true });
  }
}
