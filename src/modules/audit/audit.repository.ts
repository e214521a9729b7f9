import { and, asc, desc, eq, gt, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { containsPattern, type Executor } from '../../core/db/database.ts';
import { auditEntries } from './audit.table.ts';

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = Omit<typeof auditEntries.$inferInsert, 'seq'>;

// Serializes appends across processes for the length of the appending transaction (works on PGlite too).
const chainLockKey = 7_106_105_097;

export type AuditFilter = {
  orgIds?: readonly string[] | undefined;
  includeUnscoped: boolean;
  action?: string | undefined;
  actor?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export function createAuditRepository() {
  return {
    async lastHash(tx: Executor): Promise<string | undefined> {
      await tx.execute(sql`select pg_advisory_xact_lock(${chainLockKey})`);
      const rows = await tx
        .select({ hash: auditEntries.hash })
        .from(auditEntries)
        .orderBy(desc(auditEntries.seq))
        .limit(1);
      return rows[0]?.hash;
    },

    async insert(tx: Executor, row: NewAuditRow): Promise<AuditRow> {
      const [inserted] = await tx.insert(auditEntries).values(row).returning();
      return inserted!;
    },

    async batchAfter(db: Executor, afterSeq: number, size: number): Promise<AuditRow[]> {
      return db
        .select()
        .from(auditEntries)
        .where(gt(auditEntries.seq, afterSeq))
        .orderBy(asc(auditEntries.seq))
        .limit(size);
    },

    async list(db: Executor, filter: AuditFilter, page: { limit: number; beforeSeq?: number | undefined }) {
      const where = whereOf(filter);
      const pageWhere = page.beforeSeq ? and(where, sql`${auditEntries.seq} < ${page.beforeSeq}`) : where;
      // One after the other: a request's queries share one connection (decision 0007).
      const rows = await db
        .select()
        .from(auditEntries)
        .where(pageWhere)
        .orderBy(desc(auditEntries.seq))
        .limit(page.limit);
      const total = await db.select({ n: sql<number>`count(*)::int` }).from(auditEntries).where(where);
      return { rows, total: total[0]?.n ?? 0 };
    },
  };
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.orgIds) {
    const inScope = inArray(auditEntries.orgId, [...filter.orgIds]);
    conditions.push(filter.includeUnscoped ? or(inScope, isNull(auditEntries.orgId)) : inScope);
  }
  if (filter.action) conditions.push(eq(auditEntries.action, filter.action));
  if (filter.actor) conditions.push(ilike(auditEntries.actorLabel, containsPattern(filter.actor)));
  if (filter.outcome) conditions.push(eq(auditEntries.outcome, filter.outcome));
  if (filter.from) conditions.push(gte(auditEntries.at, filter.from));
  if (filter.to) conditions.push(lte(auditEntries.at, filter.to));
  return and(...conditions);
}
