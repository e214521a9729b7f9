import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { defineCheck } from '../src/core/compliance/checks.ts';
import { createAssetsModule } from '../src/modules/assets/assets.module.ts';
import { fileSource } from '../src/modules/assets/importers/import-source.ts';
import {
  createComplianceModule,
  createDueItemsService,
  shippedCatalogFiles,
} from '../src/modules/compliance/compliance.module.ts';
import {
  renderReport,
  reportFileName,
  statusJson,
  statusText,
} from '../src/modules/compliance/compliance.report.ts';
import type { ComplianceStatus } from '../src/modules/compliance/compliance.service.ts';
import { buildOrg, firstListed, setUpTestApp, signedInAgent } from './support/app.ts';

const fixtures = path.resolve('test/fixtures/assets');
const t = setUpTestApp();
let orgId: string;

function requirement(status: ComplianceStatus, id: string) {
  const found = status.obligations.flatMap((o) => o.requirements).find((r) => r.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
}

const failingOf = (status: ComplianceStatus, id: string) =>
  requirement(status, id).failing.map((f) => `${f.item}: ${f.reason.en}`);

beforeAll(async () => {
  orgId = (await buildOrg(t, { name: 'CISSS du Bas-Fleuve' })).id;
  for (const file of ['inventory-en.csv', 'inventaire-excel-fr.csv'])
    await t.ctx.services.assets.importAssets(cliActor, fileSource(path.join(fixtures, file)), {
      orgId,
      format: 'csv',
    });
});

describe('the compliance engine', () => {
  it('evaluates after an import: the right assets fail the right requirements, measured', async () => {
    const status = (await t.ctx.services.compliance.status(cliActor, orgId))!;
    expect(status).not.toBeNull();
    expect(requirement(status, 'MSSS-1.2')).toMatchObject({
      status: 'partial',
      mode: 'measured',
      failingCount: 1,
    });
    expect(failingOf(status, 'MSSS-1.2')).toEqual(['PERFUSION-04: missing fields: operating-system version']);
    expect(requirement(status, 'MSSS-1.2').summary).toEqual({
      fr: 'Actifs en service ayant tous les champs requis : 6 sur 7.',
      en: '6 of 7 in-service assets have every required field.',
    });
    expect(failingOf(status, 'MSSS-3.1')).toEqual([
      'FW-PERIMETRE: FortiOS 7.2.8: support ended on 2026-09-30',
      'SRV-DOSSIER-01: Windows Server 2012 R2: support ended on 2023-10-10',
      'SRV-LABO-01: PostgreSQL 13: support ended on 2025-11-13',
    ]);
    expect(requirement(status, 'MSSS-1.1').status).toBe('met');
    expect(requirement(status, 'MSSS-3.2').status).toBe('met');
    expect(requirement(status, 'MSSS-5.1')).toMatchObject({ status: 'not_evaluated', mode: 'declared' });
    expect(status.obligations.find((o) => o.id === '1')!.status).toBe('partial');
    expect(status.counts.measured).toBe(4);
    const summary = (await t.ctx.services.compliance.status(cliActor, orgId, 'msss-directive', 0))!;
    expect(requirement(summary, 'MSSS-3.1')).toMatchObject({ failing: [], failingCount: 3 });
  });

  it('opens due items for each asset’s next review and the end of support of what it runs', async () => {
    const due = await t.ctx.services.compliance.dueItems(cliActor, orgId, { limit: 100 });
    const review = due.filter((d) => d.kind === 'asset.review');
    expect(review).toHaveLength(7);
    const inAYear = new Date(t.clock.now());
    inAYear.setUTCMonth(inAYear.getUTCMonth() + 12);
    expect(new Set(review.map((d) => d.dueOn))).toEqual(new Set([t.clock.dayOf(inAYear)]));
    const overdue = await t.ctx.services.compliance.dueItems(cliActor, orgId, {
      overdueOnly: true,
      limit: 100,
    });
    expect(overdue.map((d) => `${d.subjectLabel} ${d.dueOn} ${d.detail?.en}`)).toEqual([
      'SRV-DOSSIER-01 2023-10-10 Windows Server 2012 R2: end of support',
      'SRV-LABO-01 2025-11-13 PostgreSQL 13: end of support',
      'FW-PERIMETRE 2026-09-30 FortiOS 7.2.8: end of support',
    ]);
  });

  it('accepts an approved, unexpired exception for an ended version, and fails a retirement without its record', async () => {
    const listed = await firstListed(t.ctx, 'SRV-DOSSIER-01');
    const day = (offsetDays: number) =>
      t.clock.dayOf(new Date(t.clock.now().getTime() + offsetDays * 86400000));
    await t.ctx.services.assets.approveEolException(cliActor, listed.id, {
      reason: 'Replacement in the 2027 plan',
      expiresOn: day(90),
    });
    const fw = await firstListed(t.ctx, 'FW-PERIMETRE');
    await t.ctx.services.assets.retire(cliActor, fw.id, {
      retiredOn: day(0),
      reason: 'Replaced by FG-200F',
      dataWiped: false,
    });
    // A person's edit is evaluated in the background: wait for it rather than for the request.
    await t.ctx.services.compliance.idle();
    const status = (await t.ctx.services.compliance.status(cliActor, orgId))!;
    expect(failingOf(status, 'MSSS-3.1')).toEqual([
      'SRV-LABO-01: PostgreSQL 13: support ended on 2025-11-13',
    ]);
    expect(failingOf(status, 'MSSS-3.2')).toEqual([
      'FW-PERIMETRE: incomplete retirement record: data wiping confirmed',
    ]);
    const detail = await t.ctx.services.assets.get(cliActor, fw.id);
    expect(detail.events[0]).toMatchObject({ kind: 'retired' });
    // The exception moves the end-of-life due item to its expiry; the retirement closes the firewall's items.
    const due = await t.ctx.services.compliance.dueItems(cliActor, orgId, { limit: 100 });
    expect(due.filter((d) => d.subjectLabel === 'FW-PERIMETRE')).toEqual([]);
    expect(
      due.find((d) => d.subjectLabel === 'SRV-DOSSIER-01' && d.kind === 'asset.end_of_life'),
    ).toMatchObject({
      dueOn: day(90),
      detail: { en: 'Windows Server 2012 R2: end of the approved exception' },
    });
  });

  it('declares with an attestation, hashes its evidence, and counts it not met once expired', async () => {
    const today = t.clock.dayOf(t.clock.now());
    const inAMonth = t.clock.dayOf(new Date(t.clock.now().getTime() + 30 * 86400000));
    const attestation = await t.ctx.services.compliance.attest(cliActor, {
      orgId,
      frameworkId: 'msss-directive',
      requirementId: 'MSSS-6.1',
      kind: 'compliant',
      statement: 'Daily backups of every critical system, checked by the night operator.',
      effectiveOn: today,
      expiresOn: inAMonth,
      evidence: {
        name: 'sauvegardes.pdf',
        type: 'application/pdf',
        content: Buffer.from('%PDF-1.4 backup log'),
      },
    });
    expect(attestation.evidenceSha256).toBe(createHash('sha256').update('%PDF-1.4 backup log').digest('hex'));
    let status = (await t.ctx.services.compliance.status(cliActor, orgId))!;
    expect(requirement(status, 'MSSS-6.1')).toMatchObject({ status: 'met', mode: 'declared' });
    expect(requirement(status, 'MSSS-6.1').evidence[0]!.label.en).toContain(attestation.evidenceSha256!);

    await t.ctx.services.compliance.attest(cliActor, {
      orgId,
      frameworkId: 'msss-directive',
      requirementId: 'MSSS-10.1',
      kind: 'not_applicable',
      statement: 'No citizen portal.',
      effectiveOn: today,
      expiresOn: null,
    });
    t.clock.advance(45 * 86400000);
    status = await t.ctx.services.compliance.evaluate(cliActor, orgId);
    expect(requirement(status, 'MSSS-6.1')).toMatchObject({ status: 'not_met', mode: 'declared' });
    expect(requirement(status, 'MSSS-6.1').summary.en).toMatch(/^Attestation expired on /);
    expect(requirement(status, 'MSSS-10.1').status).toBe('not_applicable');
  });

  it('fails assets nobody reviewed within the period, and keeps every evaluation for the trend', async () => {
    t.clock.advance(365 * 86400000);
    const status = await t.ctx.services.compliance.evaluate(cliActor, orgId);
    expect(requirement(status, 'MSSS-1.1').status).toBe('not_met');
    expect(failingOf(status, 'MSSS-1.1')[0]).toMatch(/: not reviewed since \d{4}-\d{2}-\d{2}$/);
    const overdueReviews = (
      await t.ctx.services.compliance.dueItems(cliActor, orgId, { overdueOnly: true, limit: 100 })
    ).filter((d) => d.kind === 'asset.review');
    expect(overdueReviews.length).toBe(6);
    // A review closes the overdue item and opens the next one a year later.
    const reviewed = overdueReviews[0]!;
    await t.ctx.services.assets.review(cliActor, reviewed.subjectId);
    await t.ctx.services.compliance.idle();
    const after = (await t.ctx.services.compliance.dueItems(cliActor, orgId, { limit: 100 })).filter(
      (d) => d.subjectId === reviewed.subjectId && d.kind === 'asset.review',
    );
    expect(after).toHaveLength(1);
    expect(after[0]!.dueOn > t.clock.dayOf(t.clock.now())).toBe(true);

    const before = (await t.ctx.services.compliance.history(cliActor, orgId)).length;
    t.clock.advance(2 * 86400000);
    await t.ctx.services.compliance.evaluateDaily();
    await t.ctx.services.compliance.evaluateDaily();
    expect((await t.ctx.services.compliance.history(cliActor, orgId)).length).toBe(before + 1);
    const history = await t.ctx.services.compliance.history(cliActor, orgId);
    expect(history.length).toBeGreaterThanOrEqual(5);
    expect(history.some((h) => h.id === status.evaluationId)).toBe(true);
  });

  it('writes the report in HTML, PDF and JSON, in French or English', async () => {
    const report = await t.ctx.services.compliance.report(cliActor, orgId);
    const htmlFr = (await renderReport(report, 'html', 'fr')).body as string;
    expect(htmlFr).toContain('<h1>Rapport de conformité</h1>');
    expect(htmlFr).toContain('CISSS du Bas-Fleuve');
    expect(htmlFr).toContain('<strong>PERFUSION-04</strong>');
    // Dated where the organization works, the zone named; the file is named after that day.
    expect(htmlFr).toMatch(/<dt>Produit le<\/dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d \(America\/Toronto\)<\/dd>/);
    expect(reportFileName(report, 'pdf')).toBe(
      `vigie-conformite-msss-directive-${t.clock.dayOf(report.generatedAt)}.pdf`,
    );
    expect(htmlFr).not.toMatch(/<script|src="http/);
    const pdf = (await renderReport(report, 'pdf', 'fr')).body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
    const json = JSON.parse((await renderReport(report, 'json', 'en')).body as string);
    expect(json).toMatchObject(statusJson(report.status, 'en'));
    expect(json.obligations[0].requirements[1]).toMatchObject({
      id: 'MSSS-1.2',
      mode: 'measured',
      failing: [{ item: 'PERFUSION-04', reason: 'missing fields: operating-system version' }],
    });

    // The first evaluation's report comes out again as it was: after the first file only, before the exception.
    const first = (await t.ctx.services.compliance.history(cliActor, orgId))[0]!;
    const earlier = await t.ctx.services.compliance.report(cliActor, orgId, 'msss-directive', first.id);
    expect(earlier.status.evaluatedAt).toEqual(first.evaluatedAt);
    expect(requirement(earlier.status, 'MSSS-3.1').failing.map((f) => f.item)).toEqual([
      'FW-PERIMETRE',
      'SRV-DOSSIER-01',
    ]);
    expect(requirement(report.status, 'MSSS-3.1').failing.map((f) => f.item)).toContain('SRV-LABO-01');
    const foreign = await t.ctx.services.compliance
      .report(cliActor, (await buildOrg(t)).id, 'msss-directive', first.id)
      .catch((e: unknown) => e);
    expect(foreign).toMatchObject({ code: 'compliance.evaluation_not_found' });
  });

  it('names the organization of each failing item when the evaluation covers several, in the status and the reports', async () => {
    const region = await buildOrg(t, { name: 'CISSS des Deux-Rives' });
    for (const name of ['Hôpital Nord', 'Hôpital Sud']) {
      const establishment = await buildOrg(t, { name, parentId: region.id });
      await t.ctx.services.assets.importAssets(
        cliActor,
        fileSource(path.join(fixtures, 'inventory-en.csv')),
        { orgId: establishment.id, format: 'csv' },
      );
    }
    await t.ctx.services.compliance.evaluate(cliActor, region.id);
    const status = (await t.ctx.services.compliance.status(cliActor, region.id))!;
    const failing = requirement(status, 'MSSS-1.2').failing.map((f) => `${f.item} (${f.org})`);
    expect(failing.sort()).toEqual(['PERFUSION-04 (Hôpital Nord)', 'PERFUSION-04 (Hôpital Sud)']);
    // One establishment's own evaluation names no organization: every item is its own.
    const [north] = (await t.ctx.services.orgs.list(cliActor)).filter((o) => o.name === 'Hôpital Nord');
    await t.ctx.services.compliance.evaluate(cliActor, north!.id);
    const own = (await t.ctx.services.compliance.status(cliActor, north!.id))!;
    expect(requirement(own, 'MSSS-1.2').failing).toEqual([
      expect.not.objectContaining({ org: expect.anything() }),
    ]);

    const report = await t.ctx.services.compliance.report(cliActor, region.id);
    const html = (await renderReport(report, 'html', 'fr')).body as string;
    expect(html).toContain('<strong>PERFUSION-04 (Hôpital Nord)</strong>');
    expect(html).toContain('<strong>PERFUSION-04 (Hôpital Sud)</strong>');
    expect(statusText(report.status, 'fr', report.timeZone)).toContain(
      '      PERFUSION-04 (Hôpital Sud) : champs manquants',
    );
    const json = JSON.parse((await renderReport(report, 'json', 'en')).body as string);
    expect(json.obligations[0].requirements[1].failing).toEqual(
      expect.arrayContaining([
        { item: 'PERFUSION-04', org: 'Hôpital Nord', reason: 'missing fields: operating-system version' },
      ]),
    );
  });

  it('evaluates a second framework with the same checks, and relates requirements through a mapping file', async () => {
    const deps = {
      db: t.database.db,
      clock: t.clock,
      audit: t.ctx.services.audit,
      orgs: t.ctx.services.orgs,
      dueItems: createDueItemsService({ db: t.database.db, clock: t.clock }),
    };
    const assets = createAssetsModule({ ...deps, reviewMonths: 12 });
    const compliance = createComplianceModule({
      ...deps,
      checks: assets.checks,
      catalogFiles: [...shippedCatalogFiles, 'test/fixtures/catalogs/hygiene-sample.yaml'],
      mappingFiles: ['test/fixtures/catalogs/msss-to-hygiene-sample.yaml'],
    });
    expect(compliance.service.frameworks().map((f) => f.id)).toEqual(['msss-directive', 'hygiene-sample']);
    const status = await compliance.service.evaluate(cliActor, orgId, { frameworkId: 'hygiene-sample' });
    expect(requirement(status, 'HYG-1.1')).toMatchObject({
      mode: 'measured',
      failing: [{ item: 'PERFUSION-04' }],
    });
    expect(requirement(status, 'HYG-1.2')).toMatchObject({ mode: 'declared', status: 'not_evaluated' });
    expect(
      compliance.service.related('hygiene-sample', 'HYG-1.1').map((r) => `${r.requirementId} ${r.kind}`),
    ).toEqual(['MSSS-1.2 equivalent', 'MSSS-1.1 related']);
    expect(compliance.service.related('msss-directive', 'MSSS-1.2')).toMatchObject([
      { framework: 'hygiene-sample', requirementId: 'HYG-1.1', kind: 'equivalent' },
    ]);
  });

  it('records an attestation over HTTP with its evidence file, which downloads intact', async () => {
    const officer = await signedInAgent(t, { role: 'security_officer', orgId });
    const evidence = Buffer.from('Registre des formations 2026 — 412 employés sur 430');
    const created = await officer.request({
      method: 'POST',
      url: '/api/v1/compliance/attestations',
      payload: {
        orgId,
        requirementId: 'MSSS-13.1',
        statement: 'Training delivered to 96 % of staff.',
        effectiveOn: t.clock.dayOf(t.clock.now()),
        evidence: { name: 'formations.txt', type: 'text/plain', contentBase64: evidence.toString('base64') },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    // A schema's own rule answers in the caller's language too, naming the field.
    const backwards = await officer.request({
      method: 'POST',
      url: '/api/v1/compliance/attestations',
      payload: {
        orgId,
        requirementId: 'MSSS-13.1',
        statement: 'x',
        effectiveOn: '2026-06-01',
        expiresOn: '2026-01-01',
      },
    });
    expect(backwards.json().error.details).toEqual([
      { field: 'body.expiresOn', message: "l'expiration ne peut précéder la date d'effet" },
    ]);
    expect(created.json()).toMatchObject({
      declaredBy: expect.stringContaining('@'),
      evidenceSha256: createHash('sha256').update(evidence).digest('hex'),
    });
    const download = await officer.request({
      method: 'GET',
      url: `/api/v1/compliance/attestations/${created.json().id}/evidence`,
    });
    expect(download.rawPayload.equals(evidence)).toBe(true);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="formations.txt"; filename*=UTF-8''formations.txt`,
    );
    const status = (
      await officer.request({ method: 'GET', url: `/api/v1/compliance/status?orgId=${orgId}` })
    ).json();
    const training = status.evaluation.obligations[12].requirements[0];
    expect(training).toMatchObject({ id: 'MSSS-13.1', status: 'met', mode: 'declared' });
    // An obligation's page asks for its own requirements only.
    const page = (
      await officer.request({
        method: 'GET',
        url: `/api/v1/compliance/status?orgId=${orgId}&failingLimit=100&obligation=13`,
      })
    ).json();
    expect(page.evaluation.obligations.map((o: { id: string }) => o.id)).toEqual(['13']);
    expect(page.evaluation.obligations[0].requirements[0]).toEqual(training);
    t.clock.advance(60_000);
    const withdrawn = await officer.request({
      method: 'POST',
      url: `/api/v1/compliance/attestations/${created.json().id}/withdraw`,
      payload: {},
    });
    expect(withdrawn.statusCode).toBe(200);
    const after = await t.ctx.services.compliance.status(cliActor, orgId);
    expect(requirement(after!, 'MSSS-13.1')).toMatchObject({ status: 'not_evaluated', attestation: null });
    // The evaluation made while it was in force still shows it, as it was, with and without a failing limit.
    const earlier = await t.ctx.services.compliance.report(
      cliActor,
      orgId,
      undefined,
      status.evaluation.evaluationId,
    );
    expect(requirement(earlier.status, 'MSSS-13.1')).toMatchObject({
      status: 'met',
      attestation: { id: created.json().id, statement: 'Training delivered to 96 % of staff.' },
    });
  });

  it('evaluates a person’s edits in the background, once for edits that arrive while one waits', async () => {
    await t.ctx.services.compliance.idle();
    const before = (await t.ctx.services.compliance.history(cliActor, orgId)).length;
    // Three changes before the first evaluation starts: one evaluation answers them all.
    for (let i = 0; i < 3; i++) t.ctx.services.compliance.evaluateSoon(orgId);
    await t.ctx.services.compliance.idle();
    expect((await t.ctx.services.compliance.history(cliActor, orgId)).length).toBe(before + 1);
  });

  it('gives error, neither pass nor fail, when a check cannot run, and logs why', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-catalog-')), 'broken-sample.yaml');
    fs.writeFileSync(
      file,
      [
        'framework: { id: broken-sample, version: "1", title: { fr: Exemple, en: Sample } }',
        'obligations:',
        '  - id: "1"',
        '    title: { fr: Un, en: One }',
        '    requirements:',
        '      - id: BRK-1.1',
        '        text: { fr: Mesurer., en: Measure. }',
        '        evaluation: { checks: [tests.throws] }',
        '        evidence: { fr: Rien., en: Nothing. }',
      ].join('\n'),
    );
    const logged: unknown[] = [];
    const compliance = createComplianceModule({
      db: t.database.db,
      clock: t.clock,
      audit: t.ctx.services.audit,
      orgs: t.ctx.services.orgs,
      dueItems: createDueItemsService({ db: t.database.db, clock: t.clock }),
      logger: { error: (...args: unknown[]) => logged.push(args) } as never,
      checks: [
        defineCheck({
          id: 'tests.throws',
          title: { fr: 'Échoue', en: 'Throws' },
          evaluate: async () => {
            throw new Error('the scanner service is down');
          },
        }),
      ],
      catalogFiles: [file],
    });
    const status = await compliance.service.evaluate(cliActor, orgId, { frameworkId: 'broken-sample' });
    expect(requirement(status, 'BRK-1.1')).toMatchObject({ status: 'error', mode: 'measured', score: 0 });
    expect(requirement(status, 'BRK-1.1').summary.en).toBe(
      'The check could not run (internal): neither pass nor fail.',
    );
    expect(status.obligations[0]!.status).toBe('error');
    expect(JSON.stringify(logged)).toContain('BRK-1.1');
  });

  it('serves the status to an auditor, and refuses an auditor’s attestation', async () => {
    const auditor = await signedInAgent(t, { role: 'auditor', orgId });
    const status = await auditor.request({ method: 'GET', url: `/api/v1/compliance/status?orgId=${orgId}` });
    expect(status.statusCode).toBe(200);
    expect(status.json().evaluation.obligations).toHaveLength(13);
    const officer = await signedInAgent(t, { role: 'security_officer', orgId });
    const measured = await officer.request({
      method: 'POST',
      url: '/api/v1/compliance/attestations',
      payload: { orgId, requirementId: 'MSSS-1.2', statement: 'All good', effectiveOn: '2026-01-01' },
    });
    expect(measured.statusCode).toBe(422);
    // In the signed-in user's language: French by default.
    expect(measured.json().error.message).toBe(
      'MSSS-1.2 est mesurée à partir des données de Vigie : on ne peut attester que son absence d’objet, pas sa conformité.',
    );
    const denied = await auditor.request({
      method: 'POST',
      url: '/api/v1/compliance/attestations',
      payload: { orgId, requirementId: 'MSSS-5.1', statement: 'x', effectiveOn: '2026-01-01' },
    });
    expect(denied.statusCode).toBe(403);
    // The dashboard's and an obligation page's views are kept and written once: the same text each time, what the
    // service holds, and a new one after the next evaluation.
    for (const query of ['failingLimit=0', 'failingLimit=100&obligation=1']) {
      const url = `/api/v1/compliance/status?orgId=${orgId}&${query}`;
      const first = await auditor.request({ method: 'GET', url });
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect((await auditor.request({ method: 'GET', url })).body).toBe(first.body);
      const failingLimit = query.startsWith('failingLimit=0') ? 0 : 100;
      const obligation = query.endsWith('obligation=1') ? '1' : undefined;
      const held = await t.ctx.services.compliance.status(
        cliActor,
        orgId,
        undefined,
        failingLimit,
        obligation,
      );
      expect(first.json()).toEqual(JSON.parse(JSON.stringify({ evaluation: held })));
      t.clock.advance(1000);
      const next = await t.ctx.services.compliance.evaluate(cliActor, orgId);
      const again = (await auditor.request({ method: 'GET', url })).json();
      expect(again.evaluation.evaluationId).toBe(next.evaluationId);
      expect(again.evaluation.evaluationId).not.toBe(first.json().evaluation.evaluationId);
    }
    const other = (await buildOrg(t)).id;
    const elsewhere = await auditor.request({
      method: 'GET',
      url: `/api/v1/compliance/status?orgId=${other}`,
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});
