// The contract between the compliance engine and the modules that hold the facts (ARCHITECTURE.md, compliance
// engine). A module defines checks over its own data; the catalog maps requirements to check ids; the engine runs
// them for an organization and keeps the results. Living in core, it lets a module offer checks without
// depending on the compliance module.

export type Bilingual = { fr: string; en: string };

/**
 * Something that fails, named for a person ("PERFUSION-04"), with a link to its page and the reason. `org` names
 * the organization it belongs to, as named at the evaluation, when the evaluation covers several: two establishments
 * of a region may each have a PERFUSION-04.
 */
export type FailingItem = {
  item: string;
  org?: string;
  ref?: { type: string; id: string };
  reason: Bilingual;
};

/** A failing item as a person reads it: "PERFUSION-04 (Hôpital de Val-des-Pins)" when the organization is named. */
export const failingItemLabel = (f: Pick<FailingItem, 'item' | 'org'>) =>
  f.org ? `${f.item} (${f.org})` : f.item;

export type Evidence = { label: Bilingual; ref?: { type: string; id: string } };

/**
 * The failing items kept per result: a history of 100,000-item lists every day would weigh gigabytes a year.
 * Counts are always complete.
 */
export const failingItemsKept = 1000;

export type CheckStatus = 'met' | 'partial' | 'not_met' | 'not_applicable' | 'not_evaluated';

export type CheckResult = {
  status: CheckStatus;
  /** 0 to 1: the share of what the check looked at that passes. */
  score: number;
  summary: Bilingual;
  /** The first failing items; a check that keeps only some says how many there are in all. */
  failing: FailingItem[];
  failingCount?: number;
  evidence: Evidence[];
};

export type CheckContext = {
  /** The organization evaluated, and it with all its descendants: the rows a check reads. */
  orgId: string;
  orgIds: readonly string[];
  /** Each organization's name, for failing items to say whose they are when there are several. */
  orgNames: ReadonlyMap<string, string>;
  now: Date;
  /** The day of a moment in the organization's calendar (Clock): what "today" and a date are for the checks. */
  dayOf(at: Date): string;
  /** Memoizes what several checks of one evaluation read (the inventory is loaded once, not once per check). */
  shared<T>(key: string, load: () => Promise<T>): Promise<T>;
};

export type Check = {
  id: string;
  title: Bilingual;
  evaluate(ctx: CheckContext): Promise<CheckResult>;
};

export function defineCheck(check: Check): Check {
  if (!/^[a-z]+\.[a-z0-9_.]+$/.test(check.id))
    throw new Error(`check id ${check.id} must look like assets.inventory`);
  return check;
}

/** The status that a share of passing items earns: all pass, none pass, or some. */
export function statusFromScore(passing: number, total: number): { status: CheckStatus; score: number } {
  if (total === 0) return { status: 'not_evaluated', score: 0 };
  const score = passing / total;
  return { status: score === 1 ? 'met' : score === 0 ? 'not_met' : 'partial', score };
}
