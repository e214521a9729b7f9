// WebAuthn passkeys as a second factor (directive obligation 9), beside TOTP: registration while enrolling or
// from an active session, and verification at the MFA step of a sign-in. The ceremonies' cryptography is
// @simplewebauthn/server's; this file keeps the challenge on the session and the credentials in the database.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { roleRequiresMfa } from '../../../core/auth/permissions.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Db } from '../../../core/db/database.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { createInvalidCodeError, createLastFactorError, createWrongStageError } from '../users.errors.ts';
import { createUsersRepository } from '../users.repository.ts';
import { type AuthService, type RequestInfo, type SessionContext, userAuditActor } from './auth.service.ts';

export type RelyingParty = { id: string; name: string; origin: string };

/** Loaded at the first ceremony: 0.4 s that every `vigie` command paid at its start, though none uses it. */
const webauthn = () => import('@simplewebauthn/server');

export function createPasskeysService(deps: {
  db: Db;
  clock: Clock;
  relyingParty: RelyingParty;
  auth: Pick<
    AuthService,
    'enrolSecondFactor' | 'recordMfaFailure' | 'completeMfa' | 'assertStage' | 'assertRecentReauth'
  >;
  audit: Pick<AuditService, 'record'>;
}) {
  const repository = createUsersRepository();
  const { db, clock, relyingParty: rp } = deps;

  async function takeChallenge(ctx: SessionContext): Promise<string> {
    const challenge = ctx.session.webauthnChallenge;
    if (!challenge) throw createWrongStageError({ stage: ctx.session.stage });
    // A challenge answers one ceremony only.
    await repository.updateSession(db, ctx.session.id, { webauthnChallenge: null });
    return challenge;
  }

  return {
    async registrationOptions(ctx: SessionContext) {
      deps.auth.assertStage(ctx, 'mfa_enrolment', 'active');
      if (ctx.session.stage === 'active') deps.auth.assertRecentReauth(ctx);
      const existing = await repository.listPasskeys(db, ctx.user.id);
      const options = await (await webauthn()).generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: ctx.user.email,
        userDisplayName: ctx.user.displayName,
        userID: new TextEncoder().encode(ctx.user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await repository.updateSession(db, ctx.session.id, { webauthnChallenge: options.challenge });
      return options;
    },

    async register(
      ctx: SessionContext,
      input: { response: RegistrationResponseJSON; name: string },
      info: RequestInfo,
    ) {
      deps.auth.assertStage(ctx, 'mfa_enrolment', 'active');
      const expectedChallenge = await takeChallenge(ctx);
      const verification = await (await webauthn())
        .verifyRegistrationResponse({
          response: input.response,
          expectedChallenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.id,
        })
        .catch(() => undefined);
      if (!verification?.verified) {
        await deps.auth.recordMfaFailure(ctx.user, info, 'auth.mfa_enrol', 'passkey');
        throw createInvalidCodeError();
      }
      const { credential } = verification.registrationInfo;
      const now = clock.now();
      return deps.auth.enrolSecondFactor(ctx, info, 'passkey', async (tx) => {
        await repository.insertPasskey(tx, {
          id: credential.id,
          userId: ctx.user.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? [],
          name: input.name,
          createdAt: now,
        });
        return repository.update(tx, ctx.user.id, { passkeyEnabledAt: ctx.user.passkeyEnabledAt ?? now });
      });
    },

    /** The user's own passkeys, for the account page. */
    async list(ctx: SessionContext) {
      const rows = await repository.listPasskeys(db, ctx.user.id);
      return rows.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt }));
    },

    /** Removes one of the user's passkeys, after re-authentication; never the last factor of a role that needs one. */
    async remove(ctx: SessionContext, id: string, info: RequestInfo): Promise<boolean> {
      deps.auth.assertStage(ctx, 'active');
      deps.auth.assertRecentReauth(ctx);
      const rows = await repository.listPasskeys(db, ctx.user.id);
      if (!rows.some((p) => p.id === id)) return false;
      const remaining = rows.length - 1;
      if (remaining === 0 && !ctx.user.totpEnabledAt && roleRequiresMfa(ctx.user.role))
        throw createLastFactorError();
      await db.transaction(async (tx) => {
        await repository.deletePasskey(tx, ctx.user.id, id);
        if (remaining === 0) await repository.update(tx, ctx.user.id, { passkeyEnabledAt: null });
        await deps.audit.record(
          userAuditActor(ctx.user, info),
          { action: 'auth.passkey_remove', target: { type: 'passkey', id } },
          tx,
        );
      });
      return true;
    },

    async authenticationOptions(ctx: SessionContext) {
      deps.auth.assertStage(ctx, 'mfa');
      const credentials = await repository.listPasskeys(db, ctx.user.id);
      const options = await (await webauthn()).generateAuthenticationOptions({
        rpID: rp.id,
        allowCredentials: credentials.map((p) => ({ id: p.id, transports: p.transports })),
        userVerification: 'preferred',
      });
      await repository.updateSession(db, ctx.session.id, { webauthnChallenge: options.challenge });
      return options;
    },

    async authenticate(ctx: SessionContext, response: AuthenticationResponseJSON, info: RequestInfo) {
      deps.auth.assertStage(ctx, 'mfa');
      const expectedChallenge = await takeChallenge(ctx);
      const stored = (await repository.listPasskeys(db, ctx.user.id)).find((p) => p.id === response.id);
      const verification = stored
        ? await (await webauthn())
            .verifyAuthenticationResponse({
              response,
              expectedChallenge,
              expectedOrigin: rp.origin,
              expectedRPID: rp.id,
              credential: {
                id: stored.id,
                publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
                counter: stored.counter,
                transports: stored.transports,
              },
            })
            .catch(() => undefined)
        : undefined;
      if (!stored || !verification?.verified) {
        await deps.auth.recordMfaFailure(ctx.user, info, 'auth.mfa', 'passkey');
        throw createInvalidCodeError();
      }
      await repository.updatePasskey(db, stored.id, {
        counter: verification.authenticationInfo.newCounter,
        lastUsedAt: clock.now(),
      });
      return deps.auth.completeMfa(ctx, info, 'passkey');
    },
  };
}

export type PasskeysService = ReturnType<typeof createPasskeysService>;
