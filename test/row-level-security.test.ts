import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type SQL, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../src/app/context.ts';
import { buildHttpApp } from '../src/app/http.ts';
import { cliActor } from '../src/core/auth/actor.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { hashToken } from '../src/core/crypto/tokens.ts';
import { queryBound } from '../src/core/db/built-once.ts';
import { type Database, queryRows, uuidArray } from '../src/core/db/database.ts';
import { applyMigrations, migrationStatus } from '../src/core/db/migrations.ts';
import { bypassesRowLevelSecurity } from '../src/core/db/row-level-security.ts';
import { runInTenantScope } from '../src/core/db/tenant-scope.ts';
import { registerTenantScope } from '../src/core/http/tenant-scope.ts';
import { createLogger } from '../src/core/log.ts';
import type { ListCursor } from '../src/modules/assets/assets.cursor.ts';
import {
  afterCursor,
  createAssetsRepository,
  cursorValues,
  factsBatch,
  listPageQuery,
  matchesInRow,
  searchValues,
} from '../src/modules/assets/assets.repository.ts';
import {
  assetListSortParts,
  assetSortKeys,
  assets,
  sortedValueIs,
} from '../src/modules/assets/assets.table.ts';
import { bufferSource, fileSource } from '../src/modules/assets/importers/import-source.ts';
import { createApiTokensRepository } from '../src/modules/users/tokens/api-tokens.repository.ts';
import { users } from '../src/modules/users/users.table.ts';
import { buildOrg, expectOk, setUpTestApp, signedInAgent, type TestApp } from './support/app.ts';
import { connectAsPlainRole, testDbKind } from './support/database.ts';

