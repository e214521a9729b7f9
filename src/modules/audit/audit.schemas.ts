import { z } from 'zod';

export const auditFilterSchema = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(254).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const auditQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeSeq: z.coerce.number().int().min(1).optional(),
});

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.date(),
  actorKind: z.string(),
  actorLabel: z.string(),
  orgId: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  hash: z.string(),
});
