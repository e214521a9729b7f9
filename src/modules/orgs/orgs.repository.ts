import { asc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../core/db/database.ts';
import { organizations, people } from './orgs.table.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

export function createOrgsRepository() {
  return {
    async findById(db: Executor, id: string): Promise<OrganizationRow | undefined> {
      const rows = await db.select().from(organizations).where(eq(organizations.id, id));
      return rows[0];
    },

    async insert(db: Executor, values: typeof organizations.$inferInsert): Promise<OrganizationRow> {
      const [row] = await db.insert(organizations).values(values).returning();
      return row!;
    },

    async listIn(db: Executor, ids: readonly string[] | undefined): Promise<OrganizationRow[]> {
      const query = db.select().from(organizations);
      const scoped = ids ? query.where(inArray(organizations.id, [...ids])) : query;
      return scoped.orderBy(asc(organizations.name));
    },

    /**
     * The organization and everything below it (a recursive walk of the tree), and whether it is a top
     * organization: what a user of it may see, in one query.
     */
    async scopeOf(db: Executor, rootId: string): Promise<{ orgIds: string[]; rootOrg: boolean }> {
      const rows = await queryRows<{ id: string; parent_id: string | null; depth: number }>(
        db,
        sql`
        with recursive subtree as (
          select id, parent_id, 0 as depth from ${organizations} where id = ${rootId}
          union all
          select o.id, o.parent_id, s.depth + 1 from ${organizations} o join subtree s on o.parent_id = s.id
        )
        select id, parent_id, depth from subtree`,
      );
      return {
        orgIds: rows.map((r) => r.id),
        rootOrg: rows.some((r) => r.depth === 0 && r.parent_id === null),
      };
    },

    /** The organization and every organization above it, from itself up to the top. */
    async lineageOf(db: Executor, id: string): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`
        with recursive up as (
          select id, parent_id, 0 as depth from ${organizations} where id = ${id}
          union all
          select o.id, o.parent_id, u.depth + 1 from ${organizations} o join up u on o.id = u.parent_id
        )
        select id from up order by depth`,
      );
      return rows.map((r) => r.id);
    },

    async insertPerson(db: Executor, values: typeof people.$inferInsert): Promise<PersonRow> {
      const [row] = await db.insert(people).values(values).returning();
      return row!;
    },

    async listPeople(db: Executor, orgIds: readonly string[] | undefined): Promise<PersonRow[]> {
      const query = db.select().from(people);
      const scoped = orgIds ? query.where(inArray(people.orgId, [...orgIds])) : query;
      return scoped.orderBy(asc(people.fullName));
    },
  };
}
