// Compliance (all obligations): the frameworks as data, the checks the modules register, every evaluation kept
// with its time, and the attestations people make where no check measures a duty yet. A status is always traceable:
// measured from the facts by named checks, or declared by a named person with a dated, hashed evidence file.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import {
  type Actor,
  actorLabel,
  actorUserId,
  assertCan,
  assertOrgInScope,
  sees,
  systemActor,
} from '../../core/auth/actor.ts';
import type { Clock } from '../../core/clock.ts';
import type { Check, CheckContext } from '../../core/compliance/checks.ts';
import type { Db } from '../../core/db/database.ts';
import { whenCommitted } from '../../core/db/tenant-scope.ts';
import { defineError, isAppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import type { Catalog, Mapping } from './catalog/catalog.schema.ts';
import {
  aggregate,
  checkError,
  createCheckRunner,
  fromAttestation,
  fromChecks,
  type RequirementResult,
  requirementsOf,
} from './compliance.engine.ts';
import type { ComplianceReport } from './compliance.report.ts';
import {
  type AttestationSummary,
  createComplianceRepository,
  type EvaluationResultRow,
  type EvaluationRow,
} from './compliance.repository.ts';
import type { AttestationKind } from './compliance.table.ts';
import type { DueItemsService } from './due-items/due-items.service.ts';

export const createFrameworkNotFoundError = defineError('compliance.framework_not_found', 404);
export const createRequirementNotFoundError = defineError('compliance.requirement_not_found', 404);
export const createAttestationNotFoundError = defineError('compliance.attestation_not_found', 404);
export const createMeasuredRequirementError = defineError('compliance.measured_requirement', 422);
export const createEvaluationNotFoundError = defineError('compliance.evaluation_not_found', 404);

export const defaultFramework = 'msss-directive';

/** A relation read from the other side: what is a subset one way is a superset the other. */
const inverse = {
  equivalent: 'equivalent',
  subset: 'superset',
  superset: 'subset',
  related: 'related',
} as const;

export type AttestInput = {
  orgId: string;
  frameworkId: string;
  requirementId: string;
  kind: AttestationKind;
  statement: string;
  effectiveOn: string;
  expiresOn: string | null;
  evidence?: { name: string; type: string; content: Buffer } | undefined;
};

export type ComplianceDeps = {
  db: Db;
  clock: Clock;
  catalogs: readonly Catalog[];
  mappings?: readonly Mapping[];
  checks: readonly Check[];
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'scopeOf' | 'lineageOf' | 'namesOf' | 'list' | 'get'>;
  dueItems: Pick<DueItemsService, 'list'>;
  logger?: Pick<Logger, 'error'>;
};

export type Trigger = 'on_demand' | 'data_change' | 'daily';

/** Views showing at most this many failing items per requirement (the dashboard's and the obligation pages') are cached. */
const viewCacheFailingLimit = 100;

export function createComplianceService(deps: ComplianceDeps) {
  const repository = createComplianceRepository();
  /** A stored evaluation laid out as the catalog (the dashboard's and the obligation pages' answer). */
  type View = ReturnType<typeof viewOf>;
  const views = new LRUCache<string, View>({ max: 64 });
  // Evaluations asked for by single-record changes run one after another, off the request (evaluateSoon).
  const queued = new Set<string>();
  let background: Promise<void> = Promise.resolve();
  const checkIds = new Set(deps.checks.map((c) => c.id));
  // A catalog naming a check that no module registers is a broken installation: refuse to start.
  for (const catalog of deps.catalogs)
    for (const requirement of requirementsOf(catalog))
      if (requirement.evaluation !== 'attestation')
        for (const id of requirement.evaluation.checks)
          if (!checkIds.has(id))
            throw new Error(
              `catalog ${catalog.framework.id}: ${requirement.id} names check ${id}, which no module registers`,
            );

  function framework(id: string): Catalog {
    const catalog = deps.catalogs.find((c) => c.framework.id === id);
    if (!catalog) throw createFrameworkNotFoundError({ id });
    return catalog;
  }

  async function evaluate(
    actor: Actor,
    orgId: string,
    options: { trigger?: Trigger; frameworkId?: string } = {},
  ) {
    assertCan(actor, 'compliance.evaluate');
    assertOrgInScope(actor, orgId);
    const catalog = framework(options.frameworkId ?? defaultFramework);
    const now = deps.clock.now();
    const day = deps.clock.dayOf(now);
    const { orgIds } = await deps.orgs.scopeOf(orgId);
    const shared = new Map<string, Promise<unknown>>();
    const ctx: CheckContext = {
      orgId,
      orgIds,
      orgNames: orgIds.length > 1 ? await deps.orgs.namesOf(orgIds) : new Map(),
      now,
      dayOf: deps.clock.dayOf,
      shared: <T>(key: string, load: () => Promise<T>) => {
        if (!shared.has(key)) shared.set(key, load());
        return shared.get(key) as Promise<T>;
      },
    };
    const run = createCheckRunner(deps.checks, ctx);
    const attested = await repository.inForce(deps.db, orgId, catalog.framework.id, now, day);
    const attestationOf = (id: string) => attested.find((a) => a.requirementId === id);

    const results: RequirementResult[] = [];
    for (const requirement of requirementsOf(catalog)) {
      const attestation = attestationOf(requirement.id);
      let result: Omit<RequirementResult, 'requirementId'>;
      if (requirement.evaluation === 'attestation' || attestation?.kind === 'not_applicable') {
        result = fromAttestation(attestation, day);
      } else {
        try {
          // One check after the other: an evaluation asked for over HTTP runs on the request's one connection.
          const outcomes = [];
          for (const check of requirement.evaluation.checks) outcomes.push(await run(check));
          result = fromChecks(outcomes);
        } catch (error) {
          deps.logger?.error({ err: error, requirement: requirement.id }, 'compliance check failed');
          result = checkError(isAppError(error) ? error.code : 'internal');
        }
      }
      results.push({ requirementId: requirement.id, ...result });
    }
    const overall = aggregate(results);
    const evaluation = await deps.db.transaction(async (tx) => {
      const row = await repository.insertEvaluation(
        tx,
        {
          orgId,
          frameworkId: catalog.framework.id,
          frameworkVersion: catalog.framework.version,
          evaluatedAt: now,
          trigger: options.trigger ?? 'on_demand',
          actor: actorLabel(actor),
          status: overall.status,
          score: overall.score ?? 0,
        },
        results,
      );
      await deps.audit.record(
        actor,
        {
          action: 'compliance.evaluate',
          orgId,
          target: { type: 'evaluation', id: row.id },
          details: { framework: catalog.framework.id, score: row.score, trigger: row.trigger },
        },
        tx,
      );
      return row;
    });
    return viewOf(catalog, evaluation, results, attested);
  }

  /** The stored evaluation laid out as the catalog: obligations, their requirements, statuses and scores. */
  function viewOf(
    catalog: Catalog,
    evaluation: EvaluationRow,
    results: readonly (RequirementResult | Omit<EvaluationResultRow, 'evaluationId'>)[],
    attested: readonly AttestationSummary[],
  ) {
    const byId = new Map(results.map((r) => [r.requirementId, r]));
    const obligations = catalog.obligations.map((o) => {
      const requirements = o.requirements.map((req) => {
        const r = byId.get(req.id);
        return {
          id: req.id,
          text: req.text,
          evidenceExpected: req.evidence,
          recurrence: req.recurrence ?? null,
          checks: req.evaluation === 'attestation' ? [] : req.evaluation.checks,
          status: r?.status ?? ('not_evaluated' as const),
          mode: r?.mode ?? (req.evaluation === 'attestation' ? ('declared' as const) : ('measured' as const)),
          score: r?.score ?? null,
          summary: r?.summary ?? { fr: 'Pas encore évaluée.', en: 'Not evaluated yet.' },
          failing: r?.failing ?? [],
          failingCount: r?.failingCount ?? 0,
          evidence: r?.evidence ?? [],
          attestation: attested.find((a) => a.requirementId === req.id) ?? null,
        };
      });
      return { id: o.id, title: o.title, ...aggregate(requirements), requirements };
    });
    const all = obligations.flatMap((o) => o.requirements);
    return {
      framework: catalog.framework,
      orgId: evaluation.orgId,
      evaluationId: evaluation.id,
      evaluatedAt: evaluation.evaluatedAt,
      status: evaluation.status,
      score: evaluation.score,
      counts: {
        measured: all.filter((r) => r.mode === 'measured').length,
        declared: all.filter((r) => r.mode === 'declared' && r.status !== 'not_evaluated').length,
        notEvaluated: all.filter((r) => r.status === 'not_evaluated').length,
      },
      obligations,
    };
  }

  /**
   * The latest evaluation of an organization, as stored (reproducible), or null before the first; `failingLimit`
   * keeps only the first failing items of each requirement (a summary), and `obligationId` only that obligation.
   */
  async function status(
    actor: Actor,
    orgId: string,
    frameworkId = defaultFramework,
    failingLimit?: number,
    obligationId?: string,
  ) {
    assertCan(actor, 'compliance.read');
    assertOrgInScope(actor, orgId);
    const evaluation = await repository.latest(deps.db, orgId, framework(frameworkId).framework.id);
    if (!evaluation) return null;
    const view = await stored(evaluation, failingLimit);
    if (obligationId === undefined) return view;
    // A new object: the stored view is shared by every caller.
    return kept(`${evaluation.id}:${failingLimit}:${obligationId}`, failingLimit, async () => ({
      ...view,
      obligations: view.obligations.filter((o) => o.id === obligationId),
    }));
  }

  /** The latest evaluation, or a first one made now when the organization has none yet. */
  async function latestOrFirst(actor: Actor, orgId: string, frameworkId = defaultFramework) {
    return (
      (await status(actor, orgId, frameworkId)) ??
      (await evaluate(systemActor, orgId, { trigger: 'on_demand', frameworkId }))
    );
  }

  /** An organization whose data changed, and those above it whose scores include it. */
  async function evaluateLineage(orgId: string): Promise<void> {
    for (const id of await deps.orgs.lineageOf(orgId))
      await evaluate(systemActor, id, { trigger: 'data_change' });
  }

  /** An evaluation as it was stored, with the attestations that were in force when it ran. */
  async function stored(evaluation: EvaluationRow, failingLimit?: number) {
    const load = async () => {
      const catalog = framework(evaluation.frameworkId);
      const [results, attested] = await Promise.all([
        repository.resultsOf(deps.db, evaluation.id, failingLimit),
        repository.inForce(
          deps.db,
          evaluation.orgId,
          evaluation.frameworkId,
          evaluation.evaluatedAt,
          deps.clock.dayOf(evaluation.evaluatedAt),
        ),
      ]);
      return viewOf(catalog, evaluation, results, attested);
    };
    return kept(`${evaluation.id}:${failingLimit}`, failingLimit, load);
  }

  /**
   * Every dashboard and obligation page shows the latest evaluation: the same view, again and again, until the
   * next evaluation. A stored evaluation never changes, so its summaries are kept (not the whole list of failing
   * items, which can be long), and answered as the same object each time: the route writes its JSON once.
   */
  async function kept(
    key: string,
    failingLimit: number | undefined,
    make: () => Promise<View>,
  ): Promise<View> {
    if (failingLimit === undefined || failingLimit > viewCacheFailingLimit) return make();
    const cached = views.get(key);
    if (cached) return cached;
    const view = await make();
    views.set(key, view);
    return view;
  }

  return {
    framework,
    evaluate,
    /** The organization's time zone (VIGIE_TIME_ZONE), in which a status's times are shown to people. */
    timeZone: deps.clock.timeZone,

    /** The frameworks Vigie holds, with their versions. */
    frameworks: () => deps.catalogs.map((c) => c.framework),

    /** The requirements of other frameworks that the mapping files relate to this one, in both directions. */
    related(frameworkId: string, requirementId: string) {
      return (deps.mappings ?? []).flatMap((m) =>
        m.relations.flatMap((r) => {
          if (m.mapping.from.framework === frameworkId && r.from === requirementId)
            return r.to.map((id) => ({
              framework: m.mapping.to.framework,
              requirementId: id,
              kind: r.kind,
              note: r.note,
            }));
          if (m.mapping.to.framework === frameworkId && r.to.includes(requirementId))
            return [
              {
                framework: m.mapping.from.framework,
                requirementId: r.from,
                kind: inverse[r.kind],
                note: r.note,
              },
            ];
          return [];
        }),
      );
    },

    status,
    latestOrFirst,

    /** The open due items of an organization and those below it, soonest first. */
    async dueItems(actor: Actor, orgId: string, options: { overdueOnly?: boolean; limit: number }) {
      assertCan(actor, 'compliance.read');
      assertOrgInScope(actor, orgId);
      const { orgIds } = await deps.orgs.scopeOf(orgId);
      return deps.dueItems.list(orgIds, options);
    },

    async history(actor: Actor, orgId: string, frameworkId = defaultFramework, limit = 90) {
      assertCan(actor, 'compliance.read');
      assertOrgInScope(actor, orgId);
      return (await repository.history(deps.db, orgId, framework(frameworkId).framework.id, limit)).reverse();
    },

    /**
     * After a change to an organization's data: it and the organizations above it are evaluated again, once the
     * change is committed and outside the caller's tenant scope (the organizations above are not in it).
     */
    afterChange: (orgId: string) => whenCommitted(() => evaluateLineage(orgId)),

    /**
     * After a person's change to one record: the same evaluation, in the background once the change is committed,
     * and once for however many changes arrive while one is waiting (at 100,000 assets it takes seconds).
     */
    evaluateSoon(orgId: string): void {
      void whenCommitted(async () => {
        if (queued.has(orgId)) return;
        queued.add(orgId);
        background = background.then(async () => {
          queued.delete(orgId);
          try {
            await evaluateLineage(orgId);
          } catch (error) {
            deps.logger?.error({ err: error, orgId }, 'background evaluation failed');
          }
        });
      });
    },

    /** Resolves once the background evaluations asked so far are done (before closing, and in tests). */
    idle: () => background,

    /** The daily evaluation of every organization not evaluated in the last day. */
    async evaluateDaily() {
      const dayAgo = new Date(deps.clock.now().getTime() - 24 * 3600 * 1000);
      for (const org of await deps.orgs.list(systemActor)) {
        const latest = await repository.latest(deps.db, org.id, defaultFramework);
        if (!latest || latest.evaluatedAt < dayAgo) await evaluate(systemActor, org.id, { trigger: 'daily' });
      }
    },

    async attest(actor: Actor, input: AttestInput) {
      assertCan(actor, 'compliance.attest');
      assertOrgInScope(actor, input.orgId);
      const catalog = framework(input.frameworkId);
      const requirement = requirementsOf(catalog).find((r) => r.id === input.requirementId);
      if (!requirement) throw createRequirementNotFoundError({ id: input.requirementId });
      // A measured requirement answers to its data: a declaration can only say it does not apply.
      if (requirement.evaluation !== 'attestation' && input.kind === 'compliant')
        throw createMeasuredRequirementError({ id: requirement.id });
      const now = deps.clock.now();
      const attestation = await deps.db.transaction(async (tx) => {
        const row = await repository.insertAttestation(tx, {
          orgId: input.orgId,
          frameworkId: input.frameworkId,
          requirementId: input.requirementId,
          kind: input.kind,
          statement: input.statement,
          declaredBy: actorLabel(actor),
          declaredByUserId: actorUserId(actor),
          effectiveOn: input.effectiveOn,
          expiresOn: input.expiresOn,
          evidenceName: input.evidence?.name ?? null,
          evidenceType: input.evidence?.type ?? null,
          evidenceSha256: input.evidence
            ? createHash('sha256').update(input.evidence.content).digest('hex')
            : null,
          evidence: input.evidence?.content ?? null,
          createdAt: now,
        });
        await deps.audit.record(
          actor,
          {
            action: 'compliance.attest',
            orgId: input.orgId,
            target: { type: 'attestation', id: row.id },
            details: { requirement: row.requirementId, kind: row.kind, sha256: row.evidenceSha256 },
          },
          tx,
        );
        return row;
      });
      await evaluate(systemActor, input.orgId, { trigger: 'data_change', frameworkId: input.frameworkId });
      return attestation;
    },

    async attestations(actor: Actor, orgId: string, frameworkId = defaultFramework, requirementId?: string) {
      assertCan(actor, 'compliance.read');
      assertOrgInScope(actor, orgId);
      return repository.list(deps.db, orgId, framework(frameworkId).framework.id, requirementId);
    },

    async withdrawAttestation(actor: Actor, id: string) {
      assertCan(actor, 'compliance.attest');
      const row = await repository.find(deps.db, id);
      if (!row || !sees(actor, row.orgId)) throw createAttestationNotFoundError({ id });
      await deps.db.transaction(async (tx) => {
        await repository.withdraw(tx, id, deps.clock.now());
        await deps.audit.record(
          actor,
          {
            action: 'compliance.withdraw_attestation',
            orgId: row.orgId,
            target: { type: 'attestation', id },
          },
          tx,
        );
      });
      await evaluate(systemActor, row.orgId, { trigger: 'data_change', frameworkId: row.frameworkId });
    },

    async attestationEvidence(actor: Actor, id: string) {
      assertCan(actor, 'compliance.read');
      const row = await repository.findWithEvidence(deps.db, id);
      if (!row || !sees(actor, row.orgId) || !row.evidence) throw createAttestationNotFoundError({ id });
      return {
        name: row.evidenceName ?? 'evidence',
        type: row.evidenceType ?? 'application/octet-stream',
        content: row.evidence,
      };
    },

    /** What a report shows: the latest evaluation (a first one is made if there is none), dated. */
    /**
     * What a report shows, dated: the latest evaluation (a first one is made if there is none), or, to reproduce an
     * earlier report, the stored evaluation named.
     */
    async report(
      actor: Actor,
      orgId: string,
      frameworkId = defaultFramework,
      evaluationId?: string,
    ): Promise<ComplianceReport> {
      assertCan(actor, 'compliance.read');
      const organization = await deps.orgs.get(actor, orgId);
      let shown: ComplianceStatus;
      if (evaluationId) {
        const evaluation = await repository.findEvaluation(deps.db, evaluationId);
        if (!evaluation || evaluation.orgId !== orgId)
          throw createEvaluationNotFoundError({ id: evaluationId });
        shown = await stored(evaluation);
      } else {
        shown = await latestOrFirst(actor, orgId, frameworkId);
      }
      await deps.audit.record(actor, {
        action: 'compliance.report',
        orgId,
        details: { framework: shown.framework.id, evaluation: shown.evaluationId },
      });
      return {
        organization: { id: organization.id, name: organization.name },
        generatedAt: deps.clock.now(),
        timeZone: deps.clock.timeZone,
        status: shown,
      };
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
export type ComplianceStatus = Awaited<ReturnType<ComplianceService['evaluate']>>;
