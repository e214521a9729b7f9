import type { Bilingual } from '../../core/compliance/checks.ts';
import { osLabel } from './assets.format.ts';
import type { AssetRow } from './assets.repository.ts';
import type { EndOfLifeIndex, EndOfLifeMatch } from './obsolescence/end-of-life.ts';

// What the directive asks of each asset (obligations 1 and 3), as rules over one row. The compliance checks apply
// them to the whole inventory; the asset page applies them to one asset, so both always agree.

/** What the rules read of an asset: its row's relevant columns, and whether it supports a critical asset. */
export type AssetFacts = Pick<
  AssetRow,
  | 'id'
  | 'name'
  | 'status'
  | 'category'
  | 'holderId'
  | 'osName'
  | 'osVersion'
  | 'components'
  | 'functions'
  | 'hosting'
  | 'hostContact'
  | 'criticality'
  | 'software'
  | 'reviewedAt'
  | 'lastSeenAt'
  | 'createdAt'
  | 'retirementPlannedOn'
  | 'retiredOn'
  | 'retirementReason'
  | 'dataWiped'
  | 'eolExceptionReason'
  | 'eolExceptionExpiresOn'
> & { hasCriticalAssets: boolean };

/** The fields MSSS-1.2 requires, with their names in both languages. */
const requiredFields: { key: string; label: Bilingual; present(a: AssetFacts): boolean }[] = [
  { key: 'category', label: { fr: 'catégorie', en: 'category' }, present: (a) => !!a.category },
  { key: 'owner', label: { fr: 'détenteur', en: 'holder' }, present: (a) => !!a.holderId },
  {
    key: 'os_name',
    label: { fr: 'système d’exploitation', en: 'operating system' },
    present: (a) => !!a.osName,
  },
  {
    key: 'os_version',
    label: { fr: 'version du système d’exploitation', en: 'operating-system version' },
    present: (a) => !!a.osVersion,
  },
  { key: 'components', label: { fr: 'composants', en: 'components' }, present: (a) => !!a.components },
  { key: 'functions', label: { fr: 'fonctions', en: 'functions' }, present: (a) => !!a.functions },
  {
    key: 'critical_assets',
    label: { fr: 'actifs informationnels critiques', en: 'critical information assets' },
    present: (a) => a.hasCriticalAssets,
  },
  { key: 'hosting', label: { fr: 'hébergement', en: 'hosting' }, present: (a) => !!a.hosting },
  {
    key: 'host_contact',
    label: { fr: 'contact de l’hébergeur', en: 'host contact' },
    present: (a) => a.hosting !== 'third_party' || !!a.hostContact,
  },
  { key: 'criticality', label: { fr: 'criticité', en: 'criticality' }, present: (a) => !!a.criticality },
];

export function missingFields(asset: AssetFacts): { keys: string[]; reason: Bilingual } | undefined {
  const missing = requiredFields.filter((f) => !f.present(asset));
  if (missing.length === 0) return undefined;
  return {
    keys: missing.map((f) => f.key),
    reason: {
      fr: `champs manquants : ${missing.map((f) => f.label.fr).join(', ')}`,
      en: `missing fields: ${missing.map((f) => f.label.en).join(', ')}`,
    },
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** MSSS-1.1: a discovered host not yet qualified, or an asset nobody has confirmed within the review period. */
export function currencyProblem(asset: AssetFacts, now: Date, reviewMonths: number): Bilingual | undefined {
  if (asset.status === 'discovered') {
    const seen = asset.lastSeenAt ? day(asset.lastSeenAt) : day(asset.createdAt);
    return {
      fr: `découvert par un balayage le ${seen}, pas encore qualifié`,
      en: `discovered by a scan on ${seen}, not yet qualified`,
    };
  }
  if (asset.status !== 'in_service') return undefined;
  if (!asset.reviewedAt || asset.reviewedAt < monthsBefore(now, reviewMonths)) {
    const since = asset.reviewedAt ? day(asset.reviewedAt) : '—';
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
export function obsolescenceProblem(
  asset: AssetFacts,
  lifecycle: LifecycleEntry[],
  today: string,
): Bilingual | undefined {
  if (asset.status !== 'in_service' || hasValidException(asset, today)) return undefined;
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
export function retirementProblem(asset: AssetFacts): Bilingual | undefined {
  if (asset.status !== 'retired') return undefined;
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
