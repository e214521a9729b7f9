import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Bilingual, Evidence, FailingItem } from '../../core/compliance/checks.ts';
import { orgIdColumn } from '../orgs/orgs.table.ts';
import { users } from '../users/users.table.ts';

export const requirementStatuses = [
  'met',
  'partial',
  'not_met',
  'not_applicable',
  'not_evaluated',
  'error',
] as const;
export type RequirementStatus = (typeof requirementStatuses)[number];

/** `measured`: computed from Vigie's data by checks; `declared`: resting on a person's attestation. */
export const evaluationModes = ['measured', 'declared'] as const;
export type EvaluationMode = (typeof evaluationModes)[number];

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

// Every evaluation is kept with its time: the dashboard draws trends from them and a report can be reproduced.
export const evaluations = pgTable(
  'compliance_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    frameworkId: text('framework_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
    trigger: text('trigger', { enum: ['on_demand', 'data_change', 'daily'] }).notNull(),
    actor: text('actor').notNull(),
    status: text('status', { enum: requirementStatuses }).notNull(),
    score: doublePrecision('score').notNull(),
  },
  (t) => [index('compliance_evaluations_org_idx').on(t.orgId, t.frameworkId, t.evaluatedAt)],
);

export const evaluationResults = pgTable(
  'compliance_evaluation_results',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    requirementId: text('requirement_id').notNull(),
    status: text('status', { enum: requirementStatuses }).notNull(),
    mode: text('mode', { enum: evaluationModes }).notNull(),
    score: doublePrecision('score'),
    summary: jsonb('summary').$type<Bilingual>().notNull(),
    /** The first failing items (a cap keeps history small at 100,000 assets); failingCount has them all. */
    failing: jsonb('failing').$type<FailingItem[]>().notNull().default([]),
    failingCount: integer('failing_count').notNull().default(0),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.requirementId] })],
);

export const attestationKinds = ['compliant', 'not_applicable'] as const;
export type AttestationKind = (typeof attestationKinds)[number];

// What a person declares where no check measures the duty yet (ARCHITECTURE.md, principle 1): who, what, from
// when, until when, and the evidence file with its SHA-256.
export const attestations = pgTable(
  'compliance_attestations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    frameworkId: text('framework_id').notNull(),
    requirementId: text('requirement_id').notNull(),
    kind: text('kind', { enum: attestationKinds }).notNull(),
    statement: text('statement').notNull(),
    declaredBy: text('declared_by').notNull(),
    declaredByUserId: uuid('declared_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    effectiveOn: date('effective_on').notNull(),
    expiresOn: date('expires_on'),
    evidenceName: text('evidence_name'),
    evidenceType: text('evidence_type'),
    evidenceSha256: text('evidence_sha256'),
    evidence: bytea('evidence'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('compliance_attestations_org_idx').on(t.orgId, t.frameworkId, t.requirementId)],
);

// Time-based duties (ARCHITECTURE.md, due items): what must be done by when, for which subject, under which
// requirement. Modules open them from events or schedules (an asset's next review, the end of support of what it
// runs); evidence closes them (the review, the retirement, the upgrade). Checks and the dashboard count the
// overdue ones.
export const dueItems = pgTable(
  'compliance_due_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    kind: text('kind').notNull(),
    requirementId: text('requirement_id').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    subjectLabel: text('subject_label').notNull(),
    dueOn: date('due_on').notNull(),
    detail: jsonb('detail').$type<Bilingual>(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: jsonb('closed_by').$type<Bilingual>(),
  },
  (t) => [
    uniqueIndex('compliance_due_items_open_unique').on(t.kind, t.subjectId).where(sql`${t.closedAt} is null`),
    index('compliance_due_items_org_due_idx').on(t.orgId, t.dueOn),
  ],
);
