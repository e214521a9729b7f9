import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Db, Tx } from './database.ts';

// Row-level security's second wall (decisions 0004 and 0007): during a request on behalf of a user or an API
// token, every query runs on one connection whose `vigie.scope` setting names the organizations the actor may
// see, and PostgreSQL's policies hide and refuse every other organization's rows, even if a service forgets its
// filter. A request that may write runs in one transaction (all or nothing); a read runs its queries as they come.

type Scope = { db: Db | Tx; afterCommit: (() => Promise<void>)[] };
const currentScope = new AsyncLocalStorage<Scope>();

/**
 * The database as services hold it: inside a tenant scope it is that scope's connection (or its transaction),
 * elsewhere the database itself. Services keep one `db` and need not know which.
 */
export function scopeAwareDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      const current = currentScope.getStore()?.db ?? target;
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** `read` runs the queries as they come (GET); `write` wraps them in one transaction. */
export type ScopeMode = 'read' | 'write';

/**
 * Runs `work` limited to these organizations' rows (PostgreSQL row-level security); on PGlite, which runs as its
 * superuser and holds one transaction at a time, it simply runs `work`.
 */
export async function runInTenantScope<T>(
  database: Pick<Database, 'onScopedConnection'>,
  orgIds: readonly string[],
  work: () => Promise<T>,
  mode: ScopeMode = 'write',
): Promise<T> {
  if (!database.onScopedConnection) return work();
  const afterCommit: Scope['afterCommit'] = [];
  // The scope goes to the database as one parameter: ids are uuids, joined by commas.
  const result = await database.onScopedConnection(orgIds.join(','), (db) =>
    mode === 'write'
      ? db.transaction((tx) => currentScope.run({ db: tx, afterCommit }, work))
      : currentScope.run({ db, afterCommit }, work),
  );
  for (const next of afterCommit) await currentScope.exit(next);
  return result;
}

/**
 * Runs `work` once the current tenant scope has committed, outside it (at once when there is no scope): for
 * follow-ups that must see the committed change and may reach beyond the actor's organizations, such as the
 * compliance evaluation of the organizations above the one that changed.
 */
export async function whenCommitted(work: () => Promise<void>): Promise<void> {
  const scope = currentScope.getStore();
  if (scope) scope.afterCommit.push(work);
  else await work();
}
