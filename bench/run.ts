// `npm run bench`: the foundation's figures (issue 2) and the inventory's (issue 3). Prints a Markdown table to paste into docs/benchmarks.md.
// PostgreSQL figures need a server (VIGIE_BENCH_PG_URL, default the CI one); they are skipped if none answers.
import fs from 'node:fs';
import os from 'node:os';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { argon2Options } from '../src/modules/users/auth/passwords.ts';
import { inventoryFigures } from './inventory.ts';
import { loadUrl, signInFirstAdmin, startServer } from './server-process.ts';

const pgUrl = process.env.VIGIE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rows: string[] = [];
const row = (what: string, figure: string) => {
  rows.push(`| ${what} | ${figure} |`);
  console.error(`${what}: ${figure}`);
};

async function argon2Figures() {
  const n = 20;
  let start = performance.now();
  for (let i = 0; i < n; i++) await hash(`password ${i}`, argon2Options);
  const oneMs = (performance.now() - start) / n;
  start = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => hash(`password ${i}`, argon2Options)));
  const parallel = n / ((performance.now() - start) / 1000);
  row(
    `argon2id m=${argon2Options.memoryCost} KiB t=${argon2Options.timeCost} p=${argon2Options.parallelism}: one hash`,
    `${oneMs.toFixed(1)} ms`,
  );
  row('argon2id hashes per second, one at a time', (1000 / oneMs).toFixed(1));
  row(`argon2id hashes per second, ${n} at once on ${os.cpus().length} cores`, parallel.toFixed(1));
}

async function freshPgDatabase(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    console.error(`no PostgreSQL at ${pgUrl}: PostgreSQL figures skipped`);
    return undefined;
  }
  const name = `vigie_bench_${Date.now()}`;
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPgDatabase(url: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  await client.end();
}

async function serverFigures(kind: 'pglite' | 'postgresql', port: number) {
  const databaseUrl = kind === 'postgresql' ? await freshPgDatabase() : undefined;
  if (kind === 'postgresql' && !databaseUrl) return;
  const first = await startServer({ port, ...(databaseUrl ? { databaseUrl } : {}) });
  row(
    `${kind}: cold start to healthy (empty database: migrations, first administrator)`,
    `${first.startMs.toFixed(0)} ms`,
  );
  await first.stop();
  const server = await startServer({ port, dataDir: first.dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  // The one-time password was printed by the first start only.
  server.output = first.output;
  try {
    row(`${kind}: start to healthy on an existing database`, `${server.startMs.toFixed(0)} ms`);
    const cookie = await signInFirstAdmin(server);
    // /me reads the session only; /orgs is a permission route (on PostgreSQL, in a row-level-security scope).
    for (const path of ['/api/v1/me', '/api/v1/orgs']) {
      const result = await loadUrl(`${server.url}${path}`, { cookie });
      if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers`);
      row(`${kind}: GET ${path}, 50 clients, 10 s — requests/s`, result.requests.average.toFixed(0));
      row(`${kind}: GET ${path} — latency p50 / p99`, `${result.latency.p50} ms / ${result.latency.p99} ms`);
    }
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPgDatabase(databaseUrl);
  }
}

// `npm run bench` runs everything; `npm run bench -- inventory` (or `foundation`) one suite.
const suites = process.argv.slice(2);
const wanted = (suite: string) =>
  suites.filter((s) => s !== 'postgresql').length === 0 || suites.includes(suite);
if (wanted('foundation')) {
  await argon2Figures();
  await serverFigures('pglite', 18_181);
  await serverFigures('postgresql', 18_182);
}
// `npm run bench -- inventory postgresql` skips the embedded database's inventory figures.
if (wanted('inventory')) {
  if (!suites.includes('postgresql')) await inventoryFigures('pglite', undefined, 18_183, row);
  const url = await freshPgDatabase();
  if (url) {
    try {
      await inventoryFigures('postgresql', url, 18_184, row);
    } finally {
      await dropPgDatabase(url);
    }
  }
}

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
console.log('| measure | figure |\n|---|---|');
console.log(rows.join('\n'));
