import type { SQL } from 'drizzle-orm';
import { addMonths, type Clock } from '../../core/clock.ts';
import type { Bilingual } from '../../core/compliance/checks.ts';
import type { Executor } from '../../core/db/database.ts';
import type { DesiredDueItem, DueItemsService } from '../compliance/due-items/due-items.service.ts';
import type { AssetRow } from './assets.repository.ts';
import { type Assessment, assessmentAt, lifecycleOf } from './assets.rules.ts';
import type { EndOfLifeIndex } from './obsolescence/end-of-life.ts';

// The inventory's time-based duties as due items: each active asset's next review (MSSS-1.1) and the end of
// support of what it runs (MSSS-3.1). Recomputed whenever an asset is written; the review, a retirement, an
// upgrade or an approved exception closes the item it answers.

export type AssetDueDeps = {
  dueItems: Pick<DueItemsService, 'sync' | 'openStatement'>;
  endOfLife: () => EndOfLifeIndex;
  reviewMonths: number;
  /** The time the items are worked out at, and its calendar (an edit passes its own moment). */
  clock: Pick<Clock, 'now' | 'dayOf'>;
};

const kinds = ['asset.review', 'asset.end_of_life'] as const;

/** An asset's due items, against the day and the data `on` holds (worked out once for a batch). */
function desiredDueItems(asset: AssetRow, on: Assessment): DesiredDueItem[] {
  if (asset.status === 'retired') return [];
  const subject = { orgId: asset.orgId, subjectType: 'asset', subjectId: asset.id, subjectLabel: asset.name };
  const items: DesiredDueItem[] = [
    asset.status === 'discovered'
      ? {
          ...subject,
          kind: 'asset.review',
          requirementId: 'MSSS-1.1',
          dueOn: on.dayOf(asset.createdAt),
          detail: { fr: 'Qualifier l’hôte découvert', en: 'Qualify the discovered host' },
        }
      : {
          ...subject,
          kind: 'asset.review',
          requirementId: 'MSSS-1.1',
          dueOn: on.dayOf(addMonths(asset.reviewedAt ?? asset.createdAt, on.reviewMonths)),
          detail: { fr: 'Réviser la fiche de l’actif', en: 'Review the asset record' },
        },
  ];
  const ending = lifecycleOf(asset, on.endOfLife, on.today)
    .filter((e) => e.match.eolDate)
    .sort((a, b) => a.match.eolDate!.localeCompare(b.match.eolDate!))[0];
  if (asset.status === 'in_service' && ending) {
    const excepted = asset.eolExceptionReason && asset.eolExceptionExpiresOn;
    items.push({
      ...subject,
      kind: 'asset.end_of_life',
      requirementId: 'MSSS-3.1',
      dueOn: excepted ? asset.eolExceptionExpiresOn! : ending.match.eolDate!,
      detail: excepted
        ? {
            fr: `${ending.of} : fin de l’exception approuvée`,
            en: `${ending.of}: end of the approved exception`,
          }
        : { fr: `${ending.of} : fin de support`, en: `${ending.of}: end of support` },
    });
  }
  return items;
}

/** Brings the due items of these assets in line with their current state, in the caller's transaction. */
export async function syncAssetDueItems(executor: Executor, assets: readonly AssetRow[], deps: AssetDueDeps) {
  const byId = new Map(assets.map((a) => [a.id, a]));
  const closedBy = (item: { kind: string; subjectId: string }): Bilingual => {
    const asset = byId.get(item.subjectId);
    if (asset?.status === 'retired') return { fr: 'Actif retiré', en: 'Asset retired' };
    if (item.kind === 'asset.review')
      return {
        fr: `Fiche révisée le ${deps.clock.dayOf(asset?.reviewedAt ?? deps.clock.now())}`,
        en: `Record reviewed on ${deps.clock.dayOf(asset?.reviewedAt ?? deps.clock.now())}`,
      };
    return { fr: 'Version ou exception changée', en: 'Version or exception changed' };
  };
  const on = assessmentAt(deps.clock, deps.clock.now(), deps.reviewMonths, deps.endOfLife());
  await deps.dueItems.sync(
    executor,
    { kinds, subjectIds: assets.map((a) => a.id) },
    assets.flatMap((a) => desiredDueItems(a, on)),
    closedBy,
  );
}

/**
 * The statement that opens the due items of assets about to be created: they have none yet, so there is nothing to
 * read or close, and it can be built before they are written (none for no item).
 */
export function newAssetDueItemsStatement(assets: readonly AssetRow[], deps: AssetDueDeps): SQL | undefined {
  const on = assessmentAt(deps.clock, deps.clock.now(), deps.reviewMonths, deps.endOfLife());
  return deps.dueItems.openStatement(assets.flatMap((a) => desiredDueItems(a, on)));
}
