import { z } from 'zod';

// The shape of a framework catalog (ARCHITECTURE.md, principle 2: the catalog is data). Each requirement keeps
// the source's numbering in its id, its text in French and English, how it is evaluated, the evidence a person
// would give, and, for a periodic duty, its period.

const bilingual = z.strictObject({ fr: z.string().trim().min(1), en: z.string().trim().min(1) });

/** ISO 8601 durations in days, weeks, months or years: P1D, P2W, P3M, P1Y. */
const recurrence = z.string().regex(/^P[1-9]\d*[DWMY]$/, 'must be a duration such as P1D, P1M or P1Y');

const requirementSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]*-\d+(\.\d+)+$/, 'must look like MSSS-2.3'),
  text: bilingual,
  // Until a module's check covers the duty, a dated attestation is the evidence (ARCHITECTURE.md, principle 1).
  evaluation: z.union([
    z.literal('attestation'),
    z.strictObject({ checks: z.array(z.string().regex(/^[a-z]+\.[a-z0-9_.]+$/)).min(1) }),
  ]),
  evidence: bilingual,
  recurrence: recurrence.optional(),
});

export const catalogSchema = z
  .strictObject({
    framework: z.strictObject({
      id: z.string().regex(/^[a-z0-9-]+$/),
      version: z.string().min(1),
      title: bilingual,
    }),
    obligations: z
      .array(
        z.strictObject({
          id: z.string().regex(/^\d+$/),
          title: bilingual,
          requirements: z.array(requirementSchema).min(1),
        }),
      )
      .min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.obligations.forEach((obligation, o) => {
      obligation.requirements.forEach((requirement, r) => {
        if (seen.has(requirement.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['obligations', o, 'requirements', r, 'id'],
            message: `duplicate id ${requirement.id}`,
          });
        }
        seen.add(requirement.id);
        if (!requirement.id.split('-')[1]?.startsWith(`${obligation.id}.`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['obligations', o, 'requirements', r, 'id'],
            message: `${requirement.id} is not numbered under obligation ${obligation.id}`,
          });
        }
      });
    });
  });

export type Catalog = z.infer<typeof catalogSchema>;
export type Requirement = Catalog['obligations'][number]['requirements'][number];

const frameworkRef = z.strictObject({
  framework: z.string().regex(/^[a-z0-9-]+$/),
  version: z.string().min(1),
});

/**
 * How the requirements of two frameworks relate (the MSSS directive and the ANSSI hygiene guide, NIS2, HHS 405(d)),
 * pinned to the versions of both catalogs: `equivalent`, `subset` (the first asks less than the second), `superset`,
 * or merely `related`.
 */
export const mappingSchema = z.strictObject({
  mapping: z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().min(1),
    from: frameworkRef,
    to: frameworkRef,
  }),
  relations: z
    .array(
      z.strictObject({
        from: z.string().min(1),
        to: z.array(z.string().min(1)).min(1),
        kind: z.enum(['equivalent', 'subset', 'superset', 'related']),
        note: bilingual.optional(),
      }),
    )
    .min(1),
});

export type Mapping = z.infer<typeof mappingSchema>;
