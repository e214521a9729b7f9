// Due items (ARCHITECTURE.md, compliance engine): the time-based duties of the directive as rows with a date.
// A module states, for a set of subjects, which items should be open now; this service opens what is missing,
// moves nothing that is already right, and closes the rest with the evidence that closed them. Built before the
// modules that feed it, so that the inventory can open items and the compliance engine can count them.
import { and, asc, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { type Clock, today } from '../../../core/clock.ts';
import type { Bilingual } from '../../../core/compliance/checks.ts';
import { bulkInsert, insertStatement } from '../../../core/db/bulk.ts';
import type { Db, Executor } from '../../../core/db/database.ts';
import { dueItems } from '../compliance.table.ts';

export type DueItemRow = typeof dueItems.$inferSelect;

/** An item that should be open: what, for which subject, by when. */
export type DesiredDueItem = {
  orgId: string;
  kind: string;
  requirementId: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  dueOn: string;
  detail?: Bilingual | undefined;
};

export function createDueItemsService(deps: { db: Db; clock: Clock }) {
  return {
    /**
     * Makes the open items of these kinds for these subjects match `desired`: an open item with another date is
     * closed by `closedBy` and replaced, an item no longer desired is closed by `closedBy`. A few statements
     * whatever the number of subjects, inside the caller's transaction.
     */
    async sync(
      executor: Executor,
      scope: { kinds: readonly string[]; subjectIds: readonly string[] },
      desired: readonly DesiredDueItem[],
      closedBy: (item: DueItemRow) => Bilingual,
    ): Promise<void> {
      if (scope.subjectIds.length === 0) return;
      const open = await executor
        .select()
        .from(dueItems)
        .where(
          and(
            inArray(dueItems.kind, [...scope.kinds]),
            inArray(dueItems.subjectId, [...scope.subjectIds]),
            isNull(dueItems.closedAt),
          ),
        );
      const key = (i: { kind: string; subjectId: string }) => `${i.kind}/${i.subjectId}`;
      const wanted = new Map(desired.map((d) => [key(d), d]));
      const now = deps.clock.now();
      const toClose = open.filter((o) => wanted.get(key(o))?.dueOn !== o.dueOn);
      const kept = new Set(open.filter((o) => !toClose.includes(o)).map(key));
      if (toClose.length)
        await executor.execute(sql`
          update compliance_due_items d set closed_at = ${now.toISOString()}::timestamptz, closed_by = v.closed_by
          from jsonb_to_recordset(${JSON.stringify(toClose.map((i) => ({ id: i.id, closed_by: closedBy(i) })))}::jsonb)
            as v(id uuid, closed_by jsonb)
          where d.id = v.id`);
      const toOpen = desired.filter((d) => !kept.has(key(d)));
      await bulkInsert(
        executor,
        dueItems,
        toOpen.map((d) => ({ ...d, openedAt: now })),
      );
    },

    /**
     * The statement that opens items for subjects that have none yet (new subjects): nothing to read, so it can be
     * built ahead of its turn (none for no item).
     */
    openStatement(items: readonly DesiredDueItem[]): SQL | undefined {
      const now = deps.clock.now();
      return insertStatement(
        dueItems,
        items.map((d) => ({ ...d, openedAt: now })),
      );
    },

    /** The open items of these organizations, soonest first; overdue only when asked. */
    list(
      orgIds: readonly string[],
      options: { overdueOnly?: boolean; limit: number },
    ): Promise<DueItemRow[]> {
      const day = today(deps.clock);
      return deps.db
        .select()
        .from(dueItems)
        .where(
          and(
            inArray(dueItems.orgId, [...orgIds]),
            isNull(dueItems.closedAt),
            options.overdueOnly ? lt(dueItems.dueOn, day) : undefined,
          ),
        )
        .orderBy(asc(dueItems.dueOn), asc(dueItems.subjectLabel))
        .limit(options.limit);
    },

    /** How many open items are overdue, per requirement, for the organizations given. */
    async overdueCounts(orgIds: readonly string[]): Promise<Map<string, number>> {
      const day = today(deps.clock);
      const rows = await deps.db
        .select({ requirementId: dueItems.requirementId, n: sql<number>`count(*)::int` })
        .from(dueItems)
        .where(and(inArray(dueItems.orgId, [...orgIds]), isNull(dueItems.closedAt), lt(dueItems.dueOn, day)))
        .groupBy(dueItems.requirementId);
      return new Map(rows.map((r) => [r.requirementId, r.n]));
    },
  };
}

export type DueItemsService = ReturnType<typeof createDueItemsService>;
