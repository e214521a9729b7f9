import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../src/core/db/data-dir-lock.ts';
import { vigieWith } from './support/cli.ts';
import { createTestDatabase, type TestDatabase, testDbKind } from './support/database.ts';

const bin = path.resolve('bin/vigie.mjs');
let dataDir: string;
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-'));
  env = { VIGIE_DATA_DIR: dataDir, LANG: 'en_CA.UTF-8' };
  if (testDbKind === 'postgresql') {
    database = await createTestDatabase({ migrate: false });
    env.DATABASE_URL = database.url;
  }
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function vigie(...argv: string[]) {
  return vigieWith(env, ...argv);
}

describe('the vigie CLI', () => {
  it('creates an organization and prints its id as JSON', async () => {
    const r = await vigie('--format', 'json', 'org', 'create', '--name', 'CISSS de la CLI');
    expect(r.code).toBe(0);
    const org = JSON.parse(r.stdout);
    expect(org).toMatchObject({
      name: 'CISSS de la CLI',
      kind: 'region',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const child = await vigie(
      '--format',
      'json',
      'org',
      'create',
      '--name',
      'Hôpital CLI',
      '--parent',
      org.id,
    );
    expect(JSON.parse(child.stdout)).toMatchObject({ kind: 'establishment', parentId: org.id });
    const again = await vigie('org', 'create', '--name', 'CISSS de la CLI');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('orgs.name_taken');
  });

  it('creates an account with a one-time password, resets its MFA, and verifies the journal', async () => {
    const orgs = JSON.parse((await vigie('--format', 'json', 'org', 'list')).stdout);
    const top = orgs.find((o: { name: string }) => o.name === 'CISSS de la CLI');
    const created = await vigie(
      'user',
      'create',
      '--email',
      'cli.admin@example.org',
      '--role',
      'admin',
      '--org',
      top.id,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/One-time password .*: [A-Za-z0-9]{20}\n/);
    expect((await vigie('user', 'reset-mfa', '--email', 'cli.admin@example.org')).code).toBe(0);
    const missing = await vigie('user', 'reset-mfa', '--email', 'nobody@example.org');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/User not found/);
    const verify = await vigie('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/intact: [1-9]\d* entries/);
  });

  it('imports an inventory, reports compliance as JSON, writes reports and exports, and refuses a bad file', async () => {
    const org = JSON.parse(
      (await vigie('--format', 'json', 'org', 'create', '--name', 'CISSS inventaire CLI')).stdout,
    );
    const file = path.resolve('test/fixtures/assets/inventory-en.csv');

    const preview = await vigie('--format', 'json', 'import', 'assets', file, '--org', org.id, '--dry-run');
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ outcome: 'preview', counts: { create: 5 } });
    const applied = await vigie('import', 'assets', file, '--org', org.id);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('5 to create, 0 to update, 0 unchanged, 0 rejected.\n');
    expect(applied.stdout).toMatch(/Imported\.\n$/);
    // Twenty names at the most on a line; the JSON report has them all.
    const holders = path.join(dataDir, 'holders.csv');
    fs.writeFileSync(
      holders,
      `name,owner\n${Array.from({ length: 23 }, (_, i) => `H-${i},P${i}`).join('\n')}\n`,
    );
    const many = await vigie('import', 'assets', holders, '--org', org.id, '--dry-run');
    const first20 = Array.from({ length: 20 }, (_, i) => `P${i}`).join(', ');
    expect(many.stdout).toContain(`People added: ${first20} and 3 more\n`);

    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(bad, 'name,category,ip\nA,server,10.0.0.1\nB,toaster,10.0.0.999\n');
    const refused = await vigie('import', 'assets', bad, '--org', org.id);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3: category: unknown category "toaster"');
    expect(refused.stdout).toContain('ip: "10.0.0.999" is not a valid IP address');
    expect(refused.stdout).toMatch(/Rejected: nothing was written/);
    const scan = await vigie(
      'import',
      'assets',
      path.resolve('test/fixtures/assets/nmap-ward.xml'),
      '--org',
      org.id,
    );
    // PERFUSION-04 by its MAC, SRV-DOSSIER-01 by its host name; the two hosts not in this inventory are discovered.
    expect(scan.stdout).toContain('(nmap): 2 to create, 2 to update');

    const status = await vigie('compliance', 'status', '--org', org.id, '--format', 'json', '--lang', 'en');
    expect(status.code).toBe(0);
    const json = JSON.parse(status.stdout);
    expect(json).toMatchObject({
      framework: { id: 'msss-directive' },
      evaluatedAt: expect.any(String),
      score: expect.any(Number),
    });
    expect(json.obligations).toHaveLength(13);
    expect(json.obligations[0].requirements[1]).toMatchObject({
      id: 'MSSS-1.2',
      status: 'partial',
      mode: 'measured',
      failing: [{ item: 'PERFUSION-04', reason: 'missing fields: operating-system version' }],
    });

    for (const format of ['html', 'pdf', 'json']) {
      const out = path.join(dataDir, `report.${format}`);
      expect((await vigie('report', '--org', org.id, '--format', format, '--out', out)).code).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
    }
    expect(fs.readFileSync(path.join(dataDir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The operator's language (LANG here is English) unless --lang says otherwise.
    expect(fs.readFileSync(path.join(dataDir, 'report.html'), 'utf8')).toContain('Compliance report');

    const exported = await vigie('assets', 'export', '--org', org.id);
    expect(exported.stdout.split('\n')[0]).toMatch(/^name,category,owner,os_name,/);
    // The five in service; the two hosts the scan discovered wait for a person to qualify them.
    expect(exported.stdout.split('\n').filter(Boolean)).toHaveLength(6);
    const feeds = JSON.parse((await vigie('--format', 'json', 'feeds', 'status')).stdout);
    expect(feeds).toMatchObject({ origin: 'shipped', itemCount: 464 });
    // A mirror's address replaces the public source; one that does not answer is named, with the way offline.
    const mirror = await vigie('feeds', 'update', '--url', 'http://127.0.0.1:9/endoflife.tar.gz');
    expect(mirror.code).toBe(1);
    expect(mirror.stderr).toContain('http://127.0.0.1:9/endoflife.tar.gz');
    expect(mirror.stderr).toContain('vigie feeds import');
  });

  it('speaks French when LANG is French, or unset as in a service', async () => {
    const { LANG: _english, ...unset } = env;
    const french = { ...env, LANG: 'fr_CA.UTF-8' };
    const org = JSON.parse(
      (await vigieWith(french, '--format', 'json', 'org', 'create', '--name', 'CISSS francophone')).stdout,
    );
    const bad = path.join(dataDir, 'mauvais.csv');
    fs.writeFileSync(bad, 'nom,catégorie,ip\nA,serveur,10.0.0.1\nB,grille-pain,10.0.0.999\n');
    const refused = await vigieWith(french, 'import', 'assets', bad, '--org', org.id);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('(csv) : 1 à créer, 0 à modifier, 0 inchangé, 1 refusé.');
    expect(refused.stdout).toContain('ligne 3 : catégorie : catégorie inconnue « grille-pain »');
    expect(refused.stdout).toMatch(/Refusé : rien n’a été écrit\./);
    const applied = await vigieWith(
      unset,
      'import',
      'assets',
      bad.replace('mauvais', 'absent'),
      '--org',
      org.id,
    );
    expect([applied.code, applied.stderr]).toEqual([
      2,
      `erreur : fichier introuvable : ${bad.replace('mauvais', 'absent')}\n`,
    ]);

    const status = await vigieWith(unset, 'compliance', 'status', '--org', org.id);
    expect(status.stdout).toContain('Directive');
    expect(status.stdout).toMatch(
      /MSSS-1\.2 (Non conforme|Partiellement conforme|Pas encore évaluée) \(mesurée\)/,
    );
    const out = path.join(dataDir, 'rapport.html');
    expect((await vigieWith(unset, 'report', '--org', org.id, '--out', out)).stdout).toBe(
      `Rapport écrit : ${out}\n`,
    );
    expect(fs.readFileSync(out, 'utf8')).toContain('Rapport de conformité');
    expect((await vigieWith(french, 'db', 'status')).stdout).toMatch(/\nEn attente : aucune\n$/);
    // LC_ALL, then LC_MESSAGES, come before LANG, as POSIX ranks them.
    expect((await vigieWith({ ...env, LC_MESSAGES: 'fr_FR.UTF-8' }, 'db', 'status')).stdout).toMatch(
      /En attente/,
    );
    const misconfigured = await vigieWith({ ...unset, PORT: 'quatre-vingts' }, 'org', 'list');
    expect([misconfigured.code, misconfigured.stderr]).toEqual([
      2,
      expect.stringMatching(/^erreur : configuration invalide dans l’environnement :\n {2}PORT: /),
    ]);
  });

  it('answers bad usage with exit code 2', async () => {
    expect((await vigie('user', 'create', '--email', 'x@example.org', '--role', 'pope')).code).toBe(2);
    expect((await vigie('no-such-command')).code).toBe(2);
    expect((await vigie('org', 'create')).code).toBe(2);
    // An id that is none is bad usage, named with its option, before the database meets it.
    const file = path.resolve('test/fixtures/assets/inventory-en.csv');
    for (const argv of [
      ['import', 'assets', file, '--org', 'cisss-est'],
      ['compliance', 'status', '--org', 'nope'],
      ['org', 'create', '--name', 'Hôpital', '--parent', '12'],
      [
        'report',
        '--org',
        '00000000-0000-4000-8000-000000000000',
        '--evaluation',
        'latest',
        '--out',
        'r.html',
      ],
    ]) {
      const option = argv.find((a) => a === '--evaluation' || a === '--parent') ?? '--org';
      const value = argv[argv.indexOf(option) + 1];
      expect(await vigie(...argv)).toMatchObject({
        code: 2,
        stderr: `error: option ${option}: "${value}" is not an id (a UUID)\n`,
      });
    }
    // An account signs in with its e-mail: the CLI takes only an address, as the API does.
    expect(await vigie('user', 'create', '--email', 'chef', '--role', 'auditor')).toMatchObject({
      code: 2,
      stderr: 'error: option --email: "chef" is not an e-mail address\n',
    });
  });

  it('names the file it could not read or write, and why, and leaves no half-written export', async () => {
    const org = JSON.parse(
      (await vigie('--format', 'json', 'org', 'create', '--name', 'CISSS des fichiers')).stdout,
    );
    const nowhere = path.join(dataDir, 'no-such-folder');
    expect(
      await vigie('assets', 'export', '--org', org.id, '--out', path.join(nowhere, 'x.csv')),
    ).toMatchObject({
      code: 1,
      stderr: `error: ${path.join(nowhere, 'x.csv')}: no such file or folder\n`,
    });
    expect(await vigie('assets', 'export', '--org', org.id, '--out', dataDir)).toMatchObject({
      code: 1,
      stderr: `error: ${dataDir}: a folder, not a file\n`,
    });
    expect(fs.readdirSync(dataDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(await vigie('report', '--org', org.id, '--out', path.join(nowhere, 'r.html'))).toMatchObject({
      code: 1,
      stderr: `error: ${path.join(nowhere, 'r.html')}: no such file or folder\n`,
    });
    expect(await vigie('import', 'assets', dataDir, '--org', org.id)).toMatchObject({
      code: 2,
      stderr: `error: ${dataDir} is a folder: give the file to import\n`,
    });
  });

  it('says an organization that does not exist is not found, never the statement the database refused', async () => {
    const missing = '00000000-0000-4000-8000-00000000dead';
    const file = path.resolve('test/fixtures/assets/inventory-en.csv');
    for (const argv of [
      ['import', 'assets', file, '--org', missing, '--dry-run'],
      ['import', 'assets', path.resolve('test/fixtures/scans/nmap/nmap_multiple_port.xml'), '--org', missing],
      ['assets', 'export', '--org', missing, '--format', 'csv'],
      ['compliance', 'evaluate', '--org', missing],
      ['compliance', 'status', '--org', missing],
      ['user', 'create', '--email', 'nobody@example.org', '--role', 'auditor', '--org', missing],
      ['org', 'create', '--name', 'Hôpital orphelin', '--parent', missing],
    ]) {
      expect(await vigie(...argv)).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `error: Organization not found: ${missing}. (orgs.not_found)\n`,
      });
    }
  });

  it('reports migrations and loads the demo once', async () => {
    const status = JSON.parse((await vigie('--format', 'json', 'db', 'status')).stdout);
    expect(status).toMatchObject({ current: true, pending: [], database: testDbKind });
    const demo = await vigie('--format', 'json', 'demo');
    expect(JSON.parse(demo.stdout)).toMatchObject({
      created: true,
      accounts: expect.arrayContaining([expect.objectContaining({ role: 'security_officer' })]),
    });
    const twice = JSON.parse((await vigie('--format', 'json', 'demo')).stdout);
    expect(twice.created).toBe(false);
    const orgs = JSON.parse((await vigie('--format', 'json', 'org', 'list')).stdout);
    expect(orgs.filter((o: { kind: string }) => o.kind === 'establishment').length).toBeGreaterThanOrEqual(2);
  });

  it('grants the plain role that runs Vigie what it needs, and nothing of the private schema', async () => {
    expect((await vigie('db', 'grant', 'Robert"; drop table assets; --')).code).toBe(2);
    if (testDbKind === 'pglite') {
      const r = await vigie('db', 'grant', 'vigie_app');
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('is for PostgreSQL')]);
      return;
    }
    const role = `vigie_cli_app_${Date.now()}`;
    const admin = new pg.Client({ connectionString: database!.url });
    await admin.connect();
    try {
      await admin.query(`create role ${role} login nosuperuser nobypassrls`);
      const asRole = new URL(database!.url!);
      asRole.username = role;
      const roleEnv = { ...env, DATABASE_URL: asRole.toString() };
      // Before its grants, the role's commands stop at once, naming what it lacks and the command that grants it.
      const refused = await vigieWith(roleEnv, 'org', 'list');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`the database role "${role}" may not use `);
      expect(refused.stderr).toContain(`run: vigie db grant ${role}`);
      const granted = await vigie('db', 'grant', role);
      expect(granted, granted.stderr).toMatchObject({ code: 0, stdout: `Granted to ${role}.\n` });
      const { rows } = await admin.query(
        `select has_table_privilege($1, 'assets', 'select, insert, update, delete') as tables,
                has_function_privilege($1, 'vigie_assets_matching(uuid[], text[], text, text, integer)', 'execute') as search,
                has_schema_privilege($1, 'vigie_private', 'usage') as private,
                has_function_privilege('public', 'vigie_assets_matching(uuid[], text[], text, text, integer)', 'execute') as anyone`,
        [role],
      );
      expect(rows[0]).toEqual({ tables: true, search: true, private: false, anyone: false });
      expect((await vigieWith(roleEnv, 'org', 'list')).code).toBe(0);
    } finally {
      await admin.query(`drop owned by ${role}`);
      await admin.query(`drop role ${role}`);
      await admin.end();
    }
  });

  it.runIf(testDbKind === 'pglite')(
    'refuses to open the embedded database while another process holds it',
    async () => {
      const release = acquireDataDirLock(dataDir, 'server');
      try {
        const child = await promisify(execFile)(process.execPath, [bin, 'org', 'list'], {
          env: { ...process.env, ...env },
        }).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
        );
        expect(child.code).toBe(1);
        expect(child.stderr).toContain(`in use by process ${process.pid} (server)`);
      } finally {
        release();
      }
    },
  );
});
