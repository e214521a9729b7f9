import { z } from 'zod';
import { organizationKinds } from './orgs.table.ts';

export const organizationKindSchema = z.enum(organizationKinds);

export const createOrganizationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: organizationKindSchema,
  parentId: z.uuid().nullish(),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const organizationSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: organizationKindSchema,
  createdAt: z.date(),
});

export const createPersonSchema = z.strictObject({
  orgId: z.uuid(),
  fullName: z.string().trim().min(1).max(200),
  email: z.email().nullish(),
  jobTitle: z.string().trim().max(200).nullish(),
});
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

export const personSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  fullName: z.string(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
});
