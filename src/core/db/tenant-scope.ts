import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';

// Row-level security's second wall (decision 0004): during a request on behalf of a user or an API token, every
// query runs in one transaction whose `vigie.scope` setting names the organizations the actor may see, and
// PostgreSQL's policies hide and refuse every other organization's rows, even if a service forgets its filter.

const currentTransaction = new AsyncLocalStorage<Tx>();

/**
 * The database as services hold it: inside a tenant scope it is that scope's transaction, elsewhere the
 * database itself. Services keep one `db` and need not know which.
 */
export function scopeAwareDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      const current = currentTransaction.getStore() ?? target;
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** Runs `work` in a transaction limited to these organizations' rows (PostgreSQL row-level security). */
export function runInTenantScope<T>(db: Db, orgIds: readonly string[], work: () => Promise<T>): Promise<T> {
  // The scope goes to the database as one parameter: ids are uuids, joined by commas.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('vigie.scope', ${orgIds.join(',')}, true)`);
    return currentTransaction.run(tx, work);
  });
}
