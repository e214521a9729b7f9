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
import { createEndOfLifeFeed } from './obsolescence/end-of-life.feed.ts';

export function createAssetsModule(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  orgs: OrgsService;
  dueItems: DueItemsService;
  reviewMonths: number;
  onChange?: (orgId: string) => Promise<void>;
  onRecordChange?: (orgId: string) => void;
}) {
  const feed = createEndOfLifeFeed(deps);
  const endOfLife = feed.current;
  const service = createAssetsService({ ...deps, endOfLife, refreshEndOfLife: feed.refresh });
  const checks = createAssetChecks({
    db: deps.db,
    endOfLife,
    refreshEndOfLife: feed.refresh,
    reviewMonths: deps.reviewMonths,
  });
  return { service, feed, routes: assetsRoutes(service), checks };
}

export const assetsCommands = registerAssetsCommands;
export { assetsMessages };
