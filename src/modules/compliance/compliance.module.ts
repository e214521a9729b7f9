import path from 'node:path';
import type { Clock } from '../../core/clock.ts';
import type { Check } from '../../core/compliance/checks.ts';
import type { Db } from '../../core/db/database.ts';
import type { Logger } from '../../core/log.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import { catalogsFolder, loadCatalog, loadMapping } from './catalog/catalog.loader.ts';
import { registerComplianceCommands } from './compliance.commands.ts';
import { complianceMessages } from './compliance.messages.ts';
import { complianceRoutes } from './compliance.routes.ts';
import { createComplianceService } from './compliance.service.ts';
import { createDueItemsService, type DueItemsService } from './due-items/due-items.service.ts';

/** The catalogs shipped with Vigie; a broken one stops the start, naming its file, line and field. */
export const shippedCatalogFiles = ['msss-directive.yaml'].map((name) => path.join(catalogsFolder, name));

/** Mapping files relating the requirements of two shipped frameworks (none yet: one framework is shipped). */
export const shippedMappingFiles: string[] = [];

export function createComplianceModule(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  orgs: OrgsService;
  dueItems: DueItemsService;
  checks: readonly Check[];
  logger?: Pick<Logger, 'error'>;
  catalogFiles?: readonly string[];
  mappingFiles?: readonly string[];
}) {
  const catalogs = (deps.catalogFiles ?? shippedCatalogFiles).map(loadCatalog);
  const mappings = (deps.mappingFiles ?? shippedMappingFiles).map((file) => loadMapping(file, catalogs));
  const service = createComplianceService({ ...deps, catalogs, mappings });
  return { service, routes: complianceRoutes(service) };
}

export const complianceCommands = registerComplianceCommands;
export { complianceMessages, createDueItemsService };
