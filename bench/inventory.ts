// The inventory's figures (issue 3), at 100,000 assets, on PGlite and on PostgreSQL:
// - the import of a 100,000-asset CSV against COPY of the same rows into a plain table of the same database,
//   as a ratio in one run, and the import's memory at 25,000 and at 100,000 rows (it should not grow with the file),
//   sampled in-process and as a cap on the heap of the CLI's import;
// - a full evaluation of every check;
// - the dashboard and asset-list APIs under 50 concurrent clients, through a real `vigie serve` process (on
//   PostgreSQL, connected as a plain role: row-level security binds it, as in production).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openAppContext } from '../src/app/context.ts';
import { cliActor } from '../src/core/auth/actor.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { textArray } from '../src/core/db/database.ts';
import type { PgliteThreadClient } from '../src/core/db/pglite-thread-client.ts';
import { createAssetsRepository } from '../src/modules/assets/assets.repository.ts';
import { assetCategories, criticalities } from '../src/modules/assets/assets.vocabulary.ts';
import { fileSource } from '../src/modules/assets/importers/import-source.ts';
import { asPlainRole } from './plain-role.ts';
import { loadUrl, probing, startServer } from './server-process.ts';

export type Row = (what: string, figure: string) => void;

const header =
  'name,category,owner,os_name,os_version,components,functions,critical_assets,hosting,host_contact,criticality,internet_exposed,ip,mac,hostname,manufacturer,model,serial,firmware,site,software';
const systems = [
  ['Windows', '11'],
  ['Windows Server 2012 R2', '2012 R2'],
  ['Windows Server 2019', '2019'],
  ['Ubuntu', '22.04'],
  ['FortiOS', '7.2.8'],
  ['VxWorks', '6.9'],
  ['Embedded Linux', ''],
] as const;
const criticalAssets = [
  'Soins intensifs',
  'Urgence',
  'Dossier patient électronique',
  'Laboratoire',
  'Imagerie',
];

