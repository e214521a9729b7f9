import { z } from 'zod';
import { roleSchema } from '../users.schemas.ts';

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  orgId: z.uuid(),
  /** Every token expires; a year at most. */
  expiresInDays: z.number().int().min(1).max(366).default(90),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: roleSchema,
  orgId: z.uuid(),
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});

export function toPublicApiToken(row: z.infer<typeof apiTokenSchema> & { tokenHash?: string }) {
  const { tokenHash: _hidden, ...rest } = row;
  return rest;
}
