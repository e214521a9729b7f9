import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleMessages } from '../src/app/modules.ts';
import { cliActor } from '../src/core/auth/actor.ts';
import { createTranslator } from '../src/core/i18n/messages.ts';
import { fileSource } from '../src/modules/assets/importers/import-source.ts';
import { buildOrg, firstListed, setUpTestApp } from './support/app.ts';

const t = setUpTestApp();
const translate = createTranslator(moduleMessages);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-feeds-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** An archive laid out as GitHub serves the repository, with Windows Server 2012 R2 supported until 2031. */
async function archive(): Promise<string> {
  const root = path.join(work, 'endoflife.date-master');
  fs.mkdirSync(path.join(root, 'products'), { recursive: true });
  for (const slug of ['windows-server', 'fortios', 'postgresql']) {
    let text = fs.readFileSync(path.join('test/fixtures/endoflife/products', `${slug}.md`), 'utf8');
    if (slug === 'windows-server')
      text = text.replace(/(releaseCycle: "2012-r2"[\s\S]*?eol: )2023-10-10/, '$12031-01-01');
    fs.writeFileSync(path.join(root, 'products', `${slug}.md`), text);
  }
  fs.writeFileSync(path.join(root, 'README.md'), 'not a product');
  const file = path.join(work, 'endoflife.tar.gz');
  await tar.c({ gzip: true, file, cwd: work }, ['endoflife.date-master']);
  return file;
}

describe('end-of-life feeds', () => {
  it('imports the repository archive offline, and the evaluation uses the new dates', async () => {
    const org = await buildOrg(t);
    await t.ctx.services.assets.importAssets(cliActor, fileSource('test/fixtures/assets/inventory-en.csv'), {
      orgId: org.id,
      format: 'csv',
    });
    const failingBefore = (await t.ctx.services.compliance.status(
      cliActor,
      org.id,
    ))!.obligations[2]!.requirements[0]!.failing.map((f) => f.item);
    expect(failingBefore).toContain('SRV-DOSSIER-01');
    expect((await t.ctx.services.feeds.status()).origin).toBe('shipped');

    const result = await t.ctx.services.feeds.importFile(cliActor, await archive());
    expect(result).toMatchObject({ products: 3 });
    expect(await t.ctx.services.feeds.status()).toMatchObject({ origin: 'imported', itemCount: 3 });

    const after = await t.ctx.services.compliance.evaluate(cliActor, org.id);
    expect(after.obligations[2]!.requirements[0]!.failing.map((f) => f.item)).not.toContain('SRV-DOSSIER-01');
    const listed = await firstListed(t.ctx, 'SRV-DOSSIER-01');
    const detail = await t.ctx.services.assets.get(cliActor, listed.id);
    expect(detail.lifecycle[0]).toMatchObject({ status: 'supported', eolDate: '2031-01-01' });
  });

  it('downloads the archive over HTTP (an internal mirror here), and names the address that answers an error', async () => {
    const bytes = fs.readFileSync(await archive());
    const server = http.createServer((request, response) => {
      if (request.url !== '/mirror/endoflife.tar.gz') return response.writeHead(404).end('not found');
      response.writeHead(200, { 'content-type': 'application/gzip' }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const result = await t.ctx.services.feeds.update(cliActor, `${base}/mirror/endoflife.tar.gz`);
      expect(result).toMatchObject({ products: 3 });
      expect(await t.ctx.services.feeds.status()).toMatchObject({
        origin: 'imported',
        source: `${base}/mirror/endoflife.tar.gz`,
        itemCount: 3,
      });
      const missing = await t.ctx.services.feeds
        .update(cliActor, `${base}/gone.tar.gz`)
        .catch((e: unknown) => e);
      const { code, params } = missing as { code: string; params: Record<string, string> };
      expect(translate('en-CA', code, params)).toMatch(
        new RegExp(`^Cannot reach ${base}/gone\\.tar\\.gz .*HTTP 404`),
      );
    } finally {
      server.close();
    }
  });

  it('refuses an unreadable file, and says how to work offline when the source cannot be reached', async () => {
    const bad = path.join(work, 'bad.tar.gz');
    fs.writeFileSync(bad, 'not an archive');
    const unreadable = await t.ctx.services.feeds.importFile(cliActor, bad).catch((e: unknown) => e);
    expect(unreadable).toMatchObject({ code: 'assets.feed.unreadable' });
    const unreachable = await t.ctx.services.feeds
      .update(cliActor, 'http://127.0.0.1:9/endoflife.tar.gz')
      .catch((e: unknown) => e);
    const { code, params } = unreachable as { code: string; params: Record<string, string> };
    expect(translate('en-CA', code, params)).toMatch(
      /^Cannot reach http:\/\/127\.0\.0\.1:9\/endoflife\.tar\.gz .*vigie feeds import FILE/,
    );
  });
});
