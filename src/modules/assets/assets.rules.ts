import { addMonths, type Clock } from '../../core/clock.ts';
import type { Bilingual } from '../../core/compliance/checks.ts';
import { osLabel } from './assets.format.ts';
import type { AssetRow } from './assets.repository.ts';
import type { EndOfLifeIndex, EndOfLifeMatch } from './obsolescence/end-of-life.ts';

// What the directive asks of each asset (obligations 1 and 3), as rules over one row. The compliance checks apply
// them to the whole inventory; the asset page applies them to one asset, so both always agree.

/** The columns the rules read; the checks select exactly these. */
export const factFields = [
  'id',
  'orgId',
  'name',
  'status',
  'category',
  'holderId',
  'osName',
  'osVersion',
  'components',
  'functions',
  'hosting',
  'hostContact',
  'criticality',
  'software',
  'reviewedAt',
  'lastSeenAt',
  'createdAt',
  'retirementPlannedOn',
  'retiredOn',
  'retirementReason',
  'dataWiped',
  'eolExceptionReason',
  'eolExceptionExpiresOn',
] as const satisfies readonly (keyof AssetRow)[];

/** What the rules read of an asset: its row's relevant columns, and whether it supports a critical asset. */
export type AssetFacts = Pick<AssetRow, (typeof factFields)[number]> & { hasCriticalAssets: boolean };

/** The fields MSSS-1.2 requires, with their names in both languages. */
const requiredFields: { label: Bilingual; present(a: AssetFacts): boolean }[] = [
  { label: { fr: 'catégorie', en: 'category' }, present: (a) => !!a.category },
  { label: { fr: 'détenteur', en: 'holder' }, present: (a) => !!a.holderId },
  { label: { fr: 'système d’exploitation', en: 'operating system' }, present: (a) => !!a.osName },
  {
    label: { fr: 'version du système d’exploitation', en: 'operating-system version' },
    present: (a) => !!a.osVersion,
  },
  { label: { fr: 'composants', en: 'components' }, present: (a) => !!a.components },
  { label: { fr: 'fonctions', en: 'functions' }, present: (a) => !!a.functions },
  {
    label: { fr: 'actifs informationnels critiques', en: 'critical information assets' },
    present: (a) => a.hasCriticalAssets,
  },
  { label: { fr: 'hébergement', en: 'hosting' }, present: (a) => !!a.hosting },
  {
    label: { fr: 'contact de l’hébergeur', en: 'host contact' },
    present: (a) => a.hosting !== 'third_party' || !!a.hostContact,
  },
  { label: { fr: 'criticité', en: 'criticality' }, present: (a) => !!a.criticality },
];

/** MSSS-1.2: the directive's fields the asset lacks (the host contact only when a third party hosts it). */
function missingFields(asset: AssetFacts): Bilingual | undefined {
  const missing = requiredFields.filter((f) => !f.present(asset));
  if (missing.length === 0) return undefined;
  return {
    fr: `champs manquants : ${missing.map((f) => f.label.fr).join(', ')}`,
    en: `missing fields: ${missing.map((f) => f.label.en).join(', ')}`,
  };
}

/** MSSS-1.1: a discovered host not yet qualified, or an asset nobody has confirmed within the review period. */
function currencyProblem(asset: AssetFacts, on: Assessment): Bilingual | undefined {
  if (asset.status === 'discovered') {
    const seen = on.dayOf(asset.lastSeenAt ?? asset.createdAt);
    return {
      fr: `découvert par un balayage le ${seen}, pas encore qualifié`,
      en: `discovered by a scan on ${seen}, not yet qualified`,
    };
  }
  if (!asset.reviewedAt || asset.reviewedAt < on.reviewedSince) {
    const since = asset.reviewedAt ? on.dayOf(asset.reviewedAt) : '—';
    return { fr: `non révisé depuis le ${since}`, en: `not reviewed since ${since}` };
  }
  return undefined;
}

export type LifecycleEntry = { of: string; match: EndOfLifeMatch };

/** The operating system and each piece of software of an asset, matched to their release cycles. */
export function lifecycleOf(
  asset: Pick<AssetRow, 'osName' | 'osVersion' | 'software'>,
  index: EndOfLifeIndex,
  today: string,
): LifecycleEntry[] {
  const entries: LifecycleEntry[] = [];
  if (asset.osName) {
    const match = index.match({ name: asset.osName, version: asset.osVersion ?? undefined }, today);
    if (match) entries.push({ of: osLabel(asset.osName, asset.osVersion), match });
  }
  for (const s of asset.software) {
    const match = index.match(s, today);
    if (match) entries.push({ of: [s.name, s.version].filter(Boolean).join(' '), match });
  }
  return entries;
}