// PostgreSQL only: PGlite runs as its superuser, which row-level security does not bind.
describe.runIf(testDbKind === 'postgresql')('row-level security on PostgreSQL', () => {
  const t = setUpTestApp();
  let plain: { database: Database; drop(): Promise<void> };
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    orgA = (await buildOrg(t, { name: 'Hôpital A (RLS)' })).id;
    orgB = (await buildOrg(t, { name: 'Hôpital B (RLS)' })).id;
    for (const [email, orgId] of [
      ['a1@example.org', orgA],
      ['b1@example.org', orgB],
    ] as const) {
      await t.ctx.services.users.create(cliActor, { email, displayName: email, role: 'employee', orgId });
    }
    plain = await connectAsPlainRole(t.database);
  });
  afterAll(async () => {
    // The role goes after the database that holds its privileges.
    await t.close();
    await plain?.drop();
  });

  /**
   * The plan PostgreSQL makes for `query` as the plain role in the scope of `orgIds`, as JSON text. The tables are
   * tiny: without sequential scans the planner shows which index it may use and how, not the one it would rather
   * read whole.
   */
  function indexPlan(orgIds: string[], query: SQL, values: Record<string, unknown> = {}): Promise<string> {
    return runInTenantScope(plain.database, orgIds, async () => {
      await plain.database.db.execute(sql`set local enable_seqscan = off`);
      const [row] = await queryBound<{ 'QUERY PLAN': unknown }>(
        plain.database.db,
        sql`explain (format json) ${query}`,
        values,
      );
      return JSON.stringify(row!['QUERY PLAN']);
    });
  }

  /** A user written into `orgId` from a scope that does not hold it: the policies must refuse it. */
  function insertIntruder(scope: string[], orgId: string) {
    return runInTenantScope(plain.database, scope, () =>
      plain.database.db.insert(users).values({
        orgId,
        email: 'intruder@example.org',
        displayName: 'X',
        role: 'admin',
        passwordHash: 'x',
      }),
    );
  }

  /** The whole application over the plain role's connection, which the policies bind. */
  async function asPlainRole(work: (asPlain: TestApp, app: TestApp['app']) => Promise<void>) {
    const ctx = await openAppContext(loadConfig({ VIGIE_DATA_DIR: t.dataDir }), {
      role: 'test',
      migrate: false,
      database: plain.database,
      time: t.clock,
    });
    const app = await buildHttpApp(ctx, createLogger({ level: 'silent' }));
    try {
      await work({ ...t, ctx, app }, app);
    } finally {
      await app.close();
      await ctx.close();
    }
  }

  it('knows which roles the policies bind', async () => {
    expect(await bypassesRowLevelSecurity(t.database)).toBe(true);
    expect(await bypassesRowLevelSecurity(plain.database)).toBe(false);
  });

  it('starts as the plain role on a schema its owner migrated: nothing to apply, nothing it may not do', async () => {
    // The plain role may not create a schema: running the migrator at each start would stop it there.
    expect(await applyMigrations(plain.database)).toEqual({ applied: [] });
    expect((await migrationStatus(plain.database)).current).toBe(true);
  });

  it('hides and refuses another organization’s rows even to a query with no filter', async () => {
    const { db } = plain.database;
    const all = await db.select({ email: users.email }).from(users);
    expect(all.map((u) => u.email).sort()).toEqual(['a1@example.org', 'b1@example.org']);

    const seen = await runInTenantScope(plain.database, [orgA], () =>
      db.select({ email: users.email, orgId: users.orgId }).from(users),
    );
    expect(seen).toEqual([{ email: 'a1@example.org', orgId: orgA }]);

    await expect(insertIntruder([orgA], orgB)).rejects.toThrow();
    const updated = await runInTenantScope(plain.database, [orgA], () =>
      db
        .update(users)
        .set({ displayName: 'changed' })
        .where(sql`${users.email} = 'b1@example.org'`)
        .returning(),
    );
    expect(updated).toEqual([]);
  });

  it('gives each read its own scope on the request pool’s reused connections', async () => {
    const { db } = plain.database;
    const emails = (orgIds: string[]) =>
      runInTenantScope(
        plain.database,
        orgIds,
        async () => (await db.select({ email: users.email }).from(users)).map((u) => u.email).sort(),
        'read',
      );
    // One after the other, so that the pool hands the same connection back each time.
    expect(await emails([orgA])).toEqual(['a1@example.org']);
    expect(await emails([orgB])).toEqual(['b1@example.org']);
    expect(await emails([orgA, orgB])).toEqual(['a1@example.org', 'b1@example.org']);
    expect(await emails([orgA])).toEqual(['a1@example.org']);
    // A failed write leaves the connection's scope as it was, and the next read is still scoped.
    await expect(insertIntruder([orgB], orgA)).rejects.toThrow();
    expect(await emails([orgB])).toEqual(['b1@example.org']);
    // Unscoped work (the system, the CLI) runs on its own pool, never under a request's scope.
    const all = await db.select({ email: users.email }).from(users);
    expect(all.map((u) => u.email).sort()).toEqual(['a1@example.org', 'b1@example.org']);
  });

  it('serves the whole API through the plain role, the policies refusing nothing the services allow', async () => {
    await asPlainRole(async (asPlain, app) => {
      const admin = await signedInAgent(asPlain, { role: 'admin', orgId: orgA });
      const created = await admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'a2@example.org', displayName: 'A2', role: 'manager', orgId: orgA },
      });
      expect(created.statusCode).toBe(201);
      const site = await admin.request({
        method: 'POST',
        url: '/api/v1/orgs',
        payload: { name: 'Site A1', kind: 'site', parentId: orgA },
      });
      expect(site.statusCode).toBe(201);
      const token = await admin.request({
        method: 'POST',
        url: '/api/v1/api-tokens',
        payload: { name: 'rls', role: 'auditor', orgId: orgA },
      });
      expect(token.statusCode).toBe(201);

      const listed = (await expectOk(admin.request({ method: 'GET', url: '/api/v1/users' }))).json();
      expect(listed.map((u: { orgId: string }) => u.orgId)).not.toContain(orgB);
      const orgs = (await expectOk(admin.request({ method: 'GET', url: '/api/v1/orgs' }))).json();
      expect(orgs.map((o: { id: string }) => o.id).sort()).toEqual([orgA, site.json().id].sort());
      const viaToken = await app.inject({
        method: 'GET',
        url: '/api/v1/users',
        headers: { authorization: `Bearer ${token.json().token}` },
      });
      expect(viaToken.json().map((u: { orgId: string }) => u.orgId)).not.toContain(orgB);
      const intrusion = await admin.request({
        method: 'POST',
        url: '/api/v1/people',
        payload: { orgId: orgB, fullName: 'Someone' },
      });
      expect(intrusion.statusCode).toBe(403);
    });
  });

  it('imports an inventory through the plain role, and evaluates the organizations above once committed', async () => {
    const region = (await buildOrg(t, { name: 'Région (RLS)' })).id;
    const establishment = (await buildOrg(t, { name: 'Établissement (RLS)', parentId: region })).id;
    await asPlainRole(async (asPlain) => {
      const officer = await signedInAgent(asPlain, { role: 'security_officer', orgId: establishment });
      const imported = await officer.request({
        method: 'POST',
        url: `/api/v1/assets/import?orgId=${establishment}&fileName=inventory-en.csv`,
        headers: { 'content-type': 'text/csv' },
        payload: fs.readFileSync('test/fixtures/assets/inventory-en.csv'),
      });
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json().counts.create).toBe(5);
      const regionStatus = await t.ctx.services.compliance.status(cliActor, region);
      const failing = regionStatus!.obligations[0]!.requirements[1]!.failing.map((f) => f.item);
      expect(failing).toEqual(['PERFUSION-04']);

      const outsider = await signedInAgent(asPlain, { role: 'security_officer', orgId: orgB });
      const seen = (await expectOk(outsider.request({ method: 'GET', url: '/api/v1/assets' }))).json();
      expect(seen.total).toBe(0);
      const assetId = (
        await expectOk(officer.request({ method: 'GET', url: '/api/v1/assets?search=PERFUSION-04' }))
      ).json().rows[0].id;
      expect((await outsider.request({ method: 'GET', url: `/api/v1/assets/${assetId}` })).statusCode).toBe(
        404,
      );
    });
  });

  it('serves a page after a cursor from its sort’s index under the policies, in every sort', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C (RLS, index)' })).id;
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId,
      format: 'csv',
    });
    for (const sort of assetSortKeys) {
      const parts = assetListSortParts[sort];
      const cursor: ListCursor = {
        sort,
        direction: 'asc',
        values: parts.map((p) => (p.type === 'boolean' ? 'false' : p.type === 'integer' ? '2' : 'A')),
        name: 'A',
        id: '00000000-0000-4000-8000-000000000000',
      };
      if (sort === 'updated') cursor.values = ['2026-01-01 00:00:00+00'];
      const order = sql.join([...parts.map((p) => p.expr), assets.name, assets.id], sql`, `);
      const text = await indexPlan(
        [orgId],
        sql`select ${assets.id} from ${assets}
            where ${assets.orgId} = ${orgId} and ${afterCursor(sort, 'asc')} order by ${order} limit 3`,
        cursorValues(cursor),
      );
      // The keyset bounds the index scan (as a row comparison, or for the name alone, whose index ends there, as
      // `name >=`): a condition that is not leakproof would be a filter read from the index's start instead.
      expect(text, sort).toMatch(/"Index Cond":"[^"]*(ROW\(|name >=)/);
    }
  });

  it('plans a page after a cursor without the cursor’s values, so that its prepared statement keeps one plan', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C (RLS, curseur)' })).id;
    await t.database.db.execute(
      sql`insert into assets (org_id, name, status, created_at, updated_at)
          select ${orgId}, 'CURSEUR-' || lpad(g::text, 4, '0'), 'in_service', now(), now()
          from generate_series(1, 2000) g`,
    );
    await t.database.db.execute(sql`analyze assets`);
    const rowsExpectedAfter = async (name: string) => {
      const cursor: ListCursor = { sort: 'name', direction: 'asc', values: [], name, id: randomUUID() };
      const plan = await runInTenantScope(plain.database, [orgId], () =>
        queryBound<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(
          plain.database.db,
          sql`explain (format json) select ${assets.id} from ${assets}
              where ${assets.orgId} = ${orgId} and ${afterCursor('name', 'asc')}`,
          cursorValues(cursor),
        ),
      );
      return plan[0]!['QUERY PLAN'][0]!.Plan['Plan Rows'];
    };
    // A plan made for the cursor's values expects about 2,000 rows after the first asset and a handful after the
    // last: a page near the end (and, sorted by criticality, any page after a cursor, whose first part, "no
    // criticality", is false) then looked cheaper planned again than the prepared statement's generic plan, and
    // was planned at each request (1 ms of a 3 ms page at 100,000 assets).
    expect(await rowsExpectedAfter('CURSEUR-0001')).toBe(await rowsExpectedAfter('CURSEUR-1995'));
  });

  it('reads each organization’s assets in name order off its name index, sorting them no further', async () => {
    const region = (await buildOrg(t, { name: 'Région (RLS, fusion)' })).id;
    const establishment = (await buildOrg(t, { name: 'Établissement (RLS, fusion)', parentId: region })).id;
    for (const orgId of [region, establishment])
      await t.ctx.services.assets.importAssets(
        cliActor,
        fileSource('test/fixtures/assets/inventory-en.csv'),
        {
          orgId,
          format: 'csv',
        },
      );
    for (const orgIds of [[region, establishment], [establishment]]) {
      const { query, values } = listPageQuery(
        { orgIds, status: 'active' },
        { sort: 'name', direction: 'asc', limit: 50, offset: 0 },
      );
      const text = await indexPlan(orgIds, query, values);
      expect(text, `${orgIds.length} organizations`).toMatch(/"Index Name":"assets_org_name_unique"/);
      // One sort over several organizations, the merge of their pages; none of an organization's own rows.
      expect(
        text.match(/"Node Type":"(Incremental )?Sort"/g) ?? [],
        `${orgIds.length} organizations`,
      ).toHaveLength(orgIds.length > 1 ? 1 : 0);
    }
  });

  it('reads the keys of the rows a page skips off its sort’s index alone under the policies, in every sort', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C0 (RLS, clés)' })).id;
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId,
      format: 'csv',
    });
    // The visibility map, which an index-only scan reads instead of the table.
    await t.database.db.execute(sql`vacuum assets`);
    for (const sort of assetSortKeys) {
      const parts = assetListSortParts[sort];
      const order = sql.join([...parts.map((p) => p.expr), assets.name, assets.id], sql`, `);
      const keys = sql.join([assets.id, assets.name, ...parts.map((p) => p.expr)], sql`, `);
      const text = await indexPlan(
        [orgId],
        sql`select ${keys} from ${assets}
            where ${assets.orgId} = ${orgId} and ${assets.status} <> 'retired' order by ${order} limit 3 offset 2`,
      );
      // Each sort's index holds the columns its parts are computed from, and the status (assets.table.ts): the
      // skipped rows are never read from the table (at 9,950 rows skipped, 9.7 ms → 2.9 ms).
      expect(text, sort).toMatch(
        new RegExp(
          `"Node Type":"Index Only Scan"[^}]*"Index Name":"assets_org_${sort === 'name' ? 'name_unique' : `${sort}_idx`}"`,
        ),
      );
    }
  });

  it('reads a category’s or a criticality’s assets in name order off that sort’s index, under the policies', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C0 (RLS, filtres)' })).id;
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId,
      format: 'csv',
    });
    for (const [key, value] of [
      ['category', 'biomedical'],
      ['criticality', 'critical'],
    ] as const) {
      const text = await indexPlan(
        [orgId],
        sql`select ${assets.id}, ${assets.name} from ${assets}
            where ${assets.orgId} = ${orgId} and ${assets.status} <> 'retired'
              and ${sortedValueIs(key, sql`${value}::text`)}
            order by ${assets.name}, ${assets.id} limit 3`,
      );
      // The filter is the index's prefix after the organization (a region's servers: 1.8 → 0.18 ms an establishment).
      expect(text, key).toMatch(new RegExp(`"Index Name":"assets_org_${key}_idx"`));
      expect(text, key).not.toMatch(/"Node Type":"(Incremental )?Sort"/);
    }
  });

  it('runs a prepared lookup on the connection of the scope it runs in, never on one it was prepared on', async () => {
    const { token } = await t.ctx.services.apiTokens.create(cliActor, {
      name: 'portée',
      role: 'auditor',
      orgId: orgB,
      expiresInDays: 1,
    });
    const tokens = createApiTokensRepository();
    const lookUp = () => tokens.findByHash(plain.database.db, hashToken(token));
    // Prepared first inside organization A's scope, where B's token is hidden; then run unscoped, where it is seen.
    expect(await runInTenantScope(plain.database, [orgA], lookUp, 'read')).toBeUndefined();
    expect((await lookUp())?.orgId).toBe(orgB);
    expect(await runInTenantScope(plain.database, [orgA], lookUp, 'read')).toBeUndefined();
    expect((await runInTenantScope(plain.database, [orgB], lookUp, 'read'))?.orgId).toBe(orgB);
  });

  it('plans the pages people read most once per connection, a search’s and its count of matches included', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C1 (RLS, plans)' })).id;
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId,
      format: 'csv',
    });
    const repository = createAssetsRepository();
    const page = { sort: 'criticality', direction: 'desc', limit: 7, offset: 0 } as const;
    // Statistics as an inventory has them where every asset is in service (most do: few retired, none unqualified),
    // and enough assets for a plan that misjudges the status filter to cost more than one made for its value.
    await t.database.db.execute(
      sql`insert into assets (org_id, name, status, criticality, created_at, updated_at)
          select ${orgId}, 'PLAN-' || g, 'in_service', 'low', now(), now() from generate_series(1, 5000) g`,
    );
    await t.database.db.execute(sql`analyze assets`);
    // One connection throughout: a statement is prepared, and its plans counted, per connection.
    const statements = await runInTenantScope(
      plain.database,
      [orgId],
      async () => {
        for (let i = 0; i < 7; i++) {
          const first = await repository.list(plain.database.db, { orgIds: [orgId] }, page);
          expect(first.rows).toHaveLength(7);
          // The list as the web app opens it: every asset in service, so a bound `status <> $1` would be estimated
          // at no row and the generic plan never kept (statusLiteral).
          await repository.list(plain.database.db, { orgIds: [orgId], status: 'active' }, page);
          await repository.list(plain.database.db, { orgIds: [orgId], search: 'PERFUSION' }, page);
        }
        return queryRows<{ statement: string; generic: number; custom: number }>(
          plain.database.db,
          sql`select statement, generic_plans::int as generic, custom_plans::int as custom
              from pg_prepared_statements where name like 'vigie_%'`,
        );
      },
      'read',
    );
    // The first page, the active assets' and the search's (its matches' ids), each of its size, 7 and one more, this
    // test's own: five plans made for the values, then PostgreSQL keeps its generic plan, the page size and the
    // status being in the text (the page's query, inside the one that writes its rows as JSON).
    const pages = statements
      .filter((s) => s.statement.includes(' limit 8)'))
      .map((s) => ({
        search: s.statement.includes('= any('),
        active: s.statement.includes('"assets"."status" <>'),
        generic: s.generic,
        custom: s.custom,
      }))
      .sort((a, b) => Number(a.search) - Number(b.search) || Number(a.active) - Number(b.active));
    expect(pages).toEqual([
      { search: false, active: false, generic: 2, custom: 5 },
      { search: false, active: true, generic: 2, custom: 5 },
      { search: true, active: false, generic: 2, custom: 5 },
    ]);
    // The search's count of its matches, named too: its plan is the function's call whatever the search (the
    // function plans the search inside, for each value). Other tests may have run the same text on this connection.
    const counts = statements.filter((s) => s.statement.includes('vigie_assets_matching'));
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) expect(count.custom).toBeLessThanOrEqual(5);
    expect(counts.some((count) => count.generic >= 2)).toBe(true);
  });

  it('reads the evaluation’s batches from the organization’s name index under the policies, probing the links', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C2 (RLS, évaluation)' })).id;
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId,
      format: 'csv',
    });
    // Enough linked assets, analyzed, for the planner to weigh hashing every link against probing them.
    await t.database.db.execute(
      sql`insert into assets (org_id, name, status, created_at, updated_at)
          select ${orgId}, 'LIEN-' || g, 'in_service', now(), now() from generate_series(1, 20000) g`,
    );
    await t.database.db.execute(
      sql`insert into asset_critical_assets (asset_id, critical_asset_id)
          select a.id, (select c.id from critical_information_assets c where c.org_id = ${orgId} limit 1)
          from assets a where a.org_id = ${orgId} and a.name like 'LIEN-%'`,
    );
    await t.database.db.execute(sql`analyze assets, asset_critical_assets`);
    const plan = await runInTenantScope(plain.database, [orgId], () =>
      queryRows<{ 'QUERY PLAN': unknown }>(
        plain.database.db,
        sql`explain (format json) ${factsBatch(orgId, 'A', 5000)}`,
      ),
    );
    const text = JSON.stringify(plan[0]!['QUERY PLAN']);
    // The batch starts where the last one ended, within one organization, without reading the others' rows.
    expect(text).toMatch(
      /"Index Name":"assets_org_name_unique"[^}]*"Index Cond":"\(\(org_id = '[^']+'::uuid\) AND \(name > /,
    );
    // Each asset's links are probed by its id, not every link hashed for each batch.
    expect(text).toMatch(/"Index Cond":"\(asset_id = assets\.id\)"/);
    expect(text).not.toMatch(/hashed SubPlan/);
  });

  it('pages a search past the cap from the sort’s index under the policies, testing each row in place', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital C3 (RLS, recherche large)' })).id;
    // One asset in seven of this model, analyzed: PostgreSQL's estimate of the test, not the truth, picks the plan.
    await t.database.db.execute(
      sql`insert into assets (org_id, name, status, model, created_at, updated_at)
          select ${orgId}, 'LARGE-' || g, 'in_service', 'Model ' || (g % 7), now(), now()
          from generate_series(1, 20000) g`,
    );
    await t.database.db.execute(sql`analyze assets`);
    const plan = await runInTenantScope(plain.database, [orgId], () =>
      queryBound<{ 'QUERY PLAN': unknown }>(
        plain.database.db,
        sql`explain (format json) select ${assets.id} from ${assets}
            where ${assets.orgId} = ${orgId} and ${matchesInRow()}
            order by ${assets.name}, ${assets.id} limit 51`,
        searchValues('model 1'),
      ),
    );
    type PlanNode = { 'Relation Name'?: string; 'Plan Rows': number; Plans?: PlanNode[] };
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
    const root = (plan[0]!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
    const scan = nodes(root).find((n) => n['Relation Name'] === 'assets');
    // Estimated at a few rows, as the bare `ILIKE` is, the matches would be read whole and sorted once there are
    // enough assets (200 ms at 100,000); estimated at a fair share (one in two), the name's index is walked.
    expect(scan?.['Plan Rows']).toBeGreaterThan(2000);
    expect(JSON.stringify(root)).toMatch(/"Index Name":"assets_org_name_unique"/);
  });

  it('searches within the caller’s scope only, through a function: the search’s own table is out of reach', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital D (RLS, recherche)' })).id;
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId,
      format: 'csv',
    });
    const { db } = plain.database;
    const matching = (scope: string[] | undefined, orgIds: string[] | null) => {
      const query = () =>
        queryRows<{ id: string }>(
          db,
          sql`select m.id from vigie_assets_matching(${orgIds ? sql`array[${sql.join(orgIds, sql`, `)}]::uuid[]` : sql`null`}, null, '%PERFUSION-04%', '10.30.0.5', null) as m(id)`,
        );
      return scope ? runInTenantScope(plain.database, scope, query) : query();
    };
    // By part of a name and by exact address: the pump and the building controller.
    expect(await matching([orgId], null)).toHaveLength(2);
    expect(await matching([orgId], [orgId])).toHaveLength(2);
    expect(await matching([orgB], null)).toEqual([]);
    // Organizations asked for outside the scope give nothing.
    expect(await matching([orgB], [orgId])).toEqual([]);
    // Unscoped (the CLI, the system) sees every organization's, as the policies let it.
    expect((await matching(undefined, null)).length).toBeGreaterThanOrEqual(2);
    // Nmap's matching by address goes the same way (migration 0014), within the same scope.
    const at = (scope: string[], orgIds: string[]) =>
      runInTenantScope(plain.database, scope, () =>
        queryRows<{ id: string }>(
          db,
          sql`select m.id from vigie_assets_at(${uuidArray(orgIds)}, array[]::text[], array['10.30.0.5'], array[]::text[]) as m(id)`,
        ),
      );
    expect(await at([orgId], [orgId])).toHaveLength(1);
    expect(await at([orgB], [orgId])).toEqual([]);
    // The page then reads the matches by id: the list of ids must reach the primary key under the policies.
    const ids = (await matching([orgId], null)).map((r) => r.id);
    const plan = await runInTenantScope(plain.database, [orgId], async () => {
      await db.execute(sql`set local enable_seqscan = off`);
      return queryRows<{ 'QUERY PLAN': unknown }>(
        db,
        sql`explain (format json) select ${assets.id} from ${assets} where ${assets.id} = any(${uuidArray(ids)})`,
      );
    });
    expect(JSON.stringify(plan[0]!['QUERY PLAN'])).toMatch(/"Index Cond":"\(id = ANY/);
    const denied = await queryRows(db, sql`select * from vigie_private.asset_lookup`).catch((e: Error) => e);
    expect((denied as Error).cause).toMatchObject({ message: 'permission denied for schema vigie_private' });
  });

  it('tidies after a large import as the plain role: the search’s own table is analyzed by its owner’s function', async () => {
    const orgId = (await buildOrg(t, { name: 'Hôpital E (RLS, gros import)' })).id;
    const lines = Array.from({ length: 1000 }, (_, i) => `BIG-${String(i).padStart(4, '0')},server`);
    await asPlainRole(async (asPlain) => {
      const report = await asPlain.ctx.services.assets.importAssets(
        cliActor,
        bufferSource('big.csv', Buffer.from(`name,category\n${lines.join('\n')}\n`)),
        { orgId, format: 'csv' },
      );
      expect(report.counts.create).toBe(1000);
    });
    // ANALYZE sets the table's row count in the catalogue: on so small a table, every row is read.
    const [lookup] = await queryRows<{ counted: number; analyzed: number }>(
      t.database.db,
      sql`select (select count(*)::int from vigie_private.asset_lookup) as counted,
                 (select reltuples::int from pg_class where oid = 'vigie_private.asset_lookup'::regclass) as analyzed`,
    );
    expect(lookup!.analyzed).toBe(lookup!.counted);
  });

  it('runs each permission route in the caller’s scope, and leaves the others unscoped', async () => {
    const app = Fastify();
    registerTenantScope(app, plain.database);
    app.addHook('onRequest', async (request) => {
      request.actor = {
        kind: 'token',
        tokenId: 'x',
        name: 'x',
        role: 'auditor',
        orgId: orgA,
        orgIds: [orgA],
        rootOrg: false,
      };
    });
    const scopeSeen = async () =>
      (
        await queryRows<{ scope: string | null }>(
          plain.database.db,
          sql`select current_setting('vigie.scope', true) as scope`,
        )
      )[0]?.scope ?? null;
    app.get('/scoped', { config: { access: { permission: 'users.read' } } }, scopeSeen);
    app.get('/unscoped', { config: { access: 'signed_in' } }, scopeSeen);
    expect((await app.inject({ url: '/scoped' })).body).toBe(orgA);
    expect((await app.inject({ url: '/unscoped' })).body).not.toBe(orgA);
    await app.close();
  });
});
