// The one explicit list of Vigie's modules: how each service is built from the others, which routes the
// server registers, which commands the CLI offers, which messages are translated. Nothing is discovered.
import type { CommandRegistrar } from '../core/cli/cli.ts';
import type { Clock } from '../core/clock.ts';
import type { SecretBox } from '../core/crypto/secret-box.ts';
import type { Db } from '../core/db/database.ts';
import type { TypedServer } from '../core/http/server.ts';
import type { MessageCatalog } from '../core/i18n/messages.ts';
import { auditCommands, createAuditModule } from '../modules/audit/audit.module.ts';
import { complianceMessages, createComplianceModule } from '../modules/compliance/compliance.module.ts';
import { createDemoModule, demoCommands } from '../modules/demo/demo.module.ts';
import { createOrgsModule, orgsCommands, orgsMessages } from '../modules/orgs/orgs.module.ts';
import { createUsersModule, usersCommands, usersMessages } from '../modules/users/users.module.ts';

export type ModuleDeps = {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  secretKey: Buffer;
  publicUrl: URL;
  session: { idleMinutes: number; absoluteHours: number };
};

export function createModules(deps: ModuleDeps) {
  const audit = createAuditModule(deps);
  const orgs = createOrgsModule({ db: deps.db, audit: audit.service });
  const users = createUsersModule({ ...deps, audit: audit.service, orgs: orgs.service });
  const demo = createDemoModule({ orgs: orgs.service, users: users.service });
  const compliance = createComplianceModule();
  const services = {
    audit: audit.service,
    orgs: orgs.service,
    users: users.service,
    auth: users.auth,
    apiTokens: users.apiTokens,
    demo: demo.service,
    compliance: compliance.service,
  };
  const routes: ((app: TypedServer) => Promise<void>)[] = [
    audit.routes,
    orgs.routes,
    ...users.routes,
    compliance.routes,
  ];
  return { services, routes };
}

export type AppServices = ReturnType<typeof createModules>['services'];

export const moduleCommands: CommandRegistrar<AppServices>[] = [
  orgsCommands,
  usersCommands,
  auditCommands,
  demoCommands,
];

export const moduleMessages: MessageCatalog[] = [orgsMessages, usersMessages, complianceMessages];
