import {
  type Bilingual,
  type Check,
  type CheckContext,
  type CheckResult,
  type Evidence,
  type FailingItem,
  failingItemsKept,
} from '../../core/compliance/checks.ts';
import type { Catalog, Requirement } from './catalog/catalog.schema.ts';
import type { EvaluationMode, RequirementStatus } from './compliance.table.ts';

// How requirement statuses are reached and added up (ARCHITECTURE.md, compliance engine). Pure functions: the
// service feeds them check results and attestations and stores what they return.

export type RequirementResult = {
  requirementId: string;
  status: RequirementStatus;
  mode: EvaluationMode;
  /** Null where the requirement does not count (not applicable). */
  score: number | null;
  summary: Bilingual;
  failing: FailingItem[];
  failingCount: number;
  evidence: Evidence[];
};

export type AttestationFact = {
  id: string;
  kind: 'compliant' | 'not_applicable';
  statement: string;
  declaredBy: string;
  effectiveOn: string;
  expiresOn: string | null;
  evidenceName: string | null;
  evidenceSha256: string | null;
};

const severity: Record<RequirementStatus, number> = {
  met: 0,
  not_applicable: 0,
  partial: 1,
  not_evaluated: 2,
  not_met: 3,
  error: 4,
};

/** Runs each check once per evaluation, whatever the number of requirements it serves. */
export function createCheckRunner(checks: readonly Check[], ctx: CheckContext) {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const results = new Map<string, Promise<CheckResult>>();
  return (id: string): Promise<CheckResult> => {
    let result = results.get(id);
    if (!result) {
      const check = byId.get(id);
      if (!check) return Promise.reject(new Error(`unknown check ${id}`));
      result = check.evaluate(ctx);
      results.set(id, result);
    }
    return result;
  };
}

function attestationEvidence(a: AttestationFact): Evidence[] {
  const label = {
    fr: `Attestation de ${a.declaredBy}, en vigueur le ${a.effectiveOn}${a.expiresOn ? `, expire le ${a.expiresOn}` : ''}${a.evidenceName ? ` — pièce : ${a.evidenceName} (SHA-256 ${a.evidenceSha256})` : ''}`,
    en: `Attestation by ${a.declaredBy}, effective ${a.effectiveOn}${a.expiresOn ? `, expires ${a.expiresOn}` : ''}${a.evidenceName ? ` — evidence: ${a.evidenceName} (SHA-256 ${a.evidenceSha256})` : ''}`,
  };
  return [{ label, ref: { type: 'attestation', id: a.id } }];
}

/** A requirement's result from a person's attestation, or "not evaluated yet" when there is none. */
export function fromAttestation(
  attestation: AttestationFact | undefined,
  today: string,
): Omit<RequirementResult, 'requirementId'> {
  const base = { failing: [], failingCount: 0, mode: 'declared' as const };
  if (!attestation)
    return {
      ...base,
      status: 'not_evaluated',
      score: 0,
      summary: {
        fr: 'Pas encore évaluée : aucune vérification automatique ni attestation pour l’instant.',
        en: 'Not evaluated yet: no automated check and no attestation so far.',
      },
      evidence: [],
    };
  const evidence = attestationEvidence(attestation);
  if (attestation.kind === 'not_applicable')
    return {
      ...base,
      status: 'not_applicable',
      score: null,
      summary: {
        fr: `Sans objet : ${attestation.statement}`,
        en: `Not applicable: ${attestation.statement}`,
      },
      evidence,
    };
  if (attestation.expiresOn && attestation.expiresOn < today)
    return {
      ...base,
      status: 'not_met',
      score: 0,
      summary: {
        fr: `Attestation expirée le ${attestation.expiresOn} : ${attestation.statement}`,
        en: `Attestation expired on ${attestation.expiresOn}: ${attestation.statement}`,
      },
      evidence,
    };
  return {
    ...base,
    status: 'met',
    score: 1,
    summary: { fr: `Déclarée : ${attestation.statement}`, en: `Declared: ${attestation.statement}` },
    evidence,
  };
}

/** A requirement measured by its checks: the worst status, the mean score, every failing item. */
export function fromChecks(results: readonly CheckResult[]): Omit<RequirementResult, 'requirementId'> {
  const worst = results.reduce((w, r) => (severity[r.status] > severity[w.status] ? r : w));
  const failing = results.flatMap((r) => r.failing);
  return {
    status: worst.status,
    mode: 'measured',
    score: results.reduce((sum, r) => sum + r.score, 0) / results.length,
    summary: {
      fr: results.map((r) => r.summary.fr).join(' '),
      en: results.map((r) => r.summary.en).join(' '),
    },
    failing: failing.slice(0, failingItemsKept),
    failingCount: results.reduce((sum, r) => sum + (r.failingCount ?? r.failing.length), 0),
    evidence: results.flatMap((r) => r.evidence),
  };
}

export function checkError(code: string): Omit<RequirementResult, 'requirementId'> {
  return {
    status: 'error',
    mode: 'measured',
    score: 0,
    summary: {
      fr: `La vérification n’a pas pu s’exécuter (${code}) : ni réussite ni échec.`,
      en: `The check could not run (${code}): neither pass nor fail.`,
    },
    failing: [],
    failingCount: 0,
    evidence: [],
  };
}

/** The status and score of a group of requirement results (an obligation, or the whole framework). */
export function aggregate(results: readonly Pick<RequirementResult, 'status' | 'score'>[]): {
  status: RequirementStatus;
  score: number | null;
} {
  const applicable = results.filter((r) => r.status !== 'not_applicable');
  if (applicable.length === 0) return { status: 'not_applicable', score: null };
  const score = applicable.reduce((sum, r) => sum + (r.score ?? 0), 0) / applicable.length;
  const all = (s: RequirementStatus) => applicable.every((r) => r.status === s);
  if (all('met')) return { status: 'met', score };
  if (all('not_evaluated')) return { status: 'not_evaluated', score };
  if (all('error')) return { status: 'error', score };
  if (applicable.every((r) => r.status !== 'met' && r.status !== 'partial'))
    return { status: 'not_met', score };
  return { status: 'partial', score };
}

export function requirementsOf(catalog: Catalog): Requirement[] {
  return catalog.obligations.flatMap((o) => o.requirements);
}
