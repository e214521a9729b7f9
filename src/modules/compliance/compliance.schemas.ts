import { z } from 'zod';
import { attestationKinds, evaluationModes, requirementStatuses } from './compliance.table.ts';

const bilingual = z.object({ fr: z.string(), en: z.string() });
const ref = z.object({ type: z.string(), id: z.string() });
const status = z.enum(requirementStatuses);

export const attestationSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  frameworkId: z.string(),
  requirementId: z.string(),
  kind: z.enum(attestationKinds),
  statement: z.string(),
  declaredBy: z.string(),
  effectiveOn: z.string(),
  expiresOn: z.string().nullable(),
  evidenceName: z.string().nullable(),
  evidenceType: z.string().nullable(),
  evidenceSha256: z.string().nullable(),
  createdAt: z.date(),
  withdrawnAt: z.date().nullable(),
});

export const complianceStatusSchema = z.object({
  framework: z.object({ id: z.string(), version: z.string(), title: bilingual }),
  orgId: z.uuid(),
  evaluationId: z.uuid(),
  evaluatedAt: z.date(),
  status,
  score: z.number(),
  counts: z.object({ measured: z.number(), declared: z.number(), notEvaluated: z.number() }),
  obligations: z.array(
    z.object({
      id: z.string(),
      title: bilingual,
      status,
      score: z.number().nullable(),
      requirements: z.array(
        z.object({
          id: z.string(),
          text: bilingual,
          evidenceExpected: bilingual,
          recurrence: z.string().nullable(),
          checks: z.array(z.string()),
          status,
          mode: z.enum(evaluationModes),
          score: z.number().nullable(),
          summary: bilingual,
          failing: z.array(
            z.object({
              item: z.string(),
              org: z.string().optional(),
              ref: ref.optional(),
              reason: bilingual,
            }),
          ),
          failingCount: z.number(),
          evidence: z.array(z.object({ label: bilingual, ref: ref.optional() })),
          attestation: attestationSchema.nullable(),
        }),
      ),
    }),
  ),
});

export const orgQuerySchema = z.object({
  orgId: z.uuid(),
  framework: z.string().max(100).default('msss-directive'),
});

/** Evidence files travel base64-encoded in JSON; 10 MB of file is plenty for a signed PDF or a screenshot. */
const maxEvidenceBytes = 10 * 1024 * 1024;

export const attestInputSchema = z
  .strictObject({
    orgId: z.uuid(),
    frameworkId: z.string().max(100).default('msss-directive'),
    requirementId: z.string().max(50),
    kind: z.enum(attestationKinds).default('compliant'),
    statement: z.string().trim().min(1).max(4000),
    effectiveOn: z.iso.date(),
    expiresOn: z.iso.date().nullable().default(null),
    evidence: z
      .strictObject({
        name: z.string().trim().min(1).max(255),
        type: z.string().max(100).default('application/octet-stream'),
        contentBase64: z.base64().max(Math.ceil((maxEvidenceBytes * 4) / 3) + 4),
      })
      .optional(),
  })
  .refine((a) => !a.expiresOn || a.expiresOn >= a.effectiveOn, {
    message: 'compliance.attestation.expires_before_effective',
    path: ['expiresOn'],
  });

export const historySchema = z.array(
  z.object({ id: z.uuid(), evaluatedAt: z.date(), score: z.number(), status }),
);

export const dueItemSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  kind: z.string(),
  requirementId: z.string(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  subjectLabel: z.string(),
  dueOn: z.string(),
  detail: bilingual.nullable(),
  openedAt: z.date(),
});
