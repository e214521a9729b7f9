import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moduleMessages } from '../src/app/modules.ts';
import { cliActor } from '../src/core/auth/actor.ts';
import { queryRows } from '../src/core/db/database.ts';
import { createTranslator } from '../src/core/i18n/messages.ts';
import type { ImportFormat } from '../src/modules/assets/assets.import.ts';
import { createAssetsRepository } from '../src/modules/assets/assets.repository.ts';
import { assetSummarySchema } from '../src/modules/assets/assets.schemas.ts';
import { bufferSource, fileSource } from '../src/modules/assets/importers/import-source.ts';
import {
  buildOrg,
  expectOk,
  firstListed,
  listAssets,
  setUpTestApp,
  signedInAgent,
  type TestApp,
} from './support/app.ts';

const fixtures = path.resolve('test/fixtures/assets');
// Real Nmap reports from DefectDojo's test data (BSD 3-clause; test/fixtures/scans/NOTICE.md).
const defectDojoNmap = path.resolve('test/fixtures/scans/nmap');
const t = setUpTestApp();
const translate = createTranslator(moduleMessages);

async function countRows(t: TestApp, orgId: string) {
  const [row] = await queryRows<{ assets: number; events: number; people: number }>(
    t.database.db,
    sql`select (select count(*)::int from assets where org_id = ${orgId}) as assets,
               (select count(*)::int from asset_events where org_id = ${orgId}) as events,
               (select count(*)::int from people where org_id = ${orgId}) as people`,
  );
  return row!;
}

function importText(
  t: TestApp,
  orgId: string,
  name: string,
  text: string | Buffer,
  format: ImportFormat = 'csv',
) {
  return t.ctx.services.assets.importAssets(
    cliActor,
    bufferSource(name, Buffer.isBuffer(text) ? text : Buffer.from(text)),
    {
      orgId,
      format,
    },
  );
}

/** A new organization holding the assets of inventory-en.csv. */
async function orgWithInventory() {
  const org = await buildOrg(t);
  await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, 'inventory-en.csv')), {
    orgId: org.id,
    format: 'csv',
  });
  return org;
}

/** Runs `work` while the database refuses to insert the asset of that name (a failure in a given batch). */
async function whileRefusing(t: TestApp, name: string, work: () => Promise<void>) {
  // A function's body takes no parameter: the name is written into it, so it may hold only these characters.
  if (!/^[A-Z0-9-]+$/.test(name)) throw new Error(`not a test asset name: ${name}`);
  await t.database.db.execute(sql`
    create or replace function refuse_for_test() returns trigger language plpgsql as $$
    begin
      if new.name = ${sql.raw(`'${name}'`)} then raise exception '% refused by the test', new.name; end if;
      return new;
    end $$`);
  await t.database.db.execute(
    sql`create trigger refuse_for_test before insert on assets for each row execute function refuse_for_test()`,
  );
  try {
    await work();
  } finally {
    await t.database.db.execute(sql`drop trigger refuse_for_test on assets`);
    await t.database.db.execute(sql`drop function refuse_for_test()`);
  }
}

const header =
  'name,category,owner,os_name,os_version,components,functions,critical_assets,hosting,host_contact,criticality,internet_exposed,ip,mac,hostname,manufacturer,model,serial,firmware,site,software';

