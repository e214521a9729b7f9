// Signing in to Vigie itself (directive obligations 7 and 9): passwords, TOTP with recovery codes, sessions
// with idle and absolute timeouts, re-authentication before sensitive changes, and failure throttling.
import QRCode from 'qrcode';
import type { UserActor } from '../../../core/auth/actor.ts';
import { roleRequiresMfa } from '../../../core/auth/permissions.ts';
import type { Clock } from '../../../core/clock.ts';
import type { SecretBox } from '../../../core/crypto/secret-box.ts';
import { hashToken, randomString, randomToken } from '../../../core/crypto/tokens.ts';
import type { Db, Tx } from '../../../core/db/database.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { OrgsService } from '../../orgs/orgs.service.ts';
import {
  createHumanCheckRequiredError,
  createInvalidCodeError,
  createInvalidCredentialsError,
  createReauthRequiredError,
  createSourceBlockedError,
  createWeakPasswordError,
  createWrongStageError,
} from '../users.errors.ts';
import { createUsersRepository, type SessionRow, type UserRow } from '../users.repository.ts';
import type { SessionStage } from '../users.table.ts';
import type { HumanCheck } from './human-check.ts';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { humanCheckRequired, sourceBlocked, throttlePolicy, windowStart } from './throttle.ts';
import { acceptTotp, newTotpSecret, totpUri } from './totp.ts';

export type AuthDeps = {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'scopeOf'>;
  humanCheck: HumanCheck;
  session: { idleMinutes: number; absoluteHours: number };
};

export type RequestInfo = { ip: string; userAgent?: string | undefined };

/** A session found from its cookie, with the user it belongs to. */
export type SessionContext = { token: string; session: SessionRow; user: UserRow };

export type SignInResult = { token: string; stage: SessionStage; csrfToken: string; user: UserRow };

const reauthValidityMs = 5 * 60_000;
const recoveryCodeCount = 10;

function nextStage(user: UserRow, mfaDone: boolean): SessionStage {
  const hasSecondFactor = user.totpEnabledAt !== null || user.passkeyEnabledAt !== null;
  // MFA comes first so that a password reset never opens an account without the second factor.
  if (hasSecondFactor && !mfaDone) return 'mfa';
  if (user.mustChangePassword) return 'password_change';
  if (!hasSecondFactor && roleRequiresMfa(user.role)) return 'mfa_enrolment';
  return 'active';
}

function newRecoveryCode(): string {
  // 10 characters of Crockford-like base32 in two groups: easy to read aloud and type.
  const chars = randomString('ABCDEFGHJKMNPQRSTVWXYZ23456789', 10);
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The user as the journal names it, during sign-in steps; its organizations are not needed to write an entry. */
export function userAuditActor(user: UserRow, info: RequestInfo): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    role: user.role,
    orgId: user.orgId,
    orgIds: [user.orgId],
    rootOrg: false,
    ip: info.ip,
  };
}