/** A realistic inventory: every kind of equipment, some fields missing, some versions past their end of life. */
export function writeInventory(file: string, count: number): number {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${header}\n`);
  for (let i = 0; i < count; i++) {
    const [os_, version] = systems[i % systems.length]!;
    const n = i.toString(16).padStart(6, '0');
    const mac = `02:00:${n.slice(0, 2)}:${n.slice(2, 4)}:${n.slice(4, 6)}:01`;
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const hosted = i % 10 === 0;
    fs.writeSync(
      out,
      `ASSET-${String(i).padStart(6, '0')},${assetCategories[i % assetCategories.length]},Person ${i % 200},"${os_}",${version},"CPU; RAM",Function ${i % 50},${criticalAssets[i % criticalAssets.length]},${hosted ? 'third_party' : 'on_premises'},${hosted && i % 20 !== 0 ? 'Host 514-555-0100' : ''},${criticalities[i % criticalities.length]},${i % 9 === 0 ? 'yes' : 'no'},${ip},${mac},asset-${i}.chr.local,Maker ${i % 30},Model ${i % 70},SN-${i},${i % 3 === 0 ? '1.2.3' : ''},Site ${i % 12},Mozilla Firefox|115.0|Mozilla\n`,
    );
  }
  fs.closeSync(out);
  return fs.statSync(file).size;
}

type Kind = 'pglite' | 'postgresql';

/**
 * The import's memory, flat in the file's size, shown without sampling: the CLI imports the file in a process whose
 * heap is capped far below what its rows would take if they were held at once (the CSV reader's 100,000 records,
 * kept in an array, hold 134 MiB of heap). The peak heap sampled in-process depends on when the collector runs (98
 * to 157 MiB for the same 100,000-asset import in one session); a cap is passed or not.
 */
const heapCapMiB = 64;

function importUnderHeapCap(file: string, orgId: string, env: Record<string, string>): string {
  const started = performance.now();
  try {
    execFileSync(
      process.execPath,
      [`--max-old-space-size=${heapCapMiB}`, 'bin/vigie.mjs', 'import', 'assets', file, '--org', orgId],
      { env: { ...process.env, ...env }, stdio: 'ignore' },
    );
    return `completed in ${(performance.now() - started).toFixed(0)} ms`;
  } catch (error) {
    // Reported, not thrown: the other figures still stand.
    const { status, signal } = error as { status: number | null; signal: string | null };
    return `FAILED (exit ${status ?? signal}) after ${(performance.now() - started).toFixed(0)} ms`;
  }
}

async function copyBaseline(ctx: Awaited<ReturnType<typeof openAppContext>>, file: string): Promise<number> {
  const columns = header
    .split(',')
    .map((c) => `${c} text`)
    .join(', ');
  const client = (ctx.database.db as unknown as { $client: PgliteThreadClient | pg.Pool }).$client;
  const started = performance.now();
  if (ctx.database.kind === 'pglite') {
    const lite = client as PgliteThreadClient;
    await lite.exec(`create table bench_copy (${columns})`);
    await lite.query("copy bench_copy from '/dev/blob' with (format csv, header true)", [], {
      blob: new Blob([fs.readFileSync(file)]),
    });
  } else {
    const pool = client as pg.Pool;
    const connection = await pool.connect();
    try {
      await connection.query(`create table bench_copy (${columns})`);
      await pipeline(
        fs.createReadStream(file),
        connection.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')),
      );
    } finally {
      connection.release();
    }
  }
  return performance.now() - started;
}

/**
 * The ceiling of any import design on this schema: the rows already in the database (the COPY above), moved in one
 * set-based INSERT … SELECT into the assets table with its indexes, constraints and policies (no validation, no
 * history, no due items), in a transaction that is rolled back.
 */
async function setBasedCeiling(
  ctx: Awaited<ReturnType<typeof openAppContext>>,
  orgId: string,
): Promise<number> {
  const statement = `insert into assets (org_id, name, status, category, os_name, os_version, components, functions,
      hosting, host_contact, criticality, internet_exposed, ips, macs, hostnames, manufacturer, model, serial,
      firmware, site, software)
    select $1::uuid, name, 'in_service', category, os_name, os_version, components, functions, hosting,
      nullif(host_contact, ''), criticality, internet_exposed = 'yes', array[ip], array[mac], array[hostname],
      manufacturer, model, serial, nullif(firmware, ''), site, jsonb_build_array(jsonb_build_object('name', software))
    from bench_copy`;
  const client = (ctx.database.db as unknown as { $client: PgliteThreadClient | pg.Pool }).$client;
  const pool = ctx.database.kind === 'postgresql' ? (client as pg.Pool) : undefined;
  // Both drivers take `query(text, params)`; on PostgreSQL the transaction needs one pooled connection.
  const connection: { query(text: string, params?: unknown[]): Promise<unknown> } = pool
    ? await pool.connect()
    : (client as PgliteThreadClient);
  try {
    await connection.query('begin');
    const started = performance.now();
    await connection.query(statement, [orgId]);
    const ms = performance.now() - started;
    await connection.query('rollback');
    return ms;
  } finally {
    if (pool) (connection as pg.PoolClient).release();
  }
}

/** Peak heap and RSS growth during `work`, sampled every 50 ms. */
async function measuringMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; heapMiB: number; rssMiB: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed - base.heapUsed);
    rss = Math.max(rss, now.rss - base.rss);
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return { result, heapMiB: heap / 2 ** 20, rssMiB: rss / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function inventoryFigures(kind: Kind, databaseUrl: string | undefined, port: number, row: Row) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-inventory-'));
  const dataDir = path.join(work, 'data');
  const env = { VIGIE_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const small = path.join(work, 'inventory-25k.csv');
  const large = path.join(work, 'inventory-100k.csv');
  writeInventory(small, 25_000);
  const size = writeInventory(large, 100_000);
  let token = '';
  let deepCursor = '';
  let orgId = '';
  let cappedOrgId = '';
  try {
    const ctx = await openAppContext(loadConfig(env), { role: 'bench', migrate: true });
    try {
      const warm = await ctx.services.orgs.create(cliActor, { name: 'Bench warm-up', kind: 'region' });
      const first = await measuringMemory(() =>
        ctx.services.assets.importAssets(cliActor, fileSource(small), { orgId: warm.id, format: 'csv' }),
      );
      row(
        `${kind}: import of 25,000 assets — peak heap / RSS growth`,
        `${first.heapMiB.toFixed(0)} MiB / ${first.rssMiB.toFixed(0)} MiB`,
      );

      const org = await ctx.services.orgs.create(cliActor, { name: 'CISSS de banc d’essai', kind: 'region' });
      orgId = org.id;
      const copyMs = await copyBaseline(ctx, large);
      const ceilingMs = await setBasedCeiling(ctx, orgId);
      const started = performance.now();
      const imported = await measuringMemory(() =>
        ctx.services.assets.importAssets(cliActor, fileSource(large), { orgId, format: 'csv' }),
      );
      const importMs = performance.now() - started;
      if (imported.result.counts.create !== 100_000)
        throw new Error(`import created ${imported.result.counts.create}`);
      const copyRate = 100_000 / (copyMs / 1000);
      const importRate = 100_000 / (importMs / 1000);
      row(
        `${kind}: COPY of 100,000 rows (${(size / 2 ** 20).toFixed(0)} MiB CSV) into a plain table`,
        `${copyMs.toFixed(0)} ms, ${copyRate.toFixed(0)} rows/s`,
      );
      const ceilingRate = 100_000 / (ceilingMs / 1000);
      row(
        `${kind}: the same rows from that table into the assets table, one INSERT … SELECT (any import's ceiling)`,
        `${ceilingMs.toFixed(0)} ms, ${ceilingRate.toFixed(0)} rows/s — ${((ceilingRate / copyRate) * 100).toFixed(1)} % of COPY`,
      );
      row(
        `${kind}: import of the same 100,000 assets (validation, history, due items, evaluation)`,
        `${importMs.toFixed(0)} ms, ${importRate.toFixed(0)} rows/s — ${((importRate / copyRate) * 100).toFixed(1)} % of COPY`,
      );
      row(
        `${kind}: import of 100,000 assets — peak heap / RSS growth`,
        `${imported.heapMiB.toFixed(0)} MiB / ${imported.rssMiB.toFixed(0)} MiB`,
      );

      const again = performance.now();
      const unchanged = await ctx.services.assets.importAssets(cliActor, fileSource(large), {
        orgId,
        format: 'csv',
      });
      if (unchanged.counts.unchanged !== 100_000) throw new Error('the re-import changed something');
      row(
        `${kind}: re-import of the same file (100,000 unchanged)`,
        `${(performance.now() - again).toFixed(0)} ms`,
      );

      const evaluations: number[] = [];
      // How long the evaluation holds the event loop at a time: a server's requests wait that long behind it.
      const held = monitorEventLoopDelay({ resolution: 1 });
      held.enable();
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await ctx.services.compliance.evaluate(cliActor, orgId);
        evaluations.push(performance.now() - t0);
      }
      held.disable();
      row(
        `${kind}: full evaluation of every check at 100,000 assets (best of 3)`,
        `${Math.min(...evaluations).toFixed(0)} ms`,
      );
      row(
        `${kind}: the event loop held by those evaluations, at the most / p99`,
        `${(held.max / 1e6).toFixed(1)} ms / ${(held.percentile(99) / 1e6).toFixed(1)} ms`,
      );
      // Where a page deep in the list starts, as a person reaches it with Next (the HTTP API's offset stops at
      // 10,000; the service's does not).
      deepCursor =
        (
          await ctx.services.assets.list(cliActor, {
            orgId,
            sort: 'criticality',
            direction: 'asc',
            limit: 50,
            offset: 89_950,
          })
        ).next ?? '';
      cappedOrgId = (await ctx.services.orgs.create(cliActor, { name: 'Tas plafonné', kind: 'region' })).id;
      token = (
        await ctx.services.apiTokens.create(cliActor, {
          name: 'bench',
          role: 'auditor',
          orgId,
          expiresInDays: 1,
        })
      ).token;
      // What autovacuum would take up within the minute after the import's 100,000 rows of history, links and due
      // items, done now: the loads below measure the running server on a database at rest, not beside autovacuum.
      await ctx.database.db.execute(sql`vacuum analyze`);
    } finally {
      await ctx.close();
    }
    // What an operator waits for: the command in a new process, its start and its first look at the end-of-life
    // data included (the evaluations above ran in a process that had already read them for the import).
    const command = performance.now();
    execFileSync(process.execPath, ['bin/vigie.mjs', 'compliance', 'evaluate', '--org', orgId], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    row(
      `${kind}: \`vigie compliance evaluate\` at 100,000 assets, a new process (its start included)`,
      `${(performance.now() - command).toFixed(0)} ms`,
    );

    /**
     * Loads each URL with 50 clients for 10 s (after 2 s of warm-up) through a real `vigie serve`, as the token's
     * auditor; on PostgreSQL the server connects as a plain role, under row-level security as in production.
     */
    const load = (urls: Record<string, string>) =>
      databaseUrl ? asPlainRole(databaseUrl, (url) => loadThrough(urls, url)) : loadThrough(urls, undefined);
    const loadThrough = async (urls: Record<string, string>, serverDatabaseUrl: string | undefined) => {
      const server = await startServer({
        port,
        dataDir,
        ...(serverDatabaseUrl ? { databaseUrl: serverDatabaseUrl } : {}),
      });
      try {
        // The web app's page is asked all along, one request at a time: it needs no database, so its wait is the
        // server's own (decision 0014).
        const { latency } = await probing(`${server.url}/`, async () => {
          for (const [what, url] of Object.entries(urls)) {
            const result = await loadUrl(`${server.url}${url}`, { authorization: `Bearer ${token}` });
            const codes = result.statusCodeStats as Record<string, { count: number }>;
            const busy = codes['503']?.count ?? 0;
            // A 503 is the server shedding load (its pool saturated) and is reported; any other failure is a bug.
            if (result.non2xx > busy)
              throw new Error(`${url}: ${result.non2xx} non-2xx answers: ${JSON.stringify(codes)}`);
            // Requests still unanswered after autocannon's 10 s are counted, not hidden.
            const late = result.timeouts ? `, ${result.timeouts} timed out after 10 s` : '';
            const shed = busy ? `, ${busy} refused with 503 (saturated)` : '';
            row(
              `${kind}: ${what} at 100,000 assets, 50 clients — requests/s, p50 / p99`,
              `${result.requests.average.toFixed(0)}, ${result.latency.p50} ms / ${result.latency.p99} ms${late}${shed}`,
            );
          }
        });
        row(
          `${kind}: the web app's page (no database), asked every 50 ms during the loads above — p50 / p99 / at the most`,
          `${latency.p50.toFixed(0)} ms / ${latency.p99.toFixed(0)} ms / ${latency.max.toFixed(0)} ms (${latency.count} requests)`,
        );
      } finally {
        await server.stop();
      }
    };
    await load({
      'dashboard status (counts only)': `/api/v1/compliance/status?orgId=${orgId}&failingLimit=0`,
      'obligation page status (obligation 1, 100 failing items each)': `/api/v1/compliance/status?orgId=${orgId}&failingLimit=100&obligation=1`,
      'asset list, first page': '/api/v1/assets?limit=50',
      'asset list, page 200 by offset (9,950) sorted by criticality':
        '/api/v1/assets?limit=50&offset=9950&sort=criticality',
      'asset list, page 1,801 by cursor (after row 90,000) sorted by criticality': `/api/v1/assets?limit=50&sort=criticality&after=${encodeURIComponent(deepCursor)}`,
      // The last asset's address (writeInventory: 10.x.y.z from its number, 99,999 = 0x01869f).
      'asset list, search by IP (1 asset)': '/api/v1/assets?search=10.1.134.159',
      'asset list, search by part of a serial number (11 assets)': '/api/v1/assets?search=SN-4242',
      'asset list, search by part of a model (15,719 assets)': '/api/v1/assets?search=Model%201',
    });

    // The same inventory spread over ten establishments of the region, as a CISSS holds it: the region's list
    // merges them page by page.
    const spread = await openAppContext(loadConfig(env), { role: 'bench', migrate: false });
    try {
      const establishments: string[] = [];
      for (let i = 1; i <= 9; i++)
        establishments.push(
          (
            await spread.services.orgs.create(cliActor, {
              name: `Établissement ${i}`,
              kind: 'establishment',
              parentId: orgId,
            })
          ).id,
        );
      await spread.database.db.execute(
        sql`update assets set org_id = (${textArray(establishments)}::uuid[])[1 + (hashtext(name) & 2147483647) % 10]
            where org_id = ${orgId} and (hashtext(name) & 2147483647) % 10 < 9`,
      );
      // As after a large import (the service tidies then): otherwise autovacuum takes up the 90,000 rows just
      // updated while the region's list is measured.
      await createAssetsRepository().tidy(spread.database.db);
    } finally {
      await spread.close();
    }
    await load({
      'region list over 10 establishments, first page': `/api/v1/assets?orgId=${orgId}&status=active&limit=50`,
      // The toolbar's filters and the search box, as a region's officer uses them (writeInventory: one asset in
      // seven a server; "Model 1" is the model of 15,719).
      'region list, servers only (14,286)': `/api/v1/assets?orgId=${orgId}&status=active&category=server&limit=50`,
      'region list, search by part of a model (15,719)': `/api/v1/assets?orgId=${orgId}&status=active&search=Model%201&limit=50`,
    });
    // Last: its 100,000 more assets would change what the loads above read.
    row(
      `${kind}: \`vigie import assets\` of the 100,000 assets, a new process whose heap V8 caps at ${heapCapMiB} MiB`,
      importUnderHeapCap(large, cappedOrgId, env),
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
