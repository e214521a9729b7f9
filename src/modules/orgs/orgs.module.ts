import type { Db } from '../../core/db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { registerOrgsCommands } from './orgs.commands.ts';
import { orgsMessages } from './orgs.messages.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { createOrgsService } from './orgs.service.ts';

export function createOrgsModule(deps: { db: Db; audit: AuditService }) {
  const service = createOrgsService(deps);
  return { service, routes: orgsRoutes(service) };
}

export const orgsCommands = registerOrgsCommands;
export { orgsMessages };