function hasValidException(asset: AssetFacts, today: string): boolean {
  return !!asset.eolExceptionReason && (!asset.eolExceptionExpiresOn || asset.eolExceptionExpiresOn >= today);
}

/** MSSS-3.1: an ended version without an approved, unexpired exception; one ending soon without a plan. */
function obsolescenceProblem(
  asset: AssetFacts,
  lifecycle: LifecycleEntry[],
  today: string,
): Bilingual | undefined {
  if (hasValidException(asset, today)) return undefined;
  const ended = lifecycle.find((e) => e.match.status === 'ended' || e.match.status === 'extended_support');
  if (ended) {
    const date = ended.match.eolDate ?? '?';
    return ended.match.status === 'ended'
      ? { fr: `${ended.of} : fin de support le ${date}`, en: `${ended.of}: support ended on ${date}` }
      : {
          fr: `${ended.of} : support standard terminé le ${date}, support étendu seulement`,
          en: `${ended.of}: standard support ended on ${date}, extended support only`,
        };
  }
  const soon = lifecycle.find((e) => e.match.status === 'ending_soon');
  if (soon && !asset.retirementPlannedOn) {
    const date = soon.match.eolDate ?? '?';
    return {
      fr: `${soon.of} : fin de support le ${date}, aucun plan de retrait`,
      en: `${soon.of}: support ends on ${date}, no retirement plan`,
    };
  }
  return undefined;
}

/** MSSS-3.2: a retired asset has its retirement record: date, reason and confirmed data wiping. */
function retirementProblem(asset: AssetFacts): Bilingual | undefined {
  const missing: Bilingual[] = [];
  if (!asset.retiredOn) missing.push({ fr: 'date de retrait', en: 'retirement date' });
  if (!asset.retirementReason) missing.push({ fr: 'motif', en: 'reason' });
  if (asset.dataWiped !== true)
    missing.push({ fr: 'effacement des données confirmé', en: 'data wiping confirmed' });
  if (missing.length === 0) return undefined;
  return {
    fr: `dossier de retrait incomplet : ${missing.map((m) => m.fr).join(', ')}`,
    en: `incomplete retirement record: ${missing.map((m) => m.en).join(', ')}`,
  };
}

export type AssetRule = 'currency' | 'fields' | 'endOfLife' | 'retirement';

/** The requirement each rule serves. */
export const ruleRequirement: Record<AssetRule, string> = {
  currency: 'MSSS-1.1',
  fields: 'MSSS-1.2',
  endOfLife: 'MSSS-3.1',
  retirement: 'MSSS-3.2',
};

/**
 * What the rules and the due items compare assets with, worked out once for a whole inventory or batch rather than
 * once per asset.
 */
export type Assessment = {
  today: string;
  /** The day of a moment in the organization's calendar (Clock). */
  dayOf: Clock['dayOf'];
  reviewMonths: number;
  reviewedSince: Date;
  endOfLife: EndOfLifeIndex;
};

export function assessmentAt(
  calendar: Pick<Clock, 'dayOf'>,
  now: Date,
  reviewMonths: number,
  endOfLife: EndOfLifeIndex,
): Assessment {
  return {
    today: calendar.dayOf(now),
    dayOf: calendar.dayOf,
    reviewMonths,
    reviewedSince: addMonths(now, -reviewMonths),
    endOfLife,
  };
}

/**
 * The rules that apply to an asset, each with its problem or none: a retired asset answers for its retirement
 * record; the others for their currency; those in service also for their fields and their versions.
 */
export function assessAsset(
  asset: AssetFacts,
  on: Assessment,
): { rule: AssetRule; problem: Bilingual | undefined }[] {
  if (asset.status === 'retired') return [{ rule: 'retirement', problem: retirementProblem(asset) }];
  const currency = { rule: 'currency' as const, problem: currencyProblem(asset, on) };
  if (asset.status !== 'in_service') return [currency];
  return [
    currency,
    { rule: 'fields', problem: missingFields(asset) },
    {
      rule: 'endOfLife',
      problem: obsolescenceProblem(asset, lifecycleOf(asset, on.endOfLife, on.today), on.today),
    },
  ];
}
