import pino from 'pino';
import { clockIn } from '../core/clock.ts';
import type { Config } from '../core/config/config.ts';
import { createSecretBox } from '../core/crypto/secret-box.ts';
import { loadSecretKey } from '../core/crypto/secret-key.ts';
import { acquireDataDirLock } from '../core/db/data-dir-lock.ts';
import { type Database, openDatabase } from '../core/db/database.ts';
import { applyMigrations } from '../core/db/migrations.ts';
import { assertAppRolePrivileges } from '../core/db/row-level-security.ts';
import { createLogger, type Logger } from '../core/log.ts';
import { type AppServices, createModules } from './modules.ts';

export type AppContext = {
  config: Config;
  database: Database;
  services: AppServices;
  routes: ReturnType<typeof createModules>['routes'];
  close(): Promise<void>;
};

export type OpenOptions = {
  /** Named in the lock file, so a second process can say who holds the embedded database. */
  role: string;
  migrate: boolean;
  /** Tests hand in a database they made; the context then neither locks nor closes it. */
  database?: Database;
  /** Tests move time forward (TOTP steps, session timeouts); it is read in the configured time zone's calendar. */
  time?: { now(): Date };
  /** Where services log; standard error by default. */
  logger?: Logger;
};

/** Opens the database (locking the embedded one's folder), applies migrations, builds every service. */
export async function openAppContext(config: Config, options: OpenOptions): Promise<AppContext> {
  let release = () => {};
  let database = options.database;
  if (!database) {
    if (!config.databaseUrl) release = acquireDataDirLock(config.dataDir, options.role);
    try {
      database = config.databaseUrl
        ? await openDatabase({ kind: 'postgresql', url: config.databaseUrl })
        : await openDatabase({ kind: 'pglite', dataDir: `${config.dataDir}/pgdata` });
    } catch (error) {
      release();
      throw error;
    }
  }
  const owned = !options.database;
  const opened = database;
  try {
    if (options.migrate) {
      // A role without its grants would fail later, half-way through a start or a command: say so first.
      await assertAppRolePrivileges(opened);
      await applyMigrations(opened);
    }
    const secretKey = loadSecretKey(config.dataDir, config.secretKey);
    const { services, routes } = createModules({
      db: opened.db,
      clock: clockIn(config.timeZone, options.time),
      secretBox: createSecretBox(secretKey),
      secretKey,
      publicUrl: config.publicUrl,
      session: config.session,
      inventoryReviewMonths: config.inventoryReviewMonths,
      // Services log what they survive (a compliance check that throws) to standard error, never to the CLI's output.
      logger: options.logger ?? createLogger({ level: config.logLevel, destination: pino.destination(2) }),
    });
    return {
      config,
      database: opened,
      services,
      routes,
      async close() {
        await services.compliance.idle();
        if (owned) await opened.close();
        release();
      },
    };
  } catch (error) {
    if (owned) await opened.close();
    release();
    throw error;
  }
}
