import { type AnyPgColumn, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const organizationKinds = ['region', 'establishment', 'site'] as const;

// Tenants, nested region (or network) → establishment → site. Every row of every module belongs to one.
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('organizations_parent_name_unique').on(t.parentId, t.name).nullsNotDistinct()],
);

/** The organization a row belongs to (every tenant table has one; row-level security filters on it). */
export const orgIdColumn = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'restrict' });

// The people of an organization (asset holders, reviewers, trainees); not necessarily Vigie users.
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    jobTitle: text('job_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_org_idx').on(t.orgId), unique('people_org_name_unique').on(t.orgId, t.fullName)],
);
