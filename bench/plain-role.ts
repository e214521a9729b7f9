// A plain role on a benchmark's PostgreSQL database, granted what `vigie db grant` grants (README, two roles): row-level
// security binds only such a role, so a server measured as the superuser would skip the policies production pays for.
import pg from 'pg';
import { appRoleGrants } from '../src/core/db/row-level-security.ts';

/** Runs `work` with the URL of a new plain role on the (migrated) database, then drops the role. */
export async function asPlainRole<T>(databaseUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const role = `vigie_bench_app_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create role ${role} login nosuperuser nobypassrls`);
    for (const grant of appRoleGrants(role)) await admin.query(grant);
    const url = new URL(databaseUrl);
    url.username = role;
    url.password = '';
    return await work(url.toString());
  } finally {
    await admin.query(`drop owned by ${role}`);
    await admin.query(`drop role ${role}`);
    await admin.end();
  }
}
