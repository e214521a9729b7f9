// API tokens for integrations (directive obligation 7: least privilege): each carries one role and one
// organization, is shown once, stored as its SHA-256, expires, and can be revoked. Roles that require MFA
// cannot be given to a token, since a token cannot present a second factor.
import {
  type Actor,
  actorLabel,
  assertCan,
  assertOrgInScope,
  orgScope,
  sees,
  type TokenActor,
} from '../../../core/auth/actor.ts';
import { roleRequiresMfa } from '../../../core/auth/permissions.ts';
import type { Clock } from '../../../core/clock.ts';
import { hashToken, randomToken } from '../../../core/crypto/tokens.ts';
import type { Db } from '../../../core/db/database.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { OrgsService } from '../../orgs/orgs.service.ts';
import { createPrivilegedTokenError, createTokenNotFoundError } from '../users.errors.ts';
import { type ApiTokenRow, createApiTokensRepository } from './api-tokens.repository.ts';
import type { CreateApiTokenInput } from './api-tokens.schemas.ts';

/** A prefix that secret scanners and people recognize. */
const tokenPrefix = 'vigie_';

export function createApiTokensService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'scopeOf'>;
}) {
  const repository = createApiTokensRepository();
  const { db, clock } = deps;

  async function getInScope(actor: Actor, id: string): Promise<ApiTokenRow> {
    const row = await repository.findById(db, id);
    if (!row || !sees(actor, row.orgId)) throw createTokenNotFoundError({ id });
    return row;
  }

  return {
    async create(actor: Actor, input: CreateApiTokenInput) {
      assertCan(actor, 'tokens.manage');
      assertOrgInScope(actor, input.orgId);
      if (roleRequiresMfa(input.role)) throw createPrivilegedTokenError({ role: input.role });
      const token = `${tokenPrefix}${randomToken()}`;
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const inserted = await repository.insert(tx, {
          name: input.name,
          tokenHash: hashToken(token),
          role: input.role,
          orgId: input.orgId,
          createdBy: actorLabel(actor),
          createdAt: now,
          expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
        });
        await deps.audit.record(
          actor,
          {
            action: 'tokens.create',
            orgId: input.orgId,
            target: { type: 'api_token', id: inserted.id },
            details: { name: input.name, role: input.role, expiresAt: inserted.expiresAt.toISOString() },
          },
          tx,
        );
        return inserted;
      });
      return { token, record: row };
    },

    list(actor: Actor): Promise<ApiTokenRow[]> {
      assertCan(actor, 'tokens.manage');
      return repository.listIn(db, orgScope(actor));
    },

    async revoke(actor: Actor, id: string): Promise<ApiTokenRow> {
      assertCan(actor, 'tokens.manage');
      const row = await getInScope(actor, id);
      return db.transaction(async (tx) => {
        const updated = await repository.update(tx, id, { revokedAt: row.revokedAt ?? clock.now() });
        await deps.audit.record(
          actor,
          { action: 'tokens.revoke', orgId: row.orgId, target: { type: 'api_token', id } },
          tx,
        );
        return updated;
      });
    },

    /** The actor behind a bearer token, if the token exists, is not revoked and has not expired. */
    async authenticate(token: string, ip: string): Promise<TokenActor | undefined> {
      if (!token.startsWith(tokenPrefix)) return undefined;
      const row = await repository.findByHash(db, hashToken(token));
      const now = clock.now();
      if (!row || row.revokedAt || row.expiresAt <= now) return undefined;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
        await repository.update(db, row.id, { lastUsedAt: now });
      }
      const { orgIds, rootOrg } = await deps.orgs.scopeOf(row.orgId);
      return {
        kind: 'token',
        tokenId: row.id,
        name: row.name,
        role: row.role,
        orgId: row.orgId,
        orgIds,
        rootOrg,
        ip,
      };
    },
  };
}

export type ApiTokensService = ReturnType<typeof createApiTokensService>;
