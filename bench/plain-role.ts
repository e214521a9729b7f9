// The benchmark's server runs as a plain role, which row-level security binds: a server measured as the superuser
// would skip the policies production pays for.
import pg from 'pg';
import { createPlainRole } from '../test/support/database.ts';

/** Runs `work` with the URL of a new plain role on the (migrated) database, then drops the role. */
export async function asPlainRole<T>(databaseUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const { role, url } = await createPlainRole(databaseUrl, 'vigie_bench_app');
  try {
    return await work(url);
  } finally {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop owned by ${role}`);
    await admin.query(`drop role ${role}`);
    await admin.end();
  }
}