export function createAuthService(deps: AuthDeps) {
  const repository = createUsersRepository();
  const { db, clock } = deps;

  async function openSession(user: UserRow, stage: SessionStage, info: RequestInfo, createdAt?: Date) {
    const token = randomToken();
    const now = clock.now();
    const session = await repository.insertSession(db, {
      id: hashToken(token),
      userId: user.id,
      stage,
      csrfToken: randomToken(),
      createdAt: createdAt ?? now,
      lastSeenAt: now,
      expiresAt: new Date((createdAt ?? now).getTime() + deps.session.absoluteHours * 3_600_000),
      reauthAt: stage === 'active' ? now : null,
      ip: info.ip,
      userAgent: info.userAgent?.slice(0, 300) ?? null,
    });
    return { token, session };
  }

  /** Moves a session to its next stage under a new identifier (the old one stops working). */
  async function advance(
    ctx: SessionContext,
    user: UserRow,
    mfaDone: boolean,
    info: RequestInfo,
  ): Promise<SignInResult> {
    const stage = nextStage(user, mfaDone);
    await repository.deleteSession(db, ctx.session.id);
    const { token, session } = await openSession(user, stage, info, ctx.session.createdAt);
    return { token, stage, csrfToken: session.csrfToken, user };
  }

  function assertStage(ctx: SessionContext, ...stages: SessionStage[]) {
    if (!stages.includes(ctx.session.stage)) throw createWrongStageError({ stage: ctx.session.stage });
  }

  function assertRecentReauth(ctx: SessionContext) {
    const at = ctx.session.reauthAt?.getTime() ?? 0;
    if (clock.now().getTime() - at > reauthValidityMs) throw createReauthRequiredError();
  }

  /**
   * Stores a newly proven second factor with fresh recovery codes, in one transaction with its journal entry,
   * then moves the session on. The codes are returned to be shown once.
   */
  async function enrolSecondFactor(
    ctx: SessionContext,
    info: RequestInfo,
    method: 'totp' | 'passkey',
    store: (tx: Tx) => Promise<UserRow>,
  ) {
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    const user = await db.transaction(async (tx) => {
      const updated = await store(tx);
      await repository.replaceRecoveryCodes(
        tx,
        ctx.user.id,
        codes.map((c) => hashToken(normalizeRecoveryCode(c))),
      );
      await deps.audit.record(
        userAuditActor(ctx.user, info),
        { action: 'auth.mfa_enrol', target: { type: 'user', id: ctx.user.id }, details: { method } },
        tx,
      );
      return updated;
    });
    // Adding a factor to an active session keeps it active; during sign-in it completes the MFA step.
    const result = await advance(ctx, user, true, info);
    return { ...result, recoveryCodes: codes };
  }

  /** The second factor was proven at sign-in: journal it and open the full session. */
  async function completeMfa(ctx: SessionContext, info: RequestInfo, method: string) {
    await deps.audit.record(userAuditActor(ctx.user, info), { action: 'auth.mfa', details: { method } });
    return advance(ctx, ctx.user, true, info);
  }

  /** Counts a failed attempt for the throttle; attempts older than its window are forgotten as new ones come. */
  async function countFailure(tx: Tx, source: string, email: string) {
    const now = clock.now();
    await repository.pruneFailures(tx, windowStart(now));
    await repository.recordFailure(tx, source, email, now);
  }

  async function recordMfaFailure(
    user: UserRow,
    info: RequestInfo,
    action: 'auth.mfa' | 'auth.mfa_enrol',
    method: string,
  ) {
    await db.transaction(async (tx) => {
      if (action === 'auth.mfa') await countFailure(tx, info.ip, user.email);
      await deps.audit.record(
        userAuditActor(user, info),
        { action, outcome: 'failure', details: { method } },
        tx,
      );
    });
  }

  return {
    /** A proof-of-work challenge for the human check (ALTCHA). */
    humanCheckChallenge: () => deps.humanCheck.challenge(),

    async signIn(
      input: { email: string; password: string; altcha?: string | undefined },
      info: RequestInfo,
    ): Promise<SignInResult> {
      const email = input.email.trim().toLowerCase();
      const now = clock.now();
      const failures = await repository.failuresSince(db, windowStart(now), info.ip, email);
      if (sourceBlocked(failures.bySource)) {
        await deps.audit.record(
          { kind: 'anonymous', label: email },
          { action: 'auth.sign_in', outcome: 'failure', details: { reason: 'source_blocked' }, ip: info.ip },
        );
        throw createSourceBlockedError({ minutes: throttlePolicy.windowMinutes });
      }
      if (humanCheckRequired(failures) && !(await deps.humanCheck.verify(input.altcha))) {
        await deps.audit.record(
          { kind: 'anonymous', label: email },
          {
            action: 'auth.sign_in',
            outcome: 'failure',
            details: { reason: input.altcha ? 'human_check_failed' : 'human_check_required' },
            ip: info.ip,
          },
        );
        throw createHumanCheckRequiredError();
      }
      const user = await repository.findByEmail(db, email);
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await decoyPasswordHash()),
        input.password,
      );
      if (!user || !passwordOk || user.disabledAt) {
        await db.transaction(async (tx) => {
          await countFailure(tx, info.ip, email);
          await deps.audit.record(
            user ? userAuditActor(user, info) : { kind: 'anonymous', label: email },
            {
              action: 'auth.sign_in',
              outcome: 'failure',
              orgId: user?.orgId ?? null,
              details: { reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'bad_password' },
              ip: info.ip,
            },
            tx,
          );
        });
        throw createInvalidCredentialsError();
      }
      const stage = nextStage(user, false);
      const { token, session } = await openSession(user, stage, info);
      await deps.audit.record(userAuditActor(user, info), {
        action: 'auth.sign_in',
        details: { stage },
        target: { type: 'user', id: user.id },
      });
      return { token, stage, csrfToken: session.csrfToken, user };
    },

    /** The session behind a cookie's token, if it exists and has not timed out; refreshes its idle clock. */
    async resolveSession(token: string): Promise<SessionContext | undefined> {
      const found = await repository.findSessionWithUser(db, hashToken(token));
      if (!found) return undefined;
      const { session, user } = found;
      const now = clock.now();
      const idleLimit = session.lastSeenAt.getTime() + deps.session.idleMinutes * 60_000;
      if (now >= session.expiresAt || now.getTime() > idleLimit) {
        await repository.deleteSession(db, session.id);
        return undefined;
      }
      if (user.disabledAt) return undefined;
      // Written at most once a minute: a page making many calls does not write on each one.
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
        await repository.updateSession(db, session.id, { lastSeenAt: now });
      }
      return { token, session, user };
    },

    /** The actor of an active session: the user with the organizations it may see. */
    async actorOf(ctx: SessionContext, ip: string): Promise<UserActor> {
      const { orgIds, rootOrg } = await deps.orgs.scopeOf(ctx.user.orgId);
      const { user } = ctx;
      return {
        kind: 'user',
        userId: user.id,
        email: user.email,
        role: user.role,
        orgId: user.orgId,
        orgIds,
        rootOrg,
        ip,
      };
    },

    async changePassword(
      ctx: SessionContext,
      input: { currentPassword?: string | undefined; newPassword: string },
      info: RequestInfo,
    ): Promise<SignInResult> {
      assertStage(ctx, 'password_change', 'active');
      if (ctx.session.stage === 'active') {
        // Re-authentication: the current password must be given again.
        if (!input.currentPassword || !(await verifyPassword(ctx.user.passwordHash, input.currentPassword))) {
          throw createReauthRequiredError();
        }
      }
      const problem = passwordProblem(input.newPassword, [ctx.user.email, ctx.user.displayName]);
      if (problem) throw createWeakPasswordError({ reason: problem });
      if (await verifyPassword(ctx.user.passwordHash, input.newPassword))
        throw createWeakPasswordError({ reason: 'same' });
      const passwordHash = await hashPassword(input.newPassword);
      const user = await db.transaction(async (tx) => {
        const updated = await repository.update(tx, ctx.user.id, { passwordHash, mustChangePassword: false });
        // Every other session of the account ends: whoever knew the old password is out.
        await repository.deleteUserSessions(tx, ctx.user.id);
        await deps.audit.record(
          userAuditActor(ctx.user, info),
          { action: 'auth.password_change', target: { type: 'user', id: ctx.user.id } },
          tx,
        );
        return updated;
      });
      const result = await openSession(
        user,
        ctx.session.stage === 'active' ? 'active' : nextStage(user, true),
        info,
        ctx.session.createdAt,
      );
      return { token: result.token, stage: result.session.stage, csrfToken: result.session.csrfToken, user };
    },

    async reauthenticate(ctx: SessionContext, password: string, info: RequestInfo): Promise<void> {
      assertStage(ctx, 'active');
      if (!(await verifyPassword(ctx.user.passwordHash, password))) {
        await deps.audit.record(userAuditActor(ctx.user, info), {
          action: 'auth.reauth',
          outcome: 'failure',
        });
        throw createReauthRequiredError();
      }
      await repository.updateSession(db, ctx.session.id, { reauthAt: clock.now() });
    },

    /** Starts TOTP enrolment: a new secret kept (sealed) on the session until a code confirms it. */
    async startTotpEnrolment(ctx: SessionContext) {
      assertStage(ctx, 'mfa_enrolment', 'active');
      if (ctx.session.stage === 'active') assertRecentReauth(ctx);
      const secret = newTotpSecret();
      await repository.updateSession(db, ctx.session.id, {
        pendingTotpSecretEnc: deps.secretBox.seal(secret),
      });
      const uri = totpUri(secret, ctx.user.email);
      return { secret, uri, qrCode: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
    },

    async confirmTotp(ctx: SessionContext, code: string, info: RequestInfo) {
      assertStage(ctx, 'mfa_enrolment', 'active');
      if (!ctx.session.pendingTotpSecretEnc) throw createWrongStageError({ stage: ctx.session.stage });
      const secret = deps.secretBox.open(ctx.session.pendingTotpSecretEnc);
      const step = await acceptTotp(secret, code, null, clock.now());
      if (step === undefined) {
        await recordMfaFailure(ctx.user, info, 'auth.mfa_enrol', 'totp');
        throw createInvalidCodeError();
      }
      return enrolSecondFactor(ctx, info, 'totp', (tx) =>
        repository.update(tx, ctx.user.id, {
          totpSecretEnc: deps.secretBox.seal(secret),
          totpEnabledAt: clock.now(),
          totpLastStep: step,
        }),
      );
    },

    async verifyMfa(
      ctx: SessionContext,
      input: { code?: string | undefined; recoveryCode?: string | undefined },
      info: RequestInfo,
    ) {
      assertStage(ctx, 'mfa');
      const user = ctx.user;
      let accepted = false;
      if (input.code && user.totpSecretEnc) {
        const step = await acceptTotp(
          deps.secretBox.open(user.totpSecretEnc),
          input.code,
          user.totpLastStep,
          clock.now(),
        );
        if (step !== undefined) {
          await repository.update(db, user.id, { totpLastStep: step });
          accepted = true;
        }
      } else if (input.recoveryCode) {
        accepted = await repository.consumeRecoveryCode(
          db,
          user.id,
          hashToken(normalizeRecoveryCode(input.recoveryCode)),
        );
      }
      const method = input.code ? 'totp' : 'recovery_code';
      if (!accepted) {
        await recordMfaFailure(user, info, 'auth.mfa', method);
        throw createInvalidCodeError();
      }
      return completeMfa(ctx, info, method);
    },

    enrolSecondFactor,
    recordMfaFailure,
    completeMfa,
    assertStage,
    assertRecentReauth,

    async signOut(ctx: SessionContext, info: RequestInfo): Promise<void> {
      await repository.deleteSession(db, ctx.session.id);
      await deps.audit.record(userAuditActor(ctx.user, info), { action: 'auth.sign_out' });
    },

    async listSessions(ctx: SessionContext) {
      const rows = await repository.listUserSessions(db, ctx.user.id);
      return rows.map((s) => ({
        id: s.id.slice(0, 16),
        current: s.id === ctx.session.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        ip: s.ip,
        userAgent: s.userAgent,
      }));
    },

    /** Revokes one of the user's own sessions, named by the short id that listSessions shows. */
    async revokeSession(ctx: SessionContext, shortId: string, info: RequestInfo): Promise<boolean> {
      const rows = await repository.listUserSessions(db, ctx.user.id);
      const target = rows.find((s) => s.id.slice(0, 16) === shortId);
      if (!target) return false;
      await repository.deleteSession(db, target.id);
      await deps.audit.record(userAuditActor(ctx.user, info), {
        action: 'auth.session_revoke',
        target: { type: 'session', id: shortId },
      });
      return true;
    },

    async setPreferences(
      ctx: SessionContext,
      input: { locale?: 'fr-CA' | 'en-CA' | undefined; timeZone?: string | undefined },
      info: RequestInfo,
    ) {
      const user = await repository.update(db, ctx.user.id, input);
      await deps.audit.record(userAuditActor(ctx.user, info), {
        action: 'users.preferences',
        target: { type: 'user', id: user.id },
        details: input,
      });
      return user;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
