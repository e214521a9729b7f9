import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { expectOk, setUpTestApp, signedInAgent } from './support/app.ts';

const t = setUpTestApp();

describe('the audit journal', () => {
  it('chains every entry to the previous one and verifies intact', async () => {
    const { audit } = t.ctx.services;
    await audit.record(cliActor, { action: 'test.one', details: { b: 1, a: [1, { z: 'é', y: null }] } });
    await audit.record(cliActor, { action: 'test.two' });
    const result = await audit.verify();
    expect(result).toEqual({ intact: true, count: expect.any(Number) });
    expect(result.count).toBeGreaterThanOrEqual(2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const { db } = t.database;
    await expect(db.execute(sql`update audit_entries set action = 'forged'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_entries`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_entries`)).rejects.toThrow();
  });

  it('names the first altered entry when someone bypasses the trigger', async () => {
    const { audit } = t.ctx.services;
    const target = await audit.record(cliActor, { action: 'test.victim', details: { amount: 1 } });
    await audit.record(cliActor, { action: 'test.after' });
    const { db } = t.database;
    // What an attacker with the database owner's rights could do.
    await db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update_delete`);
    await db.execute(sql`update audit_entries set details = '{"amount": 1000}' where seq = ${target.seq}`);
    await db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update_delete`);
    const result = await audit.verify();
    expect(result).toMatchObject({ intact: false, brokenSeq: target.seq, reason: 'hash' });
  });

  it('lets an auditor filter and export it as CSV, and journals the export', async () => {
    const auditor = await signedInAgent(t, { role: 'auditor', email: 'csv.auditor@example.org' });
    const page = (
      await expectOk(auditor.request({ method: 'GET', url: '/api/v1/audit?action=auth.sign_in&limit=5' }))
    ).json();
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e: { action: string }) => e.action === 'auth.sign_in')).toBe(true);
    const csv = await expectOk(
      auditor.request({ method: 'GET', url: '/api/v1/audit/export.csv?actor=csv.auditor' }),
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="vigie-journal-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'seq,at,actor,actor_kind,org_id,action,outcome,target_type,target_id,ip,details,hash',
    );
    expect(lines.slice(1).every((l) => l.includes('csv.auditor@example.org'))).toBe(true);
    const exports = await t.ctx.services.audit.list(cliActor, { action: 'audit.export', limit: 10 });
    expect(exports.rows[0]?.actorLabel).toBe('csv.auditor@example.org');
  });

  it('keeps a formula out of an exported cell', async () => {
    await t.ctx.services.audit.record(
      { kind: 'anonymous', label: '=HYPERLINK("http://evil")' },
      { action: 'auth.sign_in', outcome: 'failure' },
    );
    const csv = await t.ctx.services.audit.exportCsv(cliActor, { actor: 'HYPERLINK' });
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
