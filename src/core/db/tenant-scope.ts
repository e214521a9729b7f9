import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';

// Row-level security's second wall (decision 0004): during a request on behalf of a user or an API token, every
// query runs in one transaction whose `vigie.scope` setting names the organizations the actor may see, and
// PostgreSQL's policies hide and refuse every other organization's rows, even if a service forgets its filter.

type Scope = { tx: Tx; afterCommit: (() => Promise<void>)[] };
const currentScope = new AsyncLocalStorage<Scope>();

/**
 * The database as services hold it: inside a tenant scope it is that scope's transaction, elsewhere the
 * database itself. Services keep one `db` and need not know which.
 */
export function scopeAwareDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      const current = currentScope.getStore()?.tx ?? target;
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** Runs `work` in a transaction limited to these organizations' rows (PostgreSQL row-level security). */
export async function runInTenantScope<T>(
  db: Db,
  orgIds: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  // The scope goes to the database as one parameter: ids are uuids, joined by commas.
  const afterCommit: Scope['afterCommit'] = [];
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('vigie.scope', ${orgIds.join(',')}, true)`);
    return currentScope.run({ tx, afterCommit }, work);
  });
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
