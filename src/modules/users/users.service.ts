// Vigie's staff accounts (directive obligation 7: least privilege, access managed and reviewed): creation with
// a one-time password, roles, disabling, MFA reset, and the first administrator of an empty installation.
import { type Actor, assertCan, assertOrgInScope, orgScope, sees } from '../../core/auth/actor.ts';
import { randomString } from '../../core/crypto/tokens.ts';
import type { Db } from '../../core/db/database.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import { hashPassword } from './auth/passwords.ts';
import { createEmailTakenError, createSelfChangeError, createUserNotFoundError } from './users.errors.ts';
import { createUsersRepository, type UserRow } from './users.repository.ts';
import type { CreateUserInput, UpdateUserInput } from './users.schemas.ts';

export type UsersDeps = {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'create' | 'scopeOf'>;
};

/** 20 random characters from an unambiguous alphabet: about 115 bits, shown once, changed at first sign-in. */
export function oneTimePassword(): string {
  return randomString('abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', 20);
}

export function createUsersService(deps: UsersDeps) {
  const repository = createUsersRepository();
  const { db } = deps;

  async function getInScope(actor: Actor, id: string): Promise<UserRow> {
    const user = await repository.findById(db, id);
    if (!user || !sees(actor, user.orgId)) throw createUserNotFoundError({ id });
    return user;
  }

  async function create(actor: Actor, input: CreateUserInput) {
    assertCan(actor, 'users.manage');
    assertOrgInScope(actor, input.orgId);
    // The organization exists (`orgs.not_found`, not the database refusing the account).
    await deps.orgs.scopeOf(input.orgId);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    try {
      const user = await db.transaction(async (tx) => {
        const row = await repository.insert(tx, {
          orgId: input.orgId,
          email: input.email.trim().toLowerCase(),
          displayName: input.displayName,
          role: input.role,
          passwordHash,
          mustChangePassword: true,
        });
        await deps.audit.record(
          actor,
          {
            action: 'users.create',
            orgId: row.orgId,
            target: { type: 'user', id: row.id },
            details: { email: row.email, role: row.role },
          },
          tx,
        );
        return row;
      });
      return { user, oneTimePassword: password };
    } catch (error) {
      if (isUniqueViolation(error)) throw createEmailTakenError({ email: input.email });
      throw error;
    }
  }

  return {
    create,

    list(actor: Actor): Promise<UserRow[]> {
      assertCan(actor, 'users.read');
      return repository.listIn(db, orgScope(actor));
    },

    async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserRow> {
      assertCan(actor, 'users.manage');
      const user = await getInScope(actor, id);
      // An administrator cannot demote or disable themself: the installation would lose its last administrator.
      if (
        actor.kind === 'user' &&
        actor.userId === id &&
        (input.role !== undefined || input.disabled !== undefined)
      ) {
        throw createSelfChangeError();
      }
      return db.transaction(async (tx) => {
        const updated = await repository.update(tx, id, {
          ...(input.role ? { role: input.role } : {}),
          ...(input.displayName ? { displayName: input.displayName } : {}),
          ...(input.disabled !== undefined ? { disabledAt: input.disabled ? new Date() : null } : {}),
        });
        if (input.disabled || (input.role && input.role !== user.role))
          await repository.deleteUserSessions(tx, id);
        await deps.audit.record(
          actor,
          {
            action: 'users.update',
            orgId: user.orgId,
            target: { type: 'user', id },
            details: { ...input, previousRole: user.role },
          },
          tx,
        );
        return updated;
      });
    },

    /** Removes the user's second factor and recovery codes; the next sign-in enrols a new one. */
    async resetMfa(actor: Actor, id: string): Promise<UserRow> {
      assertCan(actor, 'users.manage');
      const user = await getInScope(actor, id);
      return db.transaction(async (tx) => {
        const updated = await repository.update(tx, id, {
          totpSecretEnc: null,
          totpEnabledAt: null,
          passkeyEnabledAt: null,
          totpLastStep: null,
        });
        await repository.deleteRecoveryCodes(tx, id);
        await repository.deletePasskeys(tx, id);
        await repository.deleteUserSessions(tx, id);
        await deps.audit.record(
          actor,
          { action: 'users.reset_mfa', orgId: user.orgId, target: { type: 'user', id } },
          tx,
        );
        return updated;
      });
    },

    /** A new one-time password; MFA stays required at the next sign-in, so a reset never bypasses it. */
    async resetPassword(actor: Actor, id: string) {
      assertCan(actor, 'users.manage');
      const user = await getInScope(actor, id);
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await repository.update(tx, id, { passwordHash, mustChangePassword: true });
        await repository.deleteUserSessions(tx, id);
        await deps.audit.record(
          actor,
          { action: 'users.reset_password', orgId: user.orgId, target: { type: 'user', id } },
          tx,
        );
      });
      return { user, oneTimePassword: password };
    },

    async findByEmail(actor: Actor, email: string): Promise<UserRow> {
      assertCan(actor, 'users.read');
      const user = await repository.findByEmail(db, email.trim().toLowerCase());
      if (!user || !sees(actor, user.orgId)) throw createUserNotFoundError({ email });
      return user;
    },

    /**
     * On an empty installation, creates a top organization and its first administrator with a one-time
     * password (never a fixed default). Returns nothing when accounts already exist.
     */
    async ensureFirstAdmin(actor: Actor, email: string) {
      if ((await repository.count(db)) > 0) return undefined;
      const org = await deps.orgs.create(actor, { name: 'Mon organisation', kind: 'region' });
      return create(actor, { email, displayName: 'Administrateur', role: 'admin', orgId: org.id });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
