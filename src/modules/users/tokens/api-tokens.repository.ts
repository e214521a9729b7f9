import { asc, eq, inArray, sql } from 'drizzle-orm';
import { preparedOnce } from '../../../core/db/built-once.ts';
import type { Executor } from '../../../core/db/database.ts';
import { apiTokens } from '../users.table.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Every request that carries a token runs this first. */
const tokenByHash = preparedOnce('api_token_by_hash', (db, name) =>
  db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')))
    .prepare(name),
);

export function createApiTokensRepository() {
  return {
    async insert(db: Executor, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
      return (await db.insert(apiTokens).values(values).returning())[0]!;
    },
    async findById(db: Executor, id: string): Promise<ApiTokenRow | undefined> {
      return (await db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0];
    },
    async findByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
      return (await tokenByHash(db).execute({ tokenHash }))[0];
    },
    async listIn(db: Executor, orgIds: readonly string[] | undefined): Promise<ApiTokenRow[]> {
      const query = db.select().from(apiTokens);
      return (orgIds ? query.where(inArray(apiTokens.orgId, [...orgIds])) : query).orderBy(
        asc(apiTokens.createdAt),
      );
    },
    async update(
      db: Executor,
      id: string,
      values: Partial<typeof apiTokens.$inferInsert>,
    ): Promise<ApiTokenRow> {
      return (await db.update(apiTokens).set(values).where(eq(apiTokens.id, id)).returning())[0]!;
    },
  };
}
