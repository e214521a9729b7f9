import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { roles } from '../../core/auth/permissions.ts';
import { orgIdColumn } from '../orgs/orgs.table.ts';

// Vigie's own staff accounts (directive obligations 7 and 9).
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: roles }).notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Set when the first passkey is registered; cleared with the passkeys by an MFA reset. */
    passkeyEnabledAt: timestamp('passkey_enabled_at', { withTimezone: true }),
    /** The last TOTP time step accepted: each code is used once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    locale: text('locale', { enum: ['fr-CA', 'en-CA'] })
      .notNull()
      .default('fr-CA'),
    timeZone: text('time_zone').notNull().default('America/Toronto'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_org_idx').on(t.orgId)],
);

export const sessionStages = ['password_change', 'mfa_enrolment', 'mfa', 'active'] as const;
export type SessionStage = (typeof sessionStages)[number];

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a stolen database cannot be replayed as cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: sessionStages }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    pendingTotpSecretEnc: text('pending_totp_secret_enc'),
    /** The challenge of a WebAuthn ceremony under way on this session. */
    webauthnChallenge: text('webauthn_challenge'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the user last proved their password again (re-authentication before sensitive changes). */
    reauthAt: timestamp('reauth_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

// Failed sign-ins by source address and by account, over a sliding window: drives the human check and the
// temporary block of a source. An account is never locked (an attacker could lock a real user out).
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(),
    email: text('email').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sign_in_failures_source_idx').on(t.source, t.at),
    index('sign_in_failures_email_idx').on(t.email, t.at),
  ],
);

// ALTCHA challenges already solved, kept until they expire: one solution cannot be replayed.
export const usedChallenges = pgTable('used_challenges', {
  signature: text('signature').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

// API tokens for integrations: a role and an organization, shown once, stored as SHA-256, with an expiry.
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role', { enum: roles }).notNull(),
    orgId: orgIdColumn(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_org_idx').on(t.orgId)],
);

// WebAuthn passkeys: an alternative second factor to TOTP.
export const passkeys = pgTable(
  'passkeys',
  {
    /** The credential id, base64url, as the authenticator gives it. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: jsonb('transports').$type<string[]>().notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);
