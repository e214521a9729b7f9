import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../core/db/database.ts';
import { registerAuditCommands } from './audit.commands.ts';
import { auditRoutes } from './audit.routes.ts';
import { createAuditService } from './audit.service.ts';

export function createAuditModule(deps: { db: Db; clock: Clock }) {
  const service = createAuditService(deps);
  return { service, routes: auditRoutes(service) };
}

export const auditCommands = registerAuditCommands;
export { auditMessages } from './audit.messages.ts';
