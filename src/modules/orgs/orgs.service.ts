// Organizations (all obligations): the tenants of Vigie, nested region → establishment → site, and their
// people. Every other module scopes its rows by the organizations this service says an actor may see.
import { type Actor, assertCan, assertOrgInScope, isScoped, orgScope, sees } from '../../core/auth/actor.ts';
import type { Db, Executor } from '../../core/db/database.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { whenCommitted } from '../../core/db/tenant-scope.ts';
import type { AuditService } from '../audit/audit.service.ts';
import {
  createOrgInvalidNestingError,
  createOrgNameTakenError,
  createOrgNotFoundError,
} from './orgs.errors.ts';
import { createOrgsRepository, type OrganizationRow } from './orgs.repository.ts';
import type { CreateOrganizationInput, CreatePersonInput } from './orgs.schemas.ts';

const depth = { region: 0, establishment: 1, site: 2 } as const;

export function createOrgsService(deps: { db: Db; audit: Pick<AuditService, 'record'> }) {
  const repository = createOrgsRepository();
  // An id that names no organization (the CLI's `--org`) is not found rather than an empty scope: work for it
  // would meet the database's foreign keys half-way (an import's first holder refused).
  const scopes = rememberedScopes(async (orgId) => {
    const scope = await repository.scopeOf(deps.db, orgId);
    if (scope.orgIds.length === 0) throw createOrgNotFoundError({ id: orgId });
    return scope;
  });

  async function getInScope(actor: Actor, id: string): Promise<OrganizationRow> {
    const org = await repository.findById(deps.db, id);
    if (!org || !sees(actor, org.id)) throw createOrgNotFoundError({ id });
    return org;
  }

  return {
    async create(actor: Actor, input: CreateOrganizationInput): Promise<OrganizationRow> {
      assertCan(actor, 'orgs.manage');
      if (input.parentId) {
        const parent = await getInScope(actor, input.parentId);
        if (depth[input.kind] <= depth[parent.kind]) {
          throw createOrgInvalidNestingError({ kind: input.kind, parentKind: parent.kind });
        }
      } else if (isScoped(actor)) {
        // A new top-level tenant is the operator's decision (CLI), not a web user's.
        throw createOrgInvalidNestingError({ kind: input.kind, parentKind: '-' });
      }
      try {
        const created = await deps.db.transaction(async (tx) => {
          const org = await repository.insert(tx, {
            name: input.name,
            kind: input.kind,
            parentId: input.parentId ?? null,
          });
          await deps.audit.record(
            actor,
            {
              action: 'orgs.create',
              orgId: org.id,
              target: { type: 'organization', id: org.id },
              details: { name: org.name, kind: org.kind },
            },
            tx,
          );
          return org;
        });
        // Once committed, so that no request in between remembers the tree without it.
        await whenCommitted(async () => scopes.forget());
        return created;
      } catch (error) {
        if (isUniqueViolation(error)) throw createOrgNameTakenError({ name: input.name });
        throw error;
      }
    },

    get: (actor: Actor, id: string) => {
      assertCan(actor, 'orgs.read');
      return getInScope(actor, id);
    },

    list(actor: Actor): Promise<OrganizationRow[]> {
      assertCan(actor, 'orgs.read');
      return repository.listIn(deps.db, orgScope(actor));
    },

    /**
     * What an actor belonging to this organization may see (used on each authenticated request), and the
     * organizations a command for it covers; `orgs.not_found` if there is no such organization.
     */
    scopeOf: (orgId: string) => scopes.get(orgId),

    /** The names of these organizations by their id: a result covering several says whose each item is. */
    async namesOf(orgIds: readonly string[]): Promise<Map<string, string>> {
      const rows = await repository.listIn(deps.db, orgIds);
      return new Map(rows.map((o) => [o.id, o.name]));
    },

    /** The organization and those above it: whose compliance changes when its data change. */
    lineageOf: (orgId: string) => repository.lineageOf(deps.db, orgId),

    async createPerson(actor: Actor, input: CreatePersonInput) {
      assertCan(actor, 'people.manage');
      assertOrgInScope(actor, input.orgId);
      return deps.db.transaction(async (tx) => {
        const person = await repository.insertPerson(tx, {
          orgId: input.orgId,
          fullName: input.fullName,
          email: input.email ?? null,
          jobTitle: input.jobTitle ?? null,
        });
        await deps.audit.record(
          actor,
          {
            action: 'people.create',
            orgId: input.orgId,
            target: { type: 'person', id: person.id },
            details: { fullName: person.fullName },
          },
          tx,
        );
        return person;
      });
    },

    /**
     * The people named (full name or e-mail, case-insensitive) among an organization's people, creating the
     * missing ones in it, inside the caller's transaction: an import that names a new holder adds that person
     * and both stand or fall together.
     */
    async ensurePeople(
      actor: Actor,
      orgId: string,
      names: readonly string[],
      executor: Executor,
    ): Promise<{ ids: Map<string, string>; created: string[] }> {
      assertCan(actor, 'assets.manage');
      assertOrgInScope(actor, orgId);
      const known = await repository.listPeople(executor, [orgId]);
      const ids = new Map<string, string>();
      const byKey = new Map<string, string>();
      for (const p of known) {
        byKey.set(p.fullName.toLowerCase(), p.id);
        if (p.email) byKey.set(p.email.toLowerCase(), p.id);
      }
      const created: string[] = [];
      for (const name of new Set(names)) {
        let id = byKey.get(name.toLowerCase());
        if (!id) {
          const isEmail = name.includes('@');
          const person = await repository.insertPerson(executor, {
            orgId,
            fullName: name,
            email: isEmail ? name : null,
            jobTitle: null,
          });
          await deps.audit.record(
            actor,
            {
              action: 'people.create',
              orgId,
              target: { type: 'person', id: person.id },
              details: { fullName: person.fullName },
            },
            executor,
          );
          id = person.id;
          byKey.set(name.toLowerCase(), id);
          created.push(name);
        }
        ids.set(name, id);
      }
      return { ids, created };
    },

    listPeople(actor: Actor) {
      assertCan(actor, 'orgs.read');
      return repository.listPeople(deps.db, orgScope(actor));
    },
  };
}

export type OrgsService = ReturnType<typeof createOrgsService>;

/**
 * Each organization's subtree, remembered for a few seconds: every authenticated request needs its actor's, and
 * the tree changes seldom. It only grows (an organization is created under its parent, never moved or deleted),
 * so a remembered subtree can only lack an organization created since, which hides it (never shows too much);
 * this process forgets them all when it creates one, and another process's new organization (the CLI's) is seen
 * within `ttlMs`.
 */
function rememberedScopes(
  load: (orgId: string) => Promise<{ orgIds: string[]; rootOrg: boolean }>,
  ttlMs = 10_000,
) {
  const remembered = new Map<
    string,
    { at: number; scope: Promise<{ orgIds: string[]; rootOrg: boolean }> }
  >();
  return {
    get(orgId: string) {
      const now = performance.now();
      const hit = remembered.get(orgId);
      if (hit && now - hit.at < ttlMs) return hit.scope;
      const scope = load(orgId);
      remembered.set(orgId, { at: now, scope });
      // A failed look-up is not remembered (nor does it forget a newer one).
      scope.catch(() => {
        if (remembered.get(orgId)?.scope === scope) remembered.delete(orgId);
      });
      return scope;
    },
    forget: () => remembered.clear(),
  };
}
