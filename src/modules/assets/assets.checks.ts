import {
  type Bilingual,
  type Check,
  type CheckContext,
  type CheckResult,
  defineCheck,
  type FailingItem,
  statusFromScore,
} from '../../core/compliance/checks.ts';
import type { Db } from '../../core/db/database.ts';
import { createAssetsRepository } from './assets.repository.ts';
import {
  type AssetFacts,
  currencyProblem,
  lifecycleOf,
  missingFields,
  obsolescenceProblem,
  retirementProblem,
} from './assets.rules.ts';
import type { EndOfLifeIndex } from './obsolescence/end-of-life.ts';

// The inventory's compliance checks (obligations 1 and 3): each applies one rule of assets.rules.ts to every
// asset of the organization evaluated, and names each failing asset with its reason.

export type AssetChecksDeps = {
  db: Db;
  endOfLife: () => EndOfLifeIndex;
  refreshEndOfLife: () => Promise<void>;
  reviewMonths: number;
};

function failingAsset(asset: AssetFacts, reason: Bilingual): FailingItem {
  return { item: asset.name, ref: { type: 'asset', id: asset.id }, reason };
}

function result(
  failing: FailingItem[],
  total: number,
  summary: (failed: number, total: number) => Bilingual,
): CheckResult {
  const { status, score } = statusFromScore(total - failing.length, total);
  return {
    status,
    score,
    summary: summary(failing.length, total),
    failing,
    evidence: [
      { label: { fr: 'Inventaire des actifs', en: 'Asset inventory' }, ref: { type: 'assets', id: 'list' } },
    ],
  };
}

export function createAssetChecks(deps: AssetChecksDeps): Check[] {
  const repository = createAssetsRepository();

  const inventory = (ctx: CheckContext) =>
    ctx.shared('assets.inventory', async () => {
      const all: AssetFacts[] = [];
      for await (const batch of repository.each(deps.db, ctx.orgIds)) all.push(...batch);
      return all;
    });

  const emptyInventory: CheckResult = {
    status: 'not_met',
    score: 0,
    summary: { fr: 'L’inventaire est vide.', en: 'The inventory is empty.' },
    failing: [],
    evidence: [],
  };

  return [
    defineCheck({
      id: 'assets.inventory_current',
      title: { fr: 'Inventaire complet et à jour', en: 'Inventory complete and current' },
      async evaluate(ctx) {
        const assets = (await inventory(ctx)).filter((a) => a.status !== 'retired');
        if (assets.length === 0) return emptyInventory;
        const failing = assets.flatMap((a) => {
          const problem = currencyProblem(a, ctx.now, deps.reviewMonths);
          return problem ? [failingAsset(a, problem)] : [];
        });
        return result(failing, assets.length, (f, t) => ({
          fr: `${t - f} actifs sur ${t} qualifiés et révisés depuis moins de ${deps.reviewMonths} mois.`,
          en: `${t - f} of ${t} assets qualified and reviewed within ${deps.reviewMonths} months.`,
        }));
      },
    }),
    defineCheck({
      id: 'assets.required_fields',
      title: { fr: 'Champs requis de l’inventaire', en: 'Required inventory fields' },
      async evaluate(ctx) {
        const assets = (await inventory(ctx)).filter((a) => a.status === 'in_service');
        if (assets.length === 0) return emptyInventory;
        const failing = assets.flatMap((a) => {
          const missing = missingFields(a);
          return missing ? [failingAsset(a, missing.reason)] : [];
        });
        return result(failing, assets.length, (f, t) => ({
          fr: `${t - f} actifs en service sur ${t} ont tous les champs requis.`,
          en: `${t - f} of ${t} in-service assets have every required field.`,
        }));
      },
    }),
    defineCheck({
      id: 'assets.end_of_life',
      title: { fr: 'Versions en fin de vie', en: 'End-of-life versions' },
      async evaluate(ctx) {
        const today = ctx.now.toISOString().slice(0, 10);
        await deps.refreshEndOfLife();
        const index = deps.endOfLife();
        const assets = (await inventory(ctx)).filter((a) => a.status === 'in_service');
        if (assets.length === 0) return emptyInventory;
        const failing = assets.flatMap((a) => {
          const problem = obsolescenceProblem(a, lifecycleOf(a, index, today), today);
          return problem ? [failingAsset(a, problem)] : [];
        });
        return result(failing, assets.length, (f, t) => ({
          fr: `${t - f} actifs en service sur ${t} n’exécutent aucune version en fin de vie sans exception ni plan.`,
          en: `${t - f} of ${t} in-service assets run no end-of-life version without an exception or a plan.`,
        }));
      },
    }),
    defineCheck({
      id: 'assets.retirement_records',
      title: { fr: 'Dossiers de retrait', en: 'Retirement records' },
      async evaluate(ctx) {
        const all = await inventory(ctx);
        if (all.length === 0) return emptyInventory;
        const retired = all.filter((a) => a.status === 'retired');
        if (retired.length === 0)
          return {
            status: 'met',
            score: 1,
            summary: { fr: 'Aucun actif retiré.', en: 'No asset has been retired.' },
            failing: [],
            evidence: [],
          };
        const failing = retired.flatMap((a) => {
          const problem = retirementProblem(a);
          return problem ? [failingAsset(a, problem)] : [];
        });
        return result(failing, retired.length, (f, t) => ({
          fr: `${t - f} actifs retirés sur ${t} ont un dossier de retrait complet.`,
          en: `${t - f} of ${t} retired assets have a complete retirement record.`,
        }));
      },
    }),
  ];
}
