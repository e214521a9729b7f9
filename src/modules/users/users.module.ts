import type { Clock } from '../../core/clock.ts';
import type { SecretBox } from '../../core/crypto/secret-box.ts';
import type { Db } from '../../core/db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import { createAuthService } from './auth/auth.service.ts';
import { createHumanCheck } from './auth/human-check.ts';
import { passkeysRoutes } from './auth/passkeys.routes.ts';
import { createPasskeysService } from './auth/passkeys.service.ts';
import { apiTokensRoutes } from './tokens/api-tokens.routes.ts';
import { createApiTokensService } from './tokens/api-tokens.service.ts';
import { registerUsersCommands } from './users.commands.ts';
import { usersMessages } from './users.messages.ts';
import { createUsersRepository } from './users.repository.ts';
import { usersRoutes } from './users.routes.ts';
import { createUsersService } from './users.service.ts';

export function createUsersModule(deps: {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  secretKey: Buffer;
  /** The address browsers use: passkeys are bound to its host name. */
  publicUrl: URL;
  audit: AuditService;
  orgs: OrgsService;
  session: { idleMinutes: number; absoluteHours: number };
}) {
  const service = createUsersService(deps);
  const humanCheck = createHumanCheck({
    secretKey: deps.secretKey,
    clock: deps.clock,
    markUsed: (id, until) => createUsersRepository().useChallenge(deps.db, id, until),
  });
  const auth = createAuthService({ ...deps, humanCheck });
  const apiTokens = createApiTokensService(deps);
  const passkeys = createPasskeysService({
    ...deps,
    auth,
    audit: deps.audit,
    relyingParty: { id: deps.publicUrl.hostname, name: 'Vigie', origin: deps.publicUrl.origin },
  });
  const routes = [
    usersRoutes({ users: service, auth }),
    passkeysRoutes(passkeys),
    apiTokensRoutes(apiTokens),
  ];
  return { service, auth, apiTokens, routes };
}

export const usersCommands = registerUsersCommands;
export { registerAuthentication } from './users.http.ts';
export { usersMessages };
