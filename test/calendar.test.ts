import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { isoDay } from '../src/core/clock.ts';
import { fileSource } from '../src/modules/assets/importers/import-source.ts';
import { buildOrg, setUpTestApp } from './support/app.ts';

// Its own app: the test moves the clock to an evening in Montréal, which the other files' tests need not share.
const t = setUpTestApp();

/** Moves the test clock forward to the next time of day `hh:00` UTC. */
function advanceToUtcHour(hour: number) {
  const now = t.clock.now();
  const next = new Date(now);
  next.setUTCHours(hour, 0, 0, 0);
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  t.clock.advance(next.getTime() - now.getTime());
}

/** The day after an ISO day. */
const dayAfter = (day: string) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));

describe('days in the organization’s time zone (VIGIE_TIME_ZONE, America/Toronto by default)', () => {
  it('at 20:00 in Montréal, dates a review on the Montréal day and keeps tomorrow’s attestation for tomorrow', async () => {
    // 01:00 UTC: 20:00 or 21:00 in Montréal, the day before.
    advanceToUtcHour(1);
    const montreal = t.clock.dayOf(t.clock.now());
    expect(dayAfter(montreal)).toBe(isoDay(t.clock.now()));

    const org = await buildOrg(t, { name: 'Hôpital du Soir' });
    await t.ctx.services.assets.importAssets(
      cliActor,
      fileSource(path.resolve('test/fixtures/assets/inventory-en.csv')),
      { orgId: org.id, format: 'csv' },
    );
    // The next review falls a year after the Montréal day of the import (in UTC's days, a day later).
    const due = await t.ctx.services.compliance.dueItems(cliActor, org.id, { limit: 100 });
    const reviews = new Set(due.filter((d) => d.kind === 'asset.review').map((d) => d.dueOn));
    expect(reviews).toEqual(new Set([`${Number(montreal.slice(0, 4)) + 1}${montreal.slice(4)}`]));

    // Declared in force from tomorrow, Montréal's tomorrow: not yet at 20:00 (in UTC it is tomorrow already).
    await t.ctx.services.compliance.attest(cliActor, {
      orgId: org.id,
      frameworkId: 'msss-directive',
      requirementId: 'MSSS-6.1',
      kind: 'compliant',
      statement: 'Sauvegardes quotidiennes vérifiées chaque matin.',
      effectiveOn: dayAfter(montreal),
      expiresOn: null,
    });
    const backups = async () => {
      await t.ctx.services.compliance.evaluate(cliActor, org.id);
      const status = (await t.ctx.services.compliance.status(cliActor, org.id))!;
      return status.obligations[5]!.requirements.find((r) => r.id === 'MSSS-6.1')!.status;
    };
    expect(await backups()).toBe('not_evaluated');
    // Past midnight in Montréal (06:00 UTC), the attestation is in force.
    advanceToUtcHour(6);
    expect(await backups()).toBe('met');
  });
});