describe('inventory imports', () => {
  it('imports a spreadsheet, previews without writing, and changes nothing when the same file comes again', async () => {
    const org = await buildOrg(t);
    const source = fileSource(path.join(fixtures, 'inventory-en.csv'));
    const preview = await t.ctx.services.assets.importAssets(cliActor, source, {
      orgId: org.id,
      format: 'csv',
      dryRun: true,
    });
    expect(preview.outcome).toBe('preview');
    expect(preview.counts).toEqual({ create: 5, update: 0, unchanged: 0, reject: 0 });
    expect(await countRows(t, org.id)).toEqual({ assets: 0, events: 0, people: 0 });

    const applied = await t.ctx.services.assets.importAssets(cliActor, source, {
      orgId: org.id,
      format: 'csv',
    });
    expect(applied.outcome).toBe('applied');
    expect(applied.peopleCreated.sort()).toEqual(['Julie Tremblay', 'Marc Gagnon']);
    const afterFirst = await countRows(t, org.id);
    expect(afterFirst).toEqual({ assets: 5, events: 5, people: 2 });

    const again = await t.ctx.services.assets.importAssets(cliActor, source, {
      orgId: org.id,
      format: 'csv',
    });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 5, reject: 0 });
    expect(await countRows(t, org.id)).toEqual(afterFirst);

    const { rows } = await listAssets(t.ctx, {
      search: 'PERFUSION',
      sort: 'name',
      direction: 'asc',
      limit: 10,
      offset: 0,
    });
    expect(rows.map((r) => [r.name, r.category, r.holderName, r.macs[0]])).toEqual([
      ['PERFUSION-04', 'biomedical', 'Julie Tremblay', '00:1a:2b:3c:4d:04'],
    ]);
  });

  it('imports changes over several batches, each batch read while the one before is written: every asset changed, relinked and followed up once', async () => {
    const org = await buildOrg(t);
    const head = 'name,category,owner,os_name,os_version,critical_assets\n';
    const asset = (i: number, system: string, critical: string) =>
      `ASSET-${String(i).padStart(4, '0')},server,Person ${i % 7},${system},${critical}`;
    const oldSystem = 'Windows Server 2012 R2,2012 R2';
    const newSystem = 'Windows Server 2022,2022';
    const first = Array.from({ length: 2500 }, (_, i) => asset(i, oldSystem, 'Urgence'));
    await importText(t, org.id, 'first.csv', `${head}${first.join('\n')}\n`);
    // Every even asset upgraded and moved to another critical asset, every odd one as it was, and a new asset after
    // every fifth line: changes, creations and unchanged lines in each of the three batches.
    const second = first.flatMap((line, i) => [
      i % 2 === 0 ? asset(i, newSystem, 'Laboratoire') : line,
      ...(i % 5 === 0 ? [asset(5000 + i, newSystem, 'Laboratoire')] : []),
    ]);
    const secondFile = `${head}${second.join('\n')}\n`;
    const report = await importText(t, org.id, 'second.csv', secondFile);
    expect(report.counts).toEqual({ create: 500, update: 1250, unchanged: 1250, reject: 0 });

    const [facts] = await queryRows<Record<string, number>>(
      t.database.db,
      sql`select
        (select count(*)::int from assets where org_id = ${org.id} and os_version = '2022') as upgraded,
        (select count(*)::int from asset_events where org_id = ${org.id} and kind <> 'created') as changes,
        (select count(*)::int from asset_critical_assets l join critical_information_assets c
           on c.id = l.critical_asset_id where c.org_id = ${org.id} and c.name = 'Laboratoire') as laboratory,
        (select count(*)::int from asset_critical_assets l join critical_information_assets c
           on c.id = l.critical_asset_id where c.org_id = ${org.id} and c.name = 'Urgence') as emergency,
        (select count(*)::int from compliance_due_items where org_id = ${org.id} and kind = 'asset.end_of_life'
           and closed_at is null and due_on < '2024-01-01') as ended,
        (select count(*)::int from compliance_due_items where org_id = ${org.id} and kind = 'asset.end_of_life'
           and closed_at is null) as ending,
        (select count(*)::int from compliance_due_items where org_id = ${org.id} and kind = 'asset.end_of_life'
           and closed_at is not null) as closed,
        (select count(*)::int from compliance_due_items where org_id = ${org.id} and kind = 'asset.review'
           and closed_at is null) as reviews`,
    );
    expect(facts).toEqual({
      upgraded: 1750,
      changes: 1250,
      laboratory: 1750,
      emergency: 1250,
      // Windows Server 2012 R2's end of support (2023) stays due for the assets that still run it; the upgrade
      // closed it for the others, and opened Windows Server 2022's.
      ended: 1250,
      ending: 3000,
      closed: 1250,
      reviews: 3000,
    });
    const again = await importText(t, org.id, 'second.csv', secondFile);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3000, reject: 0 });
  });

  it('reads the Windows-1252 semicolon file that Excel writes in French, with French headers and values', async () => {
    const org = await buildOrg(t);
    const report = await t.ctx.services.assets.importAssets(
      cliActor,
      fileSource(path.join(fixtures, 'inventaire-excel-fr.csv')),
      {
        orgId: org.id,
        format: 'csv',
      },
    );
    expect(report.outcome).toBe('applied');
    const monitor = await firstListed(t.ctx, 'MONITEUR');
    const detail = await t.ctx.services.assets.get(cliActor, monitor.id);
    expect([
      monitor.category,
      monitor.criticality,
      detail.asset.hosting,
      monitor.holderName,
      detail.asset.components,
    ]).toEqual(['biomedical', 'critical', 'on_premises', 'Sophie Côté', 'Écran; module ECG']);
    expect(detail.asset.criticalAssets).toEqual(['Urgence']);
  });

  it('tidies the inventory and the search’s own table after a large import', async () => {
    const org = await buildOrg(t);
    const rows = (model: string) =>
      Array.from({ length: 1000 }, (_, i) => `LOT-${i},workstation,,,,,,,,,,,,,,,${model},,,,`).join('\n');
    const lastVacuums = async () =>
      (
        await queryRows<{ relname: string; at: string | null }>(
          t.database.db,
          sql`select relname, last_vacuum::text as at from pg_stat_all_tables
              where relid in ('assets'::regclass, 'vigie_private.asset_lookup'::regclass) order by relname`,
        )
      ).map((row) => row.at);
    await importText(t, org.id, 'lot.csv', `${header}\n${rows('OptiPlex 7010')}`);
    const before = await lastVacuums();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Every asset's model changes: as many dead entries in the search's trigram index, reclaimed at once (PGlite has
    // no autovacuum to do it later).
    const changed = await importText(t, org.id, 'lot.csv', `${header}\n${rows('OptiPlex 7020')}`);
    expect(changed.counts.update).toBe(1000);
    const after = await lastVacuums();
    expect(after.every((at, i) => at !== null && at !== before[i])).toBe(true);
  });

  it('records an upgrade and a major change as such in the asset history', async () => {
    const org = await buildOrg(t);
    const line = (os: string, version: string, exposed: string) =>
      `${header}\nIRM-01,biomedical,Ana Roy,${os},${version},Console,Imagerie,Radiologie,on_premises,,high,${exposed},10.1.1.1,,,Siemens,Magnetom,S-1,1.0,Site A,`;
    await importText(t, org.id, 'v1.csv', line('Windows', '10', 'no'));
    const upgraded = await importText(t, org.id, 'v2.csv', line('Windows', '11', 'no'));
    expect(upgraded.lines).toEqual([{ line: 2, name: 'IRM-01', action: 'update', fields: ['osVersion'] }]);
    await importText(t, org.id, 'v3.csv', line('Windows', '11', 'yes'));
    const listed = await firstListed(t.ctx, 'IRM-01');
    const detail = await t.ctx.services.assets.get(cliActor, listed.id);
    expect(detail.events.map((e) => e.kind)).toEqual(['major_change', 'upgraded', 'created']);
    expect(detail.events[1]!.changes).toEqual({ osVersion: ['10', '11'] });
  });

  describe('refuses bad input, naming the file, line and field, and writes nothing', () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['a bad IP address', `${header}\nA,server,,,,,,,,,,,10.0.0.300,,,,,,,,`, /line 2.*ip.*10\.0\.0\.300/],
      [
        'a bad MAC address',
        `${header}\nA,server,,,,,,,,,,,,00:11:22:33:44,,,,,,,`,
        /line 2.*mac.*00:11:22:33:44/,
      ],
      ['an unknown category', `${header}\nA,toaster,,,,,,,,,,,,,,,,,,,`, /line 2.*category.*toaster/],
      ['a missing name', `${header}\n,server,,,,,,,,,,,,,,,,,,,`, /line 2.*name.*required/],
      [
        'a name twice in the file',
        `${header}\nA,server,,,,,,,,,,,,,,,,,,,\nA,server,,,,,,,,,,,,,,,,,,,`,
        /line 3.*name.*already on line 2/,
      ],
    ];
    for (const [what, content, message] of cases) {
      it(what, async () => {
        const org = await buildOrg(t);
        const report = await importText(
          t,
          org.id,
          'bad.csv',
          `${header}\nGOOD-1,server,,,,,,,,,,,,,,,,,,,\n${String(content).split('\n').slice(1).join('\n')}`,
        );
        expect(report.outcome).toBe('rejected');
        const rejected = report.lines.filter((l) => l.action === 'reject');
        const described = rejected
          .map(
            (l) =>
              `line ${l.line}: ${l.problems!.map((p) => `${p.field}: ${translate('en-CA', p.code, p.params)}`).join('; ')}`,
          )
          .join('\n');
        expect(described.replace(/line (\d+)/g, (_m, n) => `line ${Number(n) - 1}`)).toMatch(message);
        expect(await countRows(t, org.id)).toEqual({ assets: 0, events: 0, people: 0 });
      });
    }

    const fileErrors: [string, Buffer, RegExp][] = [
      [
        'a UTF-16 file',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\nA`, 'utf16le')]),
        /bad\.csv: UTF-16 encoding/,
      ],
      ['an unknown column', Buffer.from('name,colour\nA,blue'), /bad\.csv, line 1: unknown column "colour"/],
      [
        'a header and no line',
        Buffer.from(`${header}\n\n`),
        /bad\.csv: the file holds its header line alone/,
      ],
      [
        'a line with a column too many',
        Buffer.from('name,category\nA,server\nB,server,extra\n'),
        /bad\.csv, line 3: 3 columns instead of the header's 2/,
      ],
      [
        // Found while the batches before it are being written: they are undone too.
        'a column too many after 6,000 good lines',
        Buffer.from(
          `name,category,owner\n${Array.from({ length: 6000 }, (_, i) => `ASSET-${String(i).padStart(40, '0')},server,Person ${i % 7}`).join('\n')}\nB,server,x,extra\n`,
        ),
        /bad\.csv, line 6002: 4 columns instead of the header's 3/,
      ],
      [
        'a quote never closed',
        Buffer.from('name,notes\nA,"unclosed\nB,fine\n'),
        /bad\.csv, line 3: a quote opened before this line is never closed/,
      ],
      [
        'a 10 MB line',
        Buffer.from(`${header}\nA,server,,,,,,,,,,,,,,,,,,,${'x'.repeat(10 * 1024 * 1024)}`),
        /bad\.csv, line 2: a line longer than 1 MB/,
      ],
    ];
    it('names the columns as a French file’s header does, the repeated name included', async () => {
      const org = await buildOrg(t);
      const report = await importText(
        t,
        org.id,
        'inventaire.csv',
        'nom;catégorie;adresse_ip\nA1;serveur;10.0.0.300\n;serveur;\nA1;serveur;\n',
      );
      expect(report.outcome).toBe('rejected');
      expect(
        report.lines.map((l) => [
          l.line,
          l.problems!.map((p) => `${p.field}: ${translate('fr-CA', p.code, p.params)}`),
        ]),
      ).toEqual([
        [2, ['adresse_ip: « 10.0.0.300 » n’est pas une adresse IP valide']],
        [3, ['nom: valeur obligatoire manquante']],
        [4, ['nom: le nom « A1 » figure déjà à la ligne 2']],
      ]);
      expect(await countRows(t, org.id)).toEqual({ assets: 0, events: 0, people: 0 });
    });

    it('a row the database refuses in a later batch: its error is the one met, and nothing is written', async () => {
      const org = await buildOrg(t);
      // Refused in the fourth batch while the fifth is being read: that refusal is the error met (not the
      // "transaction aborted" of a statement after it), and the three batches written before are undone.
      await whileRefusing(t, 'ASSET-3500', async () => {
        const rows = Array.from({ length: 6000 }, (_, i) => `ASSET-${i},server,Person ${i % 7}`);
        const error = await importText(
          t,
          org.id,
          'big.csv',
          `name,category,owner\n${rows.join('\n')}\n`,
        ).catch((e: unknown) => e);
        expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(
          /ASSET-3500 refused by the test/,
        );
        expect(await countRows(t, org.id)).toEqual({ assets: 0, events: 0, people: 0 });
      });
    });

    for (const [what, content, message] of fileErrors) {
      it(what, async () => {
        const org = await buildOrg(t);
        const error = await importText(t, org.id, 'bad.csv', content).catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 422 });
        const { code, params } = error as { code: string; params: Record<string, string> };
        expect(translate('en-CA', code, params)).toMatch(message);
        expect(await countRows(t, org.id)).toEqual({ assets: 0, events: 0, people: 0 });
      });
    }
  });

  it('shows in each listed row what the asset’s page says, field for field, and nothing else', async () => {
    const org = await buildOrg(t);
    const establishment = await buildOrg(t, { parentId: org.id });
    for (const orgId of [org.id, establishment.id])
      await t.ctx.services.assets.importAssets(
        cliActor,
        fileSource(path.join(fixtures, 'inventory-en.csv')),
        {
          orgId,
          format: 'csv',
        },
      );
    // PostgreSQL writes the rows' JSON (decision 0012): text that JSON must escape, and an empty holder.
    const odd = await firstListed(t.ctx, 'PERFUSION-04', org.id);
    await t.ctx.services.assets.update(cliActor, odd.id, {
      model: 'Pompe "B\\Braun"\tà 😷 </script>\u0001',
      holderId: null,
    });
    const reader = await signedInAgent(t, { role: 'auditor', orgId: org.id });
    const get = async (url: string) => {
      const response = await reader.request({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      return response.json();
    };
    // Each way a page is read: the list as it opens (the region's, over two organizations), a search (its matches'
    // ids), filters (the count counted), a page by offset, one organization's.
    for (const query of [
      `orgId=${org.id}&limit=50`,
      `orgId=${org.id}&search=perfusion`,
      `orgId=${org.id}&category=biomedical&criticality=critical`,
      `orgId=${org.id}&limit=3&offset=2&sort=updated&direction=desc`,
      `orgId=${establishment.id}&sort=criticality`,
    ]) {
      const rows = (await get(`/api/v1/assets?${query}`)).rows as Record<string, unknown>[];
      expect(rows.length, query).toBeGreaterThan(0);
      if (query.endsWith('search=perfusion'))
        expect(rows.find((r) => r.id === odd.id)).toMatchObject({
          model: 'Pompe "B\\Braun"\tà 😷 </script>\u0001',
          holderName: null,
        });
      for (const row of rows) {
        const { asset } = await get(`/api/v1/assets/${row.id}`);
        expect(Object.keys(row).sort()).toEqual(Object.keys(assetSummarySchema.shape).sort());
        expect(row, query).toEqual(Object.fromEntries(Object.keys(row).map((key) => [key, asset[key]])));
      }
    }
    const perfusion = (await get(`/api/v1/assets?orgId=${org.id}&search=perfusion`)).rows.find(
      (r: { id: string }) => r.id !== odd.id,
    );
    expect(perfusion).toMatchObject({
      holderName: 'Julie Tremblay',
      ips: ['10.20.4.14'],
      internetExposed: false,
    });
    expect(perfusion.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('pages through the list after a cursor, in every sort and direction, empty values included', async () => {
    const org = await buildOrg(t);
    for (const [file, format] of [
      ['inventory-en.csv', 'csv'],
      ['inventaire-excel-fr.csv', 'csv'],
      ['nmap-ward.xml', 'nmap'],
    ] as const)
      await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, file)), {
        orgId: org.id,
        format,
      });
    const reader = await signedInAgent(t, { role: 'auditor', orgId: org.id });
    const list = async (query: string) => {
      const response = await reader.request({
        method: 'GET',
        url: `/api/v1/assets?orgId=${org.id}&${query}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { rows: { name: string }[]; next: string | null; total: number };
    };
    for (const sort of ['name', 'category', 'status', 'criticality', 'os', 'site', 'updated'])
      for (const direction of ['asc', 'desc']) {
        const whole = (await list(`sort=${sort}&direction=${direction}&limit=500`)).rows.map((r) => r.name);
        const paged: string[] = [];
        let after: string | null = null;
        do {
          const page = await list(
            `sort=${sort}&direction=${direction}&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`,
          );
          paged.push(...page.rows.map((r) => r.name));
          after = page.next;
        } while (after);
        expect(paged, `${sort} ${direction}`).toEqual(whole);
        expect(new Set(paged).size).toBe(whole.length);
        // A page by offset, its skipped rows read as keys only, holds the same rows.
        const byOffset = (await list(`sort=${sort}&direction=${direction}&limit=3&offset=4`)).rows;
        expect(
          byOffset.map((r) => r.name),
          `${sort} ${direction} by offset`,
        ).toEqual(whole.slice(4, 7));
      }
    // Some sorted values are empty: the Nmap hosts have no category yet.
    const categories = (await list('sort=category&limit=500')).rows.map(
      (r) => (r as { category?: string | null }).category,
    );
    expect(categories.at(-1)).toBeNull();

    const first = await list('sort=site&limit=2');
    const refused = async (query: string) => {
      const response = await reader.request({ method: 'GET', url: `/api/v1/assets?${query}` });
      expect(response.statusCode).toBe(400);
      return response.json().error.details[0];
    };
    expect(await refused('after=not-a-cursor')).toMatchObject({ field: 'querystring.after' });
    // A cursor made by hand with a value its sort's type cannot hold is refused before the database sees it.
    const forged = Buffer.from(
      JSON.stringify(['site', 'asc', ['maybe', 'Site A'], 'X', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    expect(await refused(`sort=site&after=${forged}`)).toMatchObject({ field: 'querystring.after' });
    expect(await refused(`sort=name&after=${first.next}`)).toMatchObject({
      field: 'querystring.after',
      message: 'ce curseur appartient à un autre tri de la liste',
    });
    expect(await refused(`sort=site&offset=2&after=${first.next}`)).toMatchObject({
      field: 'querystring.after',
    });
    // The OpenAPI document describes the cursor to integrations.
    const openapi = (await reader.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const parameters = openapi.paths['/api/v1/assets'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['after', 'offset', 'sort']));
  });

  it('lists a region across its establishments in the same order, page after page', async () => {
    const region = await buildOrg(t, { name: 'Région (liste)' });
    const east = await buildOrg(t, { name: 'Établissement Est', parentId: region.id });
    const west = await buildOrg(t, { name: 'Établissement Ouest', parentId: region.id });
    for (const [orgId, file, format] of [
      [east.id, 'inventory-en.csv', 'csv'],
      [west.id, 'inventory-en.csv', 'csv'],
      [west.id, 'inventaire-excel-fr.csv', 'csv'],
      [west.id, 'nmap-ward.xml', 'nmap'],
    ] as const)
      await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, file)), {
        orgId,
        format,
      });
    const reader = await signedInAgent(t, { role: 'auditor', orgId: region.id });
    const list = async (query: string) =>
      (
        await expectOk(reader.request({ method: 'GET', url: `/api/v1/assets?orgId=${region.id}&${query}` }))
      ).json() as {
        rows: { id: string }[];
        next: string | null;
        total: number;
      };
    const orders = {
      name: sql`name, id`,
      criticality: sql`array_position(array['critical','high','medium','low']::text[], criticality) nulls last, name, id`,
      site: sql`site desc nulls first, name desc, id desc`,
    };
    for (const [sort, direction] of [
      ['name', 'asc'],
      ['criticality', 'asc'],
      ['site', 'desc'],
    ] as const) {
      const expected = (
        await queryRows<{ id: string }>(
          t.database.db,
          sql`select id from assets where org_id in (${region.id}, ${east.id}, ${west.id}) and status <> 'retired' order by ${orders[sort]}`,
        )
      ).map((r) => r.id);
      const whole = await list(`sort=${sort}&direction=${direction}&status=active&limit=500`);
      expect(whole.rows.map((r) => r.id)).toEqual(expected);
      expect(whole.total).toBe(expected.length);
      const paged: string[] = [];
      let after: string | null = null;
      do {
        const page = await list(
          `sort=${sort}&direction=${direction}&status=active&limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`,
        );
        paged.push(...page.rows.map((r) => r.id));
        after = page.next;
      } while (after);
      expect(paged).toEqual(expected);
      const byOffset = await list(`sort=${sort}&direction=${direction}&status=active&limit=3&offset=3`);
      expect(byOffset.rows.map((r) => r.id)).toEqual(expected.slice(3, 6));
    }
  });

  it('reads every asset’s facts once for the checks, batch after batch read ahead, and can stop half-way', async () => {
    const region = await buildOrg(t, { name: 'Région (faits)' });
    const east = await buildOrg(t, { name: 'Établissement Est (faits)', parentId: region.id });
    const west = await buildOrg(t, { name: 'Établissement Ouest (faits)', parentId: region.id });
    for (const [orgId, file] of [
      [east.id, 'inventory-en.csv'],
      [west.id, 'inventaire-excel-fr.csv'],
    ] as const)
      await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, file)), {
        orgId,
        format: 'csv',
      });
    const expected = [];
    for (const orgId of [east.id, west.id])
      expected.push(
        ...(
          await queryRows<{ id: string }>(
            t.database.db,
            sql`select id from assets where org_id = ${orgId} order by name`,
          )
        ).map((r) => r.id),
      );
    expect(expected.length).toBeGreaterThan(4);
    const repository = createAssetsRepository();
    const read: string[] = [];
    for await (const batch of repository.scanFacts(t.database.db, [east.id, west.id], 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      read.push(...batch.map((a) => a.id));
    }
    expect(read).toEqual(expected);
    // Stopping after the first batch leaves the next one asked for and never read: nothing fails for it.
    for await (const batch of repository.scanFacts(t.database.db, [east.id], 2)) {
      expect(batch.map((a) => a.id)).toEqual(expected.slice(0, 2));
      break;
    }
    const again: string[] = [];
    for await (const batch of repository.scanFacts(t.database.db, [east.id, west.id], 3))
      again.push(...batch.map((a) => a.id));
    expect(again).toEqual(expected);
  });

  it('keeps each organization’s count of assets per status, category, criticality and exposure in step with every import, scan, edit and retirement', async () => {
    const org = await buildOrg(t);
    const facets = sql`status, category, criticality, internet_exposed`;
    const counts = async () => {
      const kept = await queryRows<{ status: string; count: number }>(
        t.database.db,
        sql`select ${facets}, count from asset_counts where org_id = ${org.id} and count <> 0
            order by ${facets}`,
      );
      const real = await queryRows<{ status: string; count: number }>(
        t.database.db,
        sql`select ${facets}, count(*)::int as count from assets where org_id = ${org.id}
            group by ${facets} order by ${facets}`,
      );
      expect(kept).toEqual(real);
      const byStatus: Record<string, number> = {};
      for (const r of real) byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
      return byStatus;
    };
    await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, 'inventory-en.csv')), {
      orgId: org.id,
      format: 'csv',
    });
    expect(await counts()).toEqual({ in_service: 5 });
    await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, 'nmap-ward.xml')), {
      orgId: org.id,
      format: 'nmap',
    });
    const afterScan = await counts();
    expect(afterScan.discovered).toBeGreaterThan(0);
    const listed = await firstListed(t.ctx, 'GTB-CVC-01', org.id);
    await t.ctx.services.assets.retire(cliActor, listed.id, {
      retiredOn: t.clock.dayOf(t.clock.now()),
      reason: 'Remplacé',
      dataWiped: true,
    });
    expect(await counts()).toEqual({ ...afterScan, in_service: afterScan.in_service! - 1, retired: 1 });
    // An edit that changes a facet moves the asset's count; one that changes none writes nothing to the counts.
    const pump = await firstListed(t.ctx, 'PERFUSION-04', org.id);
    await t.ctx.services.assets.update(cliActor, pump.id, { category: 'server', internetExposed: true });
    await t.ctx.services.assets.update(cliActor, pump.id, { notes: 'Vérifiée' });
    expect(await counts()).toEqual({ ...afterScan, in_service: afterScan.in_service! - 1, retired: 1 });
    // The list's totals come from those counts when it filters on them alone, as the asset list's toolbar does.
    type Filter = Pick<
      Parameters<typeof listAssets>[1],
      'status' | 'category' | 'criticality' | 'internetExposed'
    >;
    const total = async (filter: Filter) =>
      (
        await listAssets(t.ctx, {
          orgId: org.id,
          ...filter,
          sort: 'name',
          direction: 'asc',
          limit: 1,
          offset: 0,
        })
      ).total;
    expect([await total({}), await total({ status: 'active' }), await total({ status: 'retired' })]).toEqual([
      afterScan.in_service! + afterScan.discovered!,
      afterScan.in_service! - 1 + afterScan.discovered!,
      1,
    ]);
    const [expected] = await queryRows<{ servers: number; exposed: number; critical: number }>(
      t.database.db,
      sql`select count(*) filter (where category = 'server' and status <> 'retired')::int as servers,
            count(*) filter (where internet_exposed and category = 'server')::int as exposed,
            count(*) filter (where criticality = 'critical' and status = 'in_service')::int as critical
          from assets where org_id = ${org.id}`,
    );
    expect(expected!.exposed).toBeGreaterThan(0);
    expect([
      await total({ status: 'active', category: 'server' }),
      await total({ category: 'server', internetExposed: true }),
      await total({ status: 'in_service', criticality: 'critical' }),
    ]).toEqual([expected!.servers, expected!.exposed, expected!.critical]);
  });

  it('matches Nmap hosts by MAC, then IP, then host name, and creates the others as discovered', async () => {
    const org = await orgWithInventory();
    await t.ctx.services.assets.importAssets(
      cliActor,
      fileSource(path.join(fixtures, 'inventaire-excel-fr.csv')),
      { orgId: org.id, format: 'csv' },
    );
    const scan = fileSource(path.join(fixtures, 'nmap-ward.xml'));
    const report = await t.ctx.services.assets.importAssets(cliActor, scan, {
      orgId: org.id,
      format: 'nmap',
    });
    // Each host is named by the line of the file where its <host> element opens.
    expect(report.lines.map((l) => [l.line, l.name, l.action])).toEqual([
      [9, 'PERFUSION-04', 'update'], // by MAC, at a new IP
      [23, 'MONITEUR-URG-02', 'update'], // by IP
      [32, 'SRV-DOSSIER-01', 'update'], // by host name
      [41, 'inconnu-200.chr.local', 'create'],
    ]);
    const again = await t.ctx.services.assets.importAssets(cliActor, scan, { orgId: org.id, format: 'nmap' });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 4, reject: 0 });

    const { rows } = await listAssets(t.ctx, {
      status: 'discovered',
      sort: 'name',
      direction: 'asc',
      limit: 10,
      offset: 0,
    });
    const discovered = rows.filter((r) => r.orgId === org.id);
    expect(discovered.map((r) => [r.name, r.ips, r.macs, r.manufacturer])).toEqual([
      ['inconnu-200.chr.local', ['10.20.4.200'], ['00:50:56:aa:bb:cc'], 'VMware'],
    ]);
    const detail = await t.ctx.services.assets.get(cliActor, discovered[0]!.id);
    expect(detail.services.map((s) => `${s.protocol}/${s.port} ${s.service}`)).toEqual(['tcp/502 mbap']);
    expect(detail.problems.map((p) => p.requirementId)).toEqual(['MSSS-1.1']);
  });

  it('reads the real Nmap reports of the DefectDojo samples', async () => {
    const org = await buildOrg(t);
    // Each report has one host, after its tasks' progress lines: the line is where its <host> element opens.
    const hostLines = { 'issue4406.xml': 23, 'nmap_0port.xml': 8, 'nmap_multiple_port.xml': 9 };
    for (const [file, line] of Object.entries(hostLines)) {
      const report = await t.ctx.services.assets.importAssets(
        cliActor,
        fileSource(path.join(defectDojoNmap, file)),
        { orgId: org.id, format: 'nmap' },
      );
      expect(report.counts.create, file).toBe(1);
      expect(report.lines[0]?.line, file).toBe(line);
    }
    const listed = await firstListed(t.ctx, 'joaquinlp.me');
    const detail = await t.ctx.services.assets.get(cliActor, listed.id);
    expect(detail.services.length).toBeGreaterThan(5);
    expect(detail.asset.hostnames).toEqual(['joaquinlp.me', 'mocha2005.mochahost.com']);
  });

  it('refuses a file that is not an Nmap report, and XML with entities is never expanded', async () => {
    const org = await buildOrg(t);
    const notNmap = await importText(t, org.id, 'scan.xml', '<?xml version="1.0"?><report/>', 'nmap').catch(
      (e: unknown) => e,
    );
    expect(notNmap).toMatchObject({ code: 'assets.import.nmap_format' });
    const secret = path.join(os.tmpdir(), `vigie-xxe-${process.pid}`);
    fs.writeFileSync(secret, 'SECRET-CONTENT');
    const xxe = `<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file://${secret}">]><nmaprun start="1"><host><status state="up"/><address addr="10.9.9.9" addrtype="ipv4"/><hostnames><hostname name="&x;"/></hostnames></host></nmaprun>`;
    const report = await importText(t, org.id, 'xxe.xml', xxe, 'nmap').catch((e: unknown) => e);
    expect(JSON.stringify(report)).not.toContain('SECRET-CONTENT');
    fs.rmSync(secret);
  });

  it('imports GLPI’s computer export with its column names', async () => {
    const org = await buildOrg(t);
    const report = await t.ctx.services.assets.importAssets(
      cliActor,
      fileSource(path.join(fixtures, 'glpi-computers.csv')),
      { orgId: org.id, format: 'glpi' },
    );
    expect(report.counts.create).toBe(2);
    const listed = await firstListed(t.ctx, 'POSTE-PHARMA-03');
    expect([listed.category, listed.osName, listed.osVersion, listed.ips, listed.holderName]).toEqual([
      'workstation',
      'Microsoft Windows 10 Professionnel',
      '22H2',
      ['10.20.9.3', '10.20.9.4'],
      'Julie Tremblay',
    ]);
  });

  it('exports the inventory in the import columns, and the export re-imports unchanged', async () => {
    const org = await orgWithInventory();
    let csv = '';
    for await (const part of t.ctx.services.assets.exportCsv(cliActor, org.id)) csv += part;
    expect(csv.split('\n')[0]).toBe(`${header},acquired_on,in_service_on,notes`);
    const report = await importText(t, org.id, 'export.csv', csv);
    expect(report.counts).toEqual({ create: 0, update: 0, unchanged: 5, reject: 0 });
  });

  it('keeps the critical information assets an import names, with the criticality a person gives them', async () => {
    const org = await orgWithInventory();
    const officer = await signedInAgent(t, { role: 'security_officer', orgId: org.id });
    const listed = (await officer.request({ method: 'GET', url: '/api/v1/critical-assets' })).json();
    expect(listed.map((c: { name: string; assets: number }) => `${c.name} ${c.assets}`)).toEqual([
      'Admission 2',
      'Bloc opératoire 1',
      'Dossier patient électronique 2',
      'Soins intensifs 1',
    ]);
    const icu = listed.find((c: { name: string }) => c.name === 'Soins intensifs');
    const patched = await officer.request({
      method: 'PATCH',
      url: `/api/v1/critical-assets/${icu.id}`,
      payload: { criticality: 'critical', description: 'Patients on life support' },
    });
    expect(patched.statusCode).toBe(200);
    const after = (await officer.request({ method: 'GET', url: '/api/v1/critical-assets' })).json();
    expect(after.find((c: { id: string }) => c.id === icu.id)).toMatchObject({ criticality: 'critical' });
    const outsider = await signedInAgent(t, { role: 'security_officer', orgId: (await buildOrg(t)).id });
    const refused = await outsider.request({
      method: 'PATCH',
      url: `/api/v1/critical-assets/${icu.id}`,
      payload: { criticality: 'low', description: null },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('lists assets through the API: sorted by any column, filtered, searched by a part of a name or model or an exact address', async () => {
    const org = await orgWithInventory();
    const reader = await signedInAgent(t, { role: 'auditor', orgId: org.id });
    const names = async (query: string) => {
      const response = await reader.request({ method: 'GET', url: `/api/v1/assets?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().rows.map((r: { name: string }) => r.name);
    };
    expect(await names('sort=criticality&direction=asc')).toEqual([
      'FW-PERIMETRE',
      'PERFUSION-04',
      'SRV-DOSSIER-01',
      'GTB-CVC-01',
      'POSTE-ACCUEIL-07',
    ]);
    expect(await names('sort=name&direction=desc&limit=2')).toEqual(['SRV-DOSSIER-01', 'POSTE-ACCUEIL-07']);
    expect(await names('sort=name&limit=2&offset=2')).toEqual(['PERFUSION-04', 'POSTE-ACCUEIL-07']);
    expect(await names('category=biomedical')).toEqual(['PERFUSION-04']);
    expect(await names('internetExposed=true')).toEqual(['FW-PERIMETRE', 'GTB-CVC-01']);
    expect(await names('criticality=critical')).toEqual(['FW-PERIMETRE', 'PERFUSION-04', 'SRV-DOSSIER-01']);
    expect(await names('search=infusomat')).toEqual(['PERFUSION-04']);
    expect(await names('search=dossier')).toEqual(['SRV-DOSSIER-01']);
    expect(await names('search=10.30.0.5')).toEqual(['GTB-CVC-01']);
    expect(await names('search=fw-perimetre.chr.local')).toEqual(['FW-PERIMETRE']);
    expect(await names('search=10.30.0')).toEqual([]);
    expect(await names('search=100%25')).toEqual([]);
    const total = (await reader.request({ method: 'GET', url: '/api/v1/assets?limit=1' })).json().total;
    expect(total).toBe(5);
    const pastTheEnd = (await reader.request({ method: 'GET', url: '/api/v1/assets?offset=10' })).json();
    expect([pastTheEnd.rows.length, pastTheEnd.total, pastTheEnd.more]).toEqual([0, 5, false]);
    // Pages reach as far as the list counts (10,000), no further: the request names the field.
    const beyond = await reader.request({ method: 'GET', url: '/api/v1/assets?offset=10001' });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.details[0].field).toBe('querystring.offset');
    expect(await names(`orgId=${org.id}&category=server`)).toEqual(['SRV-DOSSIER-01']);
    const elsewhere = await reader.request({
      method: 'GET',
      url: `/api/v1/assets?orgId=${(await buildOrg(t)).id}`,
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});

describe('a search as people type it in French', () => {
  it('finds an asset whatever the accents and the case typed', async () => {
    const org = await buildOrg(t);
    // Written by SQL: the search's table follows any statement on assets (migration 0013).
    await t.database.db.execute(
      sql`insert into assets (org_id, name, status, model, created_at, updated_at)
          values (${org.id}, 'MONITEUR-URG-02', 'in_service', 'Moniteur Élite à écran', now(), now()),
                 (${org.id}, 'POMPE-URG-01', 'in_service', 'Pompe à perfusion', now(), now())`,
    );
    const reader = await signedInAgent(t, { role: 'auditor', orgId: org.id });
    const names = async (term: string) =>
      (
        await expectOk(
          reader.request({ method: 'GET', url: `/api/v1/assets?search=${encodeURIComponent(term)}` }),
        )
      )
        .json()
        .rows.map((r: { name: string }) => r.name);
    for (const term of ['elite a ecran', 'ÉLITE À ÉCRAN', 'élite', 'moniteur-urg'])
      expect(await names(term), term).toEqual(['MONITEUR-URG-02']);
    expect(await names('pompe a perfusion')).toEqual(['POMPE-URG-01']);
    expect(await names('à')).toEqual(['MONITEUR-URG-02', 'POMPE-URG-01']);
    expect(await names('elites')).toEqual([]);
  });
});

describe('a search matching more assets than the list counts', () => {
  it('pages them in order, says “more than 10,000”, and keeps the other filters', async () => {
    const org = await buildOrg(t);
    // Written by SQL, not imported: the search's table follows any statement on assets (migration 0013).
    await t.database.db.execute(
      sql`insert into assets (org_id, name, status, category, model, ips, hostnames, created_at, updated_at)
          select ${org.id}, 'POMPE-' || lpad(g::text, 5, '0'), 'in_service',
                 case when g % 2 = 0 then 'biomedical' else 'other' end, 'Alaris GP', '{10.9.9.9}',
                 '{pompes.chr.local}', now(), now()
          from generate_series(1, 10050) g`,
    );
    const reader = await signedInAgent(t, { role: 'auditor', orgId: org.id });
    const list = async (query: string) =>
      (
        await expectOk(reader.request({ method: 'GET', url: `/api/v1/assets?search=pompe-&${query}` }))
      ).json();
    const first = await list('limit=3');
    expect(first.rows.map((r: { name: string }) => r.name)).toEqual([
      'POMPE-00001',
      'POMPE-00002',
      'POMPE-00003',
    ]);
    expect([first.total, first.more]).toEqual([10_000, true]);
    const second = await list(`limit=3&after=${encodeURIComponent(first.next)}`);
    expect(second.rows.map((r: { name: string }) => r.name)).toEqual([
      'POMPE-00004',
      'POMPE-00005',
      'POMPE-00006',
    ]);
    const last = await list('limit=2&sort=name&direction=desc&category=biomedical');
    expect(last.rows.map((r: { name: string }) => r.name)).toEqual(['POMPE-10050', 'POMPE-10048']);
    // Half of them are biomedical: 5,025, counted exactly.
    expect(
      (await list('limit=1&category=biomedical&offset=5024')).rows.map((r: { name: string }) => r.name),
    ).toEqual(['POMPE-10050']);
    expect((await list('limit=1&category=biomedical')).total).toBe(5025);
    // The status is filtered among the matches themselves (migration 0016): the search's table follows a retirement.
    await t.database.db.execute(
      sql`update assets set status = 'retired' where org_id = ${org.id} and name <= 'POMPE-00060'`,
    );
    const active = await list('limit=1&status=active');
    expect([active.rows[0].name, active.total, active.more]).toEqual(['POMPE-00061', 9_990, false]);
    const retired = await list('limit=1&status=retired&sort=name&direction=desc');
    expect([retired.rows[0].name, retired.total, retired.more]).toEqual(['POMPE-00060', 60, false]);
    // One letter, as the search box holds it after the first key: every pump matches, whatever the case.
    const typed = (
      await expectOk(reader.request({ method: 'GET', url: '/api/v1/assets?limit=1&search=P&status=active' }))
    ).json();
    expect([typed.rows[0].name, typed.total, typed.more]).toEqual(['POMPE-00061', 9_990, false]);
    // Past the cap each row is tested in place (migration 0015): by its model, its exact address or host name, as
    // the search's own table is; part of an address matches nothing there, nor here.
    const search = async (term: string) => {
      const found = (
        await expectOk(reader.request({ method: 'GET', url: `/api/v1/assets?limit=2&search=${term}` }))
      ).json();
      return [found.rows.map((r: { name: string }) => r.name), found.more];
    };
    expect(await search('alaris%20gp')).toEqual([['POMPE-00001', 'POMPE-00002'], true]);
    expect(await search('10.9.9.9')).toEqual([['POMPE-00001', 'POMPE-00002'], true]);
    expect(await search('POMPES.chr.local')).toEqual([['POMPE-00001', 'POMPE-00002'], true]);
    expect(await search('10.9.9')).toEqual([[], false]);
    // Over a region: one pump in three moved to an establishment of it, the same matches in the same order, each
    // organization's part walked in order and merged (the pages past the cap), by name and by criticality.
    const establishment = await buildOrg(t, { parentId: org.id });
    await t.database.db.execute(
      sql`update assets set org_id = ${establishment.id}, criticality = case when right(name, 1) in ('1', '4') then 'high' end
          where org_id = ${org.id} and right(name, 1) in ('1', '4', '7')`,
    );
    for (const [sort, order] of [
      ['name', sql`name`],
      [
        'criticality',
        sql`array_position(array['critical','high','medium','low']::text[], criticality) nulls last, name`,
      ],
    ] as const) {
      const expected = (
        await queryRows<{ name: string }>(
          t.database.db,
          sql`select name from assets where org_id in (${org.id}, ${establishment.id}) order by ${order} limit 6`,
        )
      ).map((r) => r.name);
      const firstPage = (
        await expectOk(
          reader.request({ method: 'GET', url: `/api/v1/assets?search=pompe&sort=${sort}&limit=3` }),
        )
      ).json();
      const nextPage = (
        await expectOk(
          reader.request({
            method: 'GET',
            url: `/api/v1/assets?search=pompe&sort=${sort}&limit=3&after=${encodeURIComponent(firstPage.next)}`,
          }),
        )
      ).json();
      expect([...firstPage.rows, ...nextPage.rows].map((r: { name: string }) => r.name)).toEqual(expected);
      expect([firstPage.total, firstPage.more]).toEqual([10_000, true]);
    }
  });
});

describe('asset edits over HTTP', () => {
  /** A security officer of a new organization holding inventory-en.csv, its PERFUSION-04, and its search. */
  async function officerOnPump() {
    const org = await orgWithInventory();
    const officer = await signedInAgent(t, { role: 'security_officer', orgId: org.id });
    const found = async (search: string): Promise<string[]> =>
      (await officer.request({ method: 'GET', url: `/api/v1/assets?search=${encodeURIComponent(search)}` }))
        .json()
        .rows.map((r: { name: string }) => r.name);
    const [pump] = (
      await officer.request({ method: 'GET', url: '/api/v1/assets?search=PERFUSION-04' })
    ).json().rows;
    return { org, officer, pump, found };
  }

  it('renames an asset, and refuses a name another asset holds', async () => {
    const { officer, pump, found } = await officerOnPump();
    const renamed = await officer.request({
      method: 'PATCH',
      url: `/api/v1/assets/${pump.id}`,
      payload: { name: 'PERFUSION-SI-04' },
    });
    expect(renamed.json()).toMatchObject({ name: 'PERFUSION-SI-04' });
    // The search follows the edit, in the same transaction (migration 0013's triggers).
    expect(await found('perfusion-si')).toEqual(['PERFUSION-SI-04']);
    expect(await found('PERFUSION-04')).toEqual([]);
    // The asset's page over HTTP: its reads run one after the other on the request's connection.
    const page = (await officer.request({ method: 'GET', url: `/api/v1/assets/${pump.id}` })).json();
    expect(page.asset).toMatchObject({ name: 'PERFUSION-SI-04', holderName: 'Julie Tremblay' });
    expect(page.events.map((e: { kind: string }) => e.kind)).toContain('created');
    const taken = await officer.request({
      method: 'PATCH',
      url: `/api/v1/assets/${pump.id}`,
      payload: { name: 'GTB-CVC-01' },
    });
    expect(taken.statusCode).toBe(409);
  });

  it('writes an edit’s addresses and host names as an import does, so that a search and a scan find the asset', async () => {
    const { org, officer, pump, found } = await officerOnPump();
    const edited = await officer.request({
      method: 'PATCH',
      url: `/api/v1/assets/${pump.id}`,
      payload: { ips: ['2001:DB8::4'], macs: ['00-1A-2B-3C-4D-99'], hostnames: ['Pompe-04.CHR.local.'] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      ips: ['2001:db8::4'],
      macs: ['00:1a:2b:3c:4d:99'],
      hostnames: ['pompe-04.chr.local'],
    });
    // As typed or in lower case: before, the edit kept "Pompe-04.CHR.local." and neither found it.
    expect(await found('Pompe-04.CHR.local')).toEqual(['PERFUSION-04']);
    expect(await found('2001:DB8::4')).toEqual(['PERFUSION-04']);
    // A scan that sees the edited MAC at another address updates the asset rather than creating a discovered one.
    const scan = `<?xml version="1.0"?>
<nmaprun scanner="nmap" start="1794819600">
<host><status state="up"/>
<address addr="10.20.4.150" addrtype="ipv4"/>
<address addr="00:1A:2B:3C:4D:99" addrtype="mac"/>
</host>
</nmaprun>`;
    const report = await importText(t, org.id, 'scan.xml', scan, 'nmap');
    expect(report.lines.map((l) => [l.name, l.action])).toEqual([['PERFUSION-04', 'update']]);

    // What an import refuses, an edit refuses too, naming the field and the value; nothing is written.
    const refused = await officer.request({
      method: 'PATCH',
      url: `/api/v1/assets/${pump.id}`,
      headers: { 'accept-language': 'fr-CA' },
      payload: { ips: ['10.20.4.300'], hostnames: ['poste accueil'], macs: ['00:1A:2B'] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      { field: 'body.ips.0', message: '« 10.20.4.300 » n’est pas une adresse IP valide' },
      { field: 'body.macs.0', message: '« 00:1A:2B » n’est pas une adresse MAC valide' },
      { field: 'body.hostnames.0', message: '« poste accueil » n’est pas un nom d’hôte valide' },
    ]);
    // A misspelled field is refused rather than dropped (the rest of the edit went through, and marked the asset
    // reviewed).
    const misspelled = await officer.request({
      method: 'PATCH',
      url: `/api/v1/assets/${pump.id}`,
      headers: { 'accept-language': 'fr-CA' },
      payload: { site: 'Pavillon B', os_version: '4.2' },
    });
    expect(misspelled.statusCode).toBe(400);
    expect(misspelled.json().error.details).toEqual([
      { field: 'body', message: 'Clé non reconnue : "os_version"' },
    ]);
    const after = (await officer.request({ method: 'GET', url: `/api/v1/assets/${pump.id}` })).json().asset;
    expect(after).toMatchObject({
      ips: ['2001:db8::4', '10.20.4.150'],
      site: 'Hôpital régional - Soins intensifs',
    });
  });
});

describe('inventory imports over HTTP', () => {
  it('previews, refuses a bad file naming its line, imports, and downloads the export', async () => {
    const org = await buildOrg(t);
    const officer = await signedInAgent(t, { role: 'security_officer', orgId: org.id });
    const upload = (query: string, body: Buffer | string, contentType = 'text/csv') =>
      officer.request({
        method: 'POST',
        url: `/api/v1/assets/import?orgId=${org.id}&${query}`,
        headers: { 'content-type': contentType, 'accept-language': 'fr-CA' },
        payload: body,
      });
    const file = fs.readFileSync(path.join(fixtures, 'inventaire-excel-fr.csv'));
    const preview = await upload('fileName=inventaire.csv&dryRun=true', file);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ outcome: 'preview', counts: { create: 2 } });

    const bad = await upload('fileName=mauvais.csv', `${header}\nA,serveur,,,,,,,,,,,10.0.0.1,zz:zz,,,,,,,`);
    expect(bad.json()).toMatchObject({
      outcome: 'rejected',
      lines: [
        {
          line: 2,
          action: 'reject',
          problems: [{ field: 'mac', message: '« zz:zz » n’est pas une adresse MAC valide' }],
        },
      ],
    });
    const unknownColumn = await upload('fileName=colonnes.csv', 'nom;couleur\nA;bleu\n');
    expect(unknownColumn.statusCode).toBe(422);
    expect(unknownColumn.json().error.message).toBe(
      'colonnes.csv, ligne 1 : colonne inconnue « couleur » (colonne 2). Voir les colonnes documentées dans le guide.',
    );
    expect(await countRows(t, org.id)).toMatchObject({ assets: 0 });

    const applied = await upload('fileName=inventaire.csv', file);
    expect(applied.json()).toMatchObject({ outcome: 'applied', counts: { create: 2 } });
    const scan = await upload(
      'fileName=scan.xml',
      fs.readFileSync(path.join(fixtures, 'nmap-ward.xml')),
      'application/xml',
    );
    expect(scan.json()).toMatchObject({ format: 'nmap', outcome: 'applied' });

    const exported = await officer.request({
      method: 'GET',
      url: `/api/v1/assets/export.csv?orgId=${org.id}`,
    });
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.body.split('\n')[0]).toBe(`\uFEFF${header},acquired_on,in_service_on,notes`);
    expect(exported.body).toContain('MONITEUR-URG-02,biomedical,Sophie Côté,VxWorks,6.9');
  });

  it('tells how far an import has gone when asked for lines (NDJSON), and a failure met half-way', async () => {
    const org = await buildOrg(t);
    const officer = await signedInAgent(t, { role: 'security_officer', orgId: org.id });
    const upload = (name: string, body: string) =>
      officer.request({
        method: 'POST',
        url: `/api/v1/assets/import?orgId=${org.id}&fileName=${name}`,
        headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson', 'accept-language': 'fr-CA' },
        payload: body,
      });
    const lines = (body: string) =>
      body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = Array.from({ length: 2500 }, (_, i) => `ASSET-${i},server,Person ${i % 7}`);
    const file = `name,category,owner\n${rows.join('\n')}\n`;

    const answer = await upload('gros.csv', file);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-ndjson');
    const steps = lines(answer.body);
    const progress = steps.slice(0, -1).map((s) => s.progress as { done: number; total: number });
    // One step per batch of 1,000 lines written, the last at the file's end.
    expect(progress).toHaveLength(3);
    expect(progress.every((p, i) => p.total === file.length && p.done > (progress[i - 1]?.done ?? 0))).toBe(
      true,
    );
    expect(progress.at(-1)!.done).toBe(file.length);
    expect(steps.at(-1)).toMatchObject({ result: { outcome: 'applied', counts: { create: 2500 } } });
    expect(await countRows(t, org.id)).toMatchObject({ assets: 2500 });

    // A failure in the second batch (a row the database refuses): the line already sent says how far it went, the
    // last one says that it stopped, in the caller's language, and nothing of the file is written.
    const other = await buildOrg(t);
    const otherOfficer = await signedInAgent(t, { role: 'security_officer', orgId: other.id });
    await whileRefusing(t, 'ASSET-1500', async () => {
      const refused = await otherOfficer.request({
        method: 'POST',
        url: `/api/v1/assets/import?orgId=${other.id}&fileName=gros.csv`,
        headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson', 'accept-language': 'fr-CA' },
        payload: file,
      });
      const refusedSteps = lines(refused.body);
      expect(refusedSteps.slice(0, -1)).toEqual([
        { progress: { done: progress[0]!.done, total: file.length } },
      ]);
      expect(refusedSteps.at(-1)).toEqual({
        error: { code: 'internal', message: translate('fr-CA', 'internal') },
      });
      expect(await countRows(t, other.id)).toMatchObject({ assets: 0 });
    });

    // Refused at once, before any step: an ordinary error answer, with its status.
    const unknownColumn = await upload('colonnes.csv', 'nom;couleur\nA;bleu\n');
    expect(unknownColumn.statusCode).toBe(422);
    expect(unknownColumn.headers['content-type']).toMatch(/^application\/json/);
    expect(unknownColumn.json().error.message).toMatch(
      /^colonnes\.csv, ligne 1 : colonne inconnue « couleur »/,
    );
  });
});
