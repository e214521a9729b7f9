import { z } from 'zod';
import { decodeCursor } from './assets.cursor.ts';
import { FieldError, normalizeHostname, normalizeIp, normalizeMac } from './assets.fields.ts';
import { countCap } from './assets.repository.ts';
import { assetEventKinds, assetSortKeys } from './assets.table.ts';
import { assetCategories, assetStatuses, criticalities, hostings } from './assets.vocabulary.ts';

const day = z.iso.date();
const optionalText = z.string().trim().max(2000).nullable();

/**
 * An address or a host name, checked and written as the importers write it (assets.fields.ts): an asset edited
 * through the API is then found by a search and matched by a scan as an imported one is. Before, an edit kept
 * "AA:BB:…" or "SRV.Local" as typed, which neither the search nor Nmap's matching (both on the lower-case form) found.
 */
const normalized = (normalize: (text: string) => string) =>
  z
    .string()
    .trim()
    .max(253)
    .transform((text, ctx) => {
      try {
        return normalize(text);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.code, params: error.params, input: text });
        return z.NEVER;
      }
    });

export const softwareSchema = z.object({
  name: z.string().trim().min(1).max(300),
  version: z.string().trim().max(100).optional(),
  vendor: z.string().trim().max(200).optional(),
  cpe: z.string().startsWith('cpe:').max(500).optional(),
  purl: z.string().startsWith('pkg:').max(500).optional(),
});

/** What a person may change on an asset's page; absent fields stay as they are. */
export const assetUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    category: z.enum(assetCategories).nullable(),
    holderId: z.uuid().nullable(),
    osName: optionalText,
    osVersion: optionalText,
    components: optionalText,
    functions: optionalText,
    hosting: z.enum(hostings).nullable(),
    hostContact: optionalText,
    criticality: z.enum(criticalities).nullable(),
    internetExposed: z.boolean().nullable(),
    ips: z.array(normalized(normalizeIp)).max(64),
    macs: z.array(normalized(normalizeMac)).max(64),
    hostnames: z.array(normalized(normalizeHostname)).max(64),
    manufacturer: optionalText,
    model: optionalText,
    serial: optionalText,
    firmware: optionalText,
    site: optionalText,
    software: z.array(z.strictObject(softwareSchema.shape)).max(2000),
    acquiredOn: day.nullable(),
    inServiceOn: day.nullable(),
    notes: z.string().max(10000).nullable(),
  })
  .partial();
export type AssetUpdate = z.infer<typeof assetUpdateSchema>;

export const retirementPlanSchema = z.strictObject({ targetDate: day });
export type RetirementPlanInput = z.infer<typeof retirementPlanSchema>;

export const retireSchema = z.strictObject({
  retiredOn: day,
  reason: z.string().trim().min(1).max(2000),
  dataWiped: z.boolean(),
});
export type RetireInput = z.infer<typeof retireSchema>;

export const eolExceptionSchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  expiresOn: day,
});
export type EolExceptionInput = z.infer<typeof eolExceptionSchema>;

export const assetSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  status: z.enum(assetStatuses),
  category: z.enum(assetCategories).nullable(),
  holderId: z.uuid().nullable(),
  holderName: z.string().nullable(),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  components: z.string().nullable(),
  functions: z.string().nullable(),
  hosting: z.enum(hostings).nullable(),
  hostContact: z.string().nullable(),
  criticality: z.enum(criticalities).nullable(),
  internetExposed: z.boolean().nullable(),
  ips: z.array(z.string()),
  macs: z.array(z.string()),
  hostnames: z.array(z.string()),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  firmware: z.string().nullable(),
  site: z.string().nullable(),
  software: z.array(softwareSchema),
  acquiredOn: z.string().nullable(),
  inServiceOn: z.string().nullable(),
  notes: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  lastSeenAt: z.date().nullable(),
  retirementPlannedOn: z.string().nullable(),
  retiredOn: z.string().nullable(),
  retirementReason: z.string().nullable(),
  dataWiped: z.boolean().nullable(),
  eolExceptionReason: z.string().nullable(),
  eolExceptionApprovedBy: z.string().nullable(),
  eolExceptionExpiresOn: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const assetListQuerySchema = z
  .object({
    orgId: z.uuid().optional(),
    status: z.enum([...assetStatuses, 'active']).optional(),
    category: z.enum(assetCategories).optional(),
    criticality: z.enum(criticalities).optional(),
    internetExposed: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    search: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(assetSortKeys).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    // A page by its position reaches the first 10,000 assets, as far as the list counts (OFFSET walks every row it
    // skips); `after`, the `next` of the page before, goes on from there as cheaply at row 90,000 as at row 50.
    offset: z.coerce.number().int().min(0).max(countCap).default(0),
    after: z
      .string()
      .max(12_000)
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined;
        const cursor = decodeCursor(text);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'assets.list.cursor_invalid' });
        return cursor;
      }),
  })
  .superRefine((query, ctx) => {
    if (!query.after) return;
    if (query.offset > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['after'],
        message: 'assets.list.cursor_with_offset',
      });
    if (query.after.sort !== query.sort || query.after.direction !== query.direction)
      ctx.addIssue({
        code: 'custom',
        path: ['after'],
        message: 'assets.list.cursor_other_sort',
      });
  });

