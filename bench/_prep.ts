import fs from 'node:fs';
import pg from 'pg';
import { openAppContext } from '../src/app/context.ts';
import { cliActor } from '../src/core/auth/actor.ts';
import { loadConfig } from '../src/core/config/config.ts';
import { fileSource } from '../src/modules/assets/importers/import-source.ts';
import { writeInventory } from './inventory.ts';

const c = new pg.Client('postgres://postgres@127.0.0.1:5432/test');
await c.connect();
await c.query('drop database if exists vigie_perf with (force)');
await c.query('create database vigie_perf');
await c.end();
const url = 'postgres://postgres@127.0.0.1:5432/vigie_perf';
writeInventory('/tmp/perf/inv.csv', 100_000);
const ctx = await openAppContext(loadConfig({ VIGIE_DATA_DIR: '/tmp/perf/data', DATABASE_URL: url }), {
  role: 'bench',
  migrate: true,
});
const org = await ctx.services.orgs.create(cliActor, { name: 'Perf', kind: 'region' });
const t = performance.now();
await ctx.services.assets.importAssets(cliActor, fileSource('/tmp/perf/inv.csv'), {
  orgId: org.id,
  format: 'csv',
});
console.log('import ms', performance.now() - t);
const token = (
  await ctx.services.apiTokens.create(cliActor, {
    name: 'b',
    role: 'auditor',
    orgId: org.id,
    expiresInDays: 5,
  })
).token;
fs.writeFileSync('/tmp/perf/env.json', JSON.stringify({ token, orgId: org.id, url }));
await ctx.close();
