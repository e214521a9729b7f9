import { setImmediate } from 'node:timers/promises';
import {
  type Bilingual,
  type Check,
  type CheckContext,
  type CheckResult,
  defineCheck,
  type FailingItem,
  failingItemsKept,
  statusFromScore,
} from '../../core/compliance/checks.ts';
import type { Db } from '../../core/db/database.ts';
import { createAssetsRepository } from './assets.repository.ts';
import { type AssetFacts, type AssetRule, assessAsset, assessmentAt } from './assets.rules.ts';
import type { EndOfLifeIndex } from './obsolescence/end-of-life.ts';

// The inventory's compliance checks (obligations 1 and 3). One pass over the organization's inventory applies every
// rule of assets.rules.ts to each asset and keeps, per rule, the count of assets looked at, the count failing and the
// first failing ones with their reasons: memory stays flat at 100,000 assets, and the four checks read it once.

export type AssetChecksDeps = {
  db: Db;
  endOfLife: () => EndOfLifeIndex;
  refreshEndOfLife: () => Promise<void>;
  reviewMonths: number;
};

type Tally = { total: number; failed: number; failing: FailingItem[] };
type Scan = { assets: number } & Record<AssetRule, Tally>;

const tally = (): Tally => ({ total: 0, failed: 0, failing: [] });

/** How many assets the rules read between two turns of the event loop (about 2 ms of work). */
const yieldEvery = 250;

function count(t: Tally, asset: AssetFacts, reason: Bilingual | undefined, org: string | undefined) {
  t.total++;
  if (!reason) return;
  t.failed++;
  if (t.failing.length < failingItemsKept)
    t.failing.push({ item: asset.name, ...(org && { org }), ref: { type: 'asset', id: asset.id }, reason });
}

/** A count as each language writes it: 100 000 in French, 100,000 in English. */
type Count = { fr: string; en: string };
const numberFormats = { fr: new Intl.NumberFormat('fr-CA'), en: new Intl.NumberFormat('en-CA') };
const countOf = (n: number): Count => ({ fr: numberFormats.fr.format(n), en: numberFormats.en.format(n) });

function result(t: Tally, summary: (passed: Count, total: Count) => Bilingual): CheckResult {
  const { status, score } = statusFromScore(t.total - t.failed, t.total);
  const sorted = [...t.failing].sort((a, b) => a.item.localeCompare(b.item));
  return {
    status,
    score,
    summary: summary(countOf(t.total - t.failed), countOf(t.total)),
    failing: sorted,
    failingCount: t.failed,
    evidence: [
      { label: { fr: 'Inventaire des actifs', en: 'Asset inventory' }, ref: { type: 'assets', id: 'list' } },
    ],
  };
}

const emptyInventory: CheckResult = {
  status: 'not_met',
  score: 0,
  summary: { fr: 'L’inventaire est vide.', en: 'The inventory is empty.' },
  failing: [],
  evidence: [],
};

export function createAssetChecks(deps: AssetChecksDeps): Check[] {
  const repository = createAssetsRepository();

  const scan = (ctx: CheckContext) =>
    ctx.shared('assets.scan', async (): Promise<Scan> => {
      await deps.refreshEndOfLife();
      const on = assessmentAt(ctx, ctx.now, deps.reviewMonths, deps.endOfLife());
      const s: Scan = {
        assets: 0,
        currency: tally(),
        fields: tally(),
        endOfLife: tally(),
        retirement: tally(),
      };
      for await (const batch of repository.scanFacts(deps.db, ctx.orgIds)) {
        for (const [i, a] of batch.entries()) {
          // The server's requests share this thread: they get through every few hundred assets, instead of
          // waiting up to 60 ms for a whole batch at 100,000 assets.
          if (i % yieldEvery === yieldEvery - 1) await setImmediate();
          s.assets++;
          const org = ctx.orgNames.get(a.orgId);
          for (const { rule, problem } of assessAsset(a, on)) count(s[rule], a, problem, org);
        }
      }
      return s;
    });

  // The French summaries end on their count, so that no word has to agree with it (1 actif, 2 actifs).
  return [
    defineCheck({
      id: 'assets.inventory_current',
      title: { fr: 'Inventaire complet et à jour', en: 'Inventory complete and current' },
      async evaluate(ctx) {
        const s = await scan(ctx);
        if (s.currency.total === 0) return emptyInventory;
        return result(s.currency, (passed, total) => ({
          fr: `Actifs qualifiés et révisés depuis moins de ${deps.reviewMonths} mois : ${passed.fr} sur ${total.fr}.`,
          en: `${passed.en} of ${total.en} assets qualified and reviewed within ${deps.reviewMonths} months.`,
        }));
      },
    }),
    defineCheck({
      id: 'assets.required_fields',
      title: { fr: 'Champs requis de l’inventaire', en: 'Required inventory fields' },
      async evaluate(ctx) {
        const s = await scan(ctx);
        if (s.fields.total === 0) return emptyInventory;
        return result(s.fields, (passed, total) => ({
          fr: `Actifs en service ayant tous les champs requis : ${passed.fr} sur ${total.fr}.`,
          en: `${passed.en} of ${total.en} in-service assets have every required field.`,
        }));
      },
    }),
    defineCheck({
      id: 'assets.end_of_life',
      title: { fr: 'Versions en fin de vie', en: 'End-of-life versions' },
      async evaluate(ctx) {
        const s = await scan(ctx);
        if (s.endOfLife.total === 0) return emptyInventory;
        return result(s.endOfLife, (passed, total) => ({
          fr: `Actifs en service sans version en fin de vie hors exception ou plan : ${passed.fr} sur ${total.fr}.`,
          en: `${passed.en} of ${total.en} in-service assets run no end-of-life version without an exception or a plan.`,
        }));
      },
    }),
    defineCheck({
      id: 'assets.retirement_records',
      title: { fr: 'Dossiers de retrait', en: 'Retirement records' },
      async evaluate(ctx) {
        const s = await scan(ctx);
        if (s.assets === 0) return emptyInventory;
        if (s.retirement.total === 0)
          return {
            status: 'met',
            score: 1,
            summary: { fr: 'Aucun actif retiré.', en: 'No asset has been retired.' },
            failing: [],
            evidence: [],
          };
        return result(s.retirement, (passed, total) => ({
          fr: `Actifs retirés ayant un dossier de retrait complet : ${passed.fr} sur ${total.fr}.`,
          en: `${passed.en} of ${total.en} retired assets have a complete retirement record.`,
        }));
      },
    }),
  ];
}
