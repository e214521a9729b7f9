import path from 'node:path';
import { catalogsFolder, loadCatalog } from './catalog/catalog.loader.ts';
import { complianceMessages } from './compliance.messages.ts';
import { complianceRoutes } from './compliance.routes.ts';
import { createComplianceService } from './compliance.service.ts';

/** The catalogs shipped with Vigie; a broken one stops the start, naming its file, line and field. */
export const shippedCatalogFiles = ['msss-directive.yaml'].map((name) => path.join(catalogsFolder, name));

export function createComplianceModule(deps: { catalogFiles?: readonly string[] } = {}) {
  const catalogs = (deps.catalogFiles ?? shippedCatalogFiles).map(loadCatalog);
  const service = createComplianceService({ catalogs });
  return { service, routes: complianceRoutes(service) };
}

export { complianceMessages };