/** What a row of the inventory list shows and filters on; the asset's page has the rest. */
export const assetSummarySchema = assetSchema.pick({
  id: true,
  orgId: true,
  name: true,
  status: true,
  category: true,
  criticality: true,
  internetExposed: true,
  holderName: true,
  osName: true,
  osVersion: true,
  ips: true,
  macs: true,
  hostnames: true,
  manufacturer: true,
  model: true,
  serial: true,
  site: true,
  reviewedAt: true,
  retiredOn: true,
  updatedAt: true,
});

/** `total` counts up to 10,000; `more` says there are more than that; `next` is where the next page starts. */
export const assetListSchema = z.object({
  total: z.number().int(),
  more: z.boolean(),
  next: z.string().nullable(),
  rows: z.array(assetSummarySchema),
});

const bilingualSchema = z.object({ fr: z.string(), en: z.string() });

export const assetDetailSchema = z.object({
  asset: assetSchema.extend({ criticalAssets: z.array(z.string()) }),
  criticalAssets: z.array(
    z.object({ id: z.uuid(), name: z.string(), criticality: z.enum(criticalities).nullable() }),
  ),
  lifecycle: z.array(
    z.object({
      of: z.string(),
      product: z.string(),
      cycle: z.string(),
      status: z.enum(['supported', 'ending_soon', 'extended_support', 'ended', 'unknown']),
      eolDate: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.number(),
      at: z.date(),
      kind: z.enum(assetEventKinds),
      actor: z.string(),
      source: z.string(),
      changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
    }),
  ),
  services: z.array(
    z.object({
      protocol: z.string(),
      port: z.number(),
      state: z.string(),
      service: z.string().nullable(),
      product: z.string().nullable(),
      version: z.string().nullable(),
      lastSeenAt: z.date(),
    }),
  ),
  problems: z.array(z.object({ requirementId: z.string(), reason: bilingualSchema })),
});

export const importQuerySchema = z.object({
  orgId: z.uuid(),
  format: z.enum(['csv', 'glpi', 'nmap']).optional(),
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  fileName: z.string().trim().min(1).max(255).default('upload'),
});

export const importReportSchema = z.object({
  file: z.string(),
  format: z.enum(['csv', 'glpi', 'nmap']),
  dryRun: z.boolean(),
  outcome: z.enum(['applied', 'preview', 'rejected']),
  counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), reject: z.number() }),
  lines: z.array(
    z.object({
      line: z.number(),
      name: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'reject']),
      fields: z.array(z.string()).optional(),
      problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    }),
  ),
  omittedLines: z.number(),
  peopleCreated: z.array(z.string()),
  criticalAssetsCreated: z.array(z.string()),
});

export const criticalAssetSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  criticality: z.string().nullable(),
  description: z.string().nullable(),
  assets: z.number(),
});

export const criticalAssetUpdateSchema = z.strictObject({
  criticality: z.enum(criticalities).nullable(),
  description: z.string().trim().max(2000).nullable(),
});
export type CriticalAssetUpdate = z.infer<typeof criticalAssetUpdateSchema>;
