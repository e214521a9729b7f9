import { and, asc, desc, eq, getTableColumns, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { FailingItem } from '../../core/compliance/checks.ts';
import { preparedOnce } from '../../core/db/built-once.ts';
import type { Executor } from '../../core/db/database.ts';
import { attestations, evaluationResults, evaluations } from './compliance.table.ts';

export type EvaluationRow = typeof evaluations.$inferSelect;
export type EvaluationResultRow = typeof evaluationResults.$inferSelect;
export type AttestationRow = typeof attestations.$inferSelect;

/** Attestation columns without the evidence file itself, which only its download reads. */
const attestationFields = {
  id: attestations.id,
  orgId: attestations.orgId,
  frameworkId: attestations.frameworkId,
  requirementId: attestations.requirementId,
  kind: attestations.kind,
  statement: attestations.statement,
  declaredBy: attestations.declaredBy,
  effectiveOn: attestations.effectiveOn,
  expiresOn: attestations.expiresOn,
  evidenceName: attestations.evidenceName,
  evidenceType: attestations.evidenceType,
  evidenceSha256: attestations.evidenceSha256,
  createdAt: attestations.createdAt,
  withdrawnAt: attestations.withdrawnAt,
};
export type AttestationSummary = Omit<AttestationRow, 'evidence' | 'declaredByUserId'>;

/** Every dashboard and obligation page asks for it first (its view is then kept, compliance.service.ts). */
const latestEvaluation = preparedOnce('latest_evaluation', (db, name) =>
  db
    .select()
    .from(evaluations)
    .where(
      and(
        eq(evaluations.orgId, sql.placeholder('orgId')),
        eq(evaluations.frameworkId, sql.placeholder('frameworkId')),
      ),
    )
    .orderBy(desc(evaluations.evaluatedAt))
    .limit(1)
    .prepare(name),
);

export function createComplianceRepository() {
  return {
    async insertEvaluation(
      db: Executor,
      evaluation: typeof evaluations.$inferInsert,
      results: Omit<EvaluationResultRow, 'evaluationId'>[],
    ): Promise<EvaluationRow> {
      const [row] = await db.insert(evaluations).values(evaluation).returning();
      if (results.length)
        await db.insert(evaluationResults).values(results.map((r) => ({ ...r, evaluationId: row!.id })));
      return row!;
    },

    async latest(db: Executor, orgId: string, frameworkId: string): Promise<EvaluationRow | undefined> {
      return (await latestEvaluation(db).execute({ orgId, frameworkId }))[0];
    },

    async findEvaluation(db: Executor, id: string): Promise<EvaluationRow | undefined> {
      const rows = await db.select().from(evaluations).where(eq(evaluations.id, id));
      return rows[0];
    },

    /** The results of an evaluation; with a limit, only the first failing items of each travel from the database. */
    resultsOf(db: Executor, evaluationId: string, failingLimit?: number): Promise<EvaluationResultRow[]> {
      const failing =
        failingLimit === undefined
          ? evaluationResults.failing
          : failingLimit === 0
            ? sql<FailingItem[]>`'[]'::jsonb`
            : sql<
                FailingItem[]
              >`coalesce((select jsonb_agg(f) from (select f from jsonb_array_elements(${evaluationResults.failing}) f limit ${failingLimit}) kept), '[]'::jsonb)`;
      return db
        .select({ ...getTableColumns(evaluationResults), failing })
        .from(evaluationResults)
        .where(eq(evaluationResults.evaluationId, evaluationId));
    },

    history(db: Executor, orgId: string, frameworkId: string, limit: number) {
      return db
        .select({
          id: evaluations.id,
          evaluatedAt: evaluations.evaluatedAt,
          score: evaluations.score,
          status: evaluations.status,
        })
        .from(evaluations)
        .where(and(eq(evaluations.orgId, orgId), eq(evaluations.frameworkId, frameworkId)))
        .orderBy(desc(evaluations.evaluatedAt))
        .limit(limit);
    },

    async insertAttestation(
      db: Executor,
      values: typeof attestations.$inferInsert,
    ): Promise<AttestationSummary> {
      const [row] = await db.insert(attestations).values(values).returning(attestationFields);
      return row!;
    },

    /**
     * The attestations in force at a moment: recorded by then, not withdrawn by then, effective on that day. An
     * evaluation's are therefore fixed once it is stored, whatever is attested or withdrawn after it. Newest first.
     */
    inForce(
      db: Executor,
      orgId: string,
      frameworkId: string,
      at: Date,
      day: string,
    ): Promise<AttestationSummary[]> {
      return db
        .select(attestationFields)
        .from(attestations)
        .where(
          and(
            eq(attestations.orgId, orgId),
            eq(attestations.frameworkId, frameworkId),
            lte(attestations.createdAt, at),
            or(isNull(attestations.withdrawnAt), gt(attestations.withdrawnAt, at)),
            lte(attestations.effectiveOn, day),
          ),
        )
        .orderBy(desc(attestations.effectiveOn), desc(attestations.createdAt));
    },

    list(
      db: Executor,
      orgId: string,
      frameworkId: string,
      requirementId?: string,
    ): Promise<AttestationSummary[]> {
      return db
        .select(attestationFields)
        .from(attestations)
        .where(
          and(
            eq(attestations.orgId, orgId),
            eq(attestations.frameworkId, frameworkId),
            requirementId ? eq(attestations.requirementId, requirementId) : undefined,
          ),
        )
        .orderBy(asc(attestations.requirementId), desc(attestations.createdAt));
    },

    /** An attestation without its evidence file, which can weigh megabytes. */
    async find(db: Executor, id: string): Promise<AttestationSummary | undefined> {
      const rows = await db.select(attestationFields).from(attestations).where(eq(attestations.id, id));
      return rows[0];
    },

    async findWithEvidence(db: Executor, id: string): Promise<AttestationRow | undefined> {
      const rows = await db.select().from(attestations).where(eq(attestations.id, id));
      return rows[0];
    },

    async withdraw(db: Executor, id: string, at: Date): Promise<void> {
      await db.update(attestations).set({ withdrawnAt: at }).where(eq(attestations.id, id));
    },
  };
}
