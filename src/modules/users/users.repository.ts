import { and, asc, count, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { preparedOnce } from '../../core/db/built-once.ts';
import type { Executor } from '../../core/db/database.ts';
import { passkeys, recoveryCodes, sessions, signInFailures, usedChallenges, users } from './users.table.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type PasskeyRow = typeof passkeys.$inferSelect;

/** Every request of a signed-in person runs this first. */
const sessionWithUser = preparedOnce('session_with_user', (db, name) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(name),
);

export function createUsersRepository() {
  return {
    async findById(db: Executor, id: string): Promise<UserRow | undefined> {
      return (await db.select().from(users).where(eq(users.id, id)))[0];
    },
    async findByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
      return (await db.select().from(users).where(eq(users.email, email)))[0];
    },
    async count(db: Executor): Promise<number> {
      return (await db.select({ n: count() }).from(users))[0]?.n ?? 0;
    },
    async insert(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
      return (await db.insert(users).values(values).returning())[0]!;
    },
    async update(db: Executor, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
      return (
        await db
          .update(users)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(users.id, id))
          .returning()
      )[0]!;
    },
    async listIn(db: Executor, orgIds: readonly string[] | undefined): Promise<UserRow[]> {
      const query = db.select().from(users);
      return (orgIds ? query.where(inArray(users.orgId, [...orgIds])) : query).orderBy(asc(users.email));
    },

    async insertSession(db: Executor, values: typeof sessions.$inferInsert): Promise<SessionRow> {
      return (await db.insert(sessions).values(values).returning())[0]!;
    },
    async findSessionWithUser(
      db: Executor,
      id: string,
    ): Promise<{ session: SessionRow; user: UserRow } | undefined> {
      return (await sessionWithUser(db).execute({ id }))[0];
    },
    async updateSession(
      db: Executor,
      id: string,
      values: Partial<typeof sessions.$inferInsert>,
    ): Promise<void> {
      await db.update(sessions).set(values).where(eq(sessions.id, id));
    },
    async deleteSession(db: Executor, id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async deleteUserSessions(db: Executor, userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    async listUserSessions(db: Executor, userId: string): Promise<SessionRow[]> {
      return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
    },

    async replaceRecoveryCodes(db: Executor, userId: string, codeHashes: string[]): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      if (codeHashes.length)
        await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
    },
    /** Marks an unused code as used; answers whether one was found (a code works once). */
    async consumeRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      return rows.length > 0;
    },
    async insertPasskey(db: Executor, values: typeof passkeys.$inferInsert): Promise<void> {
      await db.insert(passkeys).values(values);
    },
    async listPasskeys(db: Executor, userId: string): Promise<PasskeyRow[]> {
      return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
    },
    async updatePasskey(
      db: Executor,
      id: string,
      values: Partial<typeof passkeys.$inferInsert>,
    ): Promise<void> {
      await db.update(passkeys).set(values).where(eq(passkeys.id, id));
    },
    async deletePasskey(db: Executor, userId: string, id: string): Promise<void> {
      await db.delete(passkeys).where(and(eq(passkeys.userId, userId), eq(passkeys.id, id)));
    },
    async deletePasskeys(db: Executor, userId: string): Promise<void> {
      await db.delete(passkeys).where(eq(passkeys.userId, userId));
    },
    async deleteRecoveryCodes(db: Executor, userId: string): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    },

    async recordFailure(db: Executor, source: string, email: string, at: Date): Promise<void> {
      await db.insert(signInFailures).values({ source, email, at });
    },
    async failuresSince(db: Executor, since: Date, source: string, email: string) {
      const [row] = await db
        .select({
          bySource: sql<number>`count(*) filter (where ${signInFailures.source} = ${source})::int`,
          byEmail: sql<number>`count(*) filter (where ${signInFailures.email} = ${email})::int`,
        })
        .from(signInFailures)
        .where(gte(signInFailures.at, since));
      return { bySource: row?.bySource ?? 0, byEmail: row?.byEmail ?? 0 };
    },
    async pruneFailures(db: Executor, before: Date): Promise<void> {
      await db.delete(signInFailures).where(lt(signInFailures.at, before));
    },

    /** Stores a solved challenge's id; false when it was already used (a replay). */
    async useChallenge(db: Executor, signature: string, expiresAt: Date): Promise<boolean> {
      await db.delete(usedChallenges).where(lt(usedChallenges.expiresAt, new Date()));
      const rows = await db
        .insert(usedChallenges)
        .values({ signature, expiresAt })
        .onConflictDoNothing()
        .returning({ signature: usedChallenges.signature });
      return rows.length > 0;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
