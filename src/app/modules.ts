// The one explicit list of Vigie's modules: how each service is built from the others, which routes the
// server registers, which commands the CLI offers, which messages are translated. Nothing is discovered.
import type { CommandRegistrar } from '../core/cli/cli.ts';
import type { Clock } from '../core/clock.ts';
import type { SecretBox } from '../core/crypto/secret-box.ts';
import type { Db } from '../core/db/database.ts';
import type { TypedServer } from '../core/http/server.ts';
import type { MessageCatalog } from '../core/i18n/messages.ts';
import type { Logger } from '../core/log.ts';
import { assetsCommands, assetsMessages, createAssetsModule } from '../modules/assets/assets.module.ts';
import { auditCommands, auditMessages, createAuditModule } from '../modules/audit/audit.module.ts';
import {
  complianceCommands,
  complianceMessages,
  createComplianceModule,
  createDueItemsService,
} from '../modules/compliance/compliance.module.ts';
import { createDemoModule, demoCommands, demoMessages } from '../modules/demo/demo.module.ts';
import { createOrgsModule, orgsCommands, orgsMessages } from '../modules/orgs/orgs.module.ts';
import { createUsersModule, usersCommands, usersMessages } from '../modules/users/users.module.ts';

export type ModuleDeps = {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  secretKey: Buffer;
  publicUrl: URL;
  session: { idleMinutes: number; absoluteHours: number };
  inventoryReviewMonths: number;
  logger: Logger;
};

export function createModules(deps: ModuleDeps) {
  const audit = createAuditModule(deps);
  const orgs = createOrgsModule({ db: deps.db, audit: audit.service });
  const users = createUsersModule({ ...deps, audit: audit.service, orgs: orgs.service });
  // The inventory tells compliance when its facts change and opens due items; compliance runs its checks.
  const dueItems = createDueItemsService({ db: deps.db, clock: deps.clock });
  const assets = createAssetsModule({
    dueItems,
    db: deps.db,
    clock: deps.clock,
    audit: audit.service,
    orgs: orgs.service,
    reviewMonths: deps.inventoryReviewMonths,
    onChange: (orgId) => compliance.service.afterChange(orgId),
    onRecordChange: (orgId) => compliance.service.evaluateSoon(orgId),
  });
  const compliance = createComplianceModule({
    db: deps.db,
    clock: deps.clock,
    audit: audit.service,
    orgs: orgs.service,
    dueItems,
    logger: deps.logger,
    checks: [...assets.checks],
  });
  const demo = createDemoModule({ orgs: orgs.service, users: users.service, assets: assets.service });
  const services = {
    audit: audit.service,
    orgs: orgs.service,
    users: users.service,
    auth: users.auth,
    apiTokens: users.apiTokens,
    demo: demo.service,
    compliance: compliance.service,
    assets: assets.service,
    feeds: assets.feed,
  };
  const routes: ((app: TypedServer) => Promise<void>)[] = [
    audit.routes,
    orgs.routes,
    ...users.routes,
    compliance.routes,
    assets.routes,
  ];
  return { services, routes };
}

export type AppServices = ReturnType<typeof createModules>['services'];

export const moduleCommands: CommandRegistrar<AppServices>[] = [
  orgsCommands,
  usersCommands,
  auditCommands,
  demoCommands,
  assetsCommands,
  complianceCommands,
];

export const moduleMessages: MessageCatalog[] = [
  orgsMessages,
  usersMessages,
  complianceMessages,
  assetsMessages,
  auditMessages,
  demoMessages,
];
