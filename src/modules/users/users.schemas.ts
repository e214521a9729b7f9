import { z } from 'zod';
import { roles } from '../../core/auth/permissions.ts';
import { sessionStages } from './users.table.ts';

export const roleSchema = z.enum(roles);
export const localeSchema = z.enum(['fr-CA', 'en-CA']);

export const createUserSchema = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(200),
  role: roleSchema,
  orgId: z.uuid(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  role: roleSchema.optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

// What the API may show of an account: a pick of safe fields, so a column added later stays private.
export const userSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  mfaEnabled: z.boolean(),
  mfaMethods: z.array(z.enum(['totp', 'passkey'])),
  disabled: z.boolean(),
  locale: localeSchema,
  timeZone: z.string(),
  createdAt: z.date(),
});
export type PublicUser = z.infer<typeof userSchema>;

export function toPublicUser(row: {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: z.infer<typeof roleSchema>;
  totpEnabledAt: Date | null;
  passkeyEnabledAt: Date | null;
  disabledAt: Date | null;
  locale: z.infer<typeof localeSchema>;
  timeZone: string;
  createdAt: Date;
}): PublicUser {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    mfaEnabled: row.totpEnabledAt !== null || row.passkeyEnabledAt !== null,
    mfaMethods: [
      ...(row.totpEnabledAt ? (['totp'] as const) : []),
      ...(row.passkeyEnabledAt ? (['passkey'] as const) : []),
    ],
    disabled: row.disabledAt !== null,
    locale: row.locale,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
  };
}

/** Where a sign-in stands, answered by each of its steps. */
export const stageSchema = z.object({
  stage: z.enum(sessionStages),
  csrfToken: z.string(),
  user: userSchema,
});

export function toStageReply(result: {
  stage: z.infer<typeof stageSchema>['stage'];
  csrfToken: string;
  user: Parameters<typeof toPublicUser>[0];
}) {
  return { stage: result.stage, csrfToken: result.csrfToken, user: toPublicUser(result.user) };
}
