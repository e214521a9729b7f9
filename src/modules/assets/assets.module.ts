import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../core/db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DueItemsService } from '../compliance/due-items/due-items.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import { createAssetChecks } from './assets.checks.ts';
import { registerAssetsCommands } from './assets.commands.ts';
import { assetsMessages } from './assets.messages.ts';
import { assetsRoutes } from './assets.routes.ts';
import { createAssetsService } from './assets.service.ts';
import {
  createEndOfLifeIndex,
  type EndOfLifeIndex,
  loadEndOfLifeProducts,
} from './obsolescence/end-of-life.ts';

export function createAssetsModule(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  orgs: OrgsService;
  dueItems: DueItemsService;
  reviewMonths: number;
  onChange?: (orgId: string) => Promise<void>;
}) {
  // The end-of-life data are read on first use: commands that never look at versions do not pay for it.
  let index: EndOfLifeIndex | undefined;
  const endOfLife = () => {
    index ??= createEndOfLifeIndex(loadEndOfLifeProducts());
    return index;
  };
  const service = createAssetsService({ ...deps, endOfLife });
  const checks = createAssetChecks({ db: deps.db, endOfLife, reviewMonths: deps.reviewMonths });
  return { service, routes: assetsRoutes(service), checks };
}

export const assetsCommands = registerAssetsCommands;
export { assetsMessages };
