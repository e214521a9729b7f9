// Compliance (all obligations): the frameworks Vigie evaluates, as data. For now it serves the MSSS directive's
// catalog; evaluations, checks, attestations and reports come with issue 3.

import { defineError } from '../../core/errors.ts';
import type { Catalog } from './catalog/catalog.schema.ts';

export const createFrameworkNotFoundError = defineError('compliance.framework_not_found', 404);

export function createComplianceService(deps: { catalogs: readonly Catalog[] }) {
  return {
    framework(id: string): Catalog {
      const catalog = deps.catalogs.find((c) => c.framework.id === id);
      if (!catalog) throw createFrameworkNotFoundError({ id });
      return catalog;
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
