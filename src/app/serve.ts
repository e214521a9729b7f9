import { cliActor } from '../core/auth/actor.ts';
import type { Config } from '../core/config/config.ts';
import { bypassesRowLevelSecurity } from '../core/db/row-level-security.ts';
import { createLogger, type Logger } from '../core/log.ts';
import { type AppContext, openAppContext } from './context.ts';
import { buildHttpApp } from './http.ts';

/** A running server: how to stop it, and the failure that should stop it (the embedded database's thread gone). */
export type RunningServer = { stop(): Promise<void>; failure: Promise<Error> };

/**
 * Starts Vigie: migrations first (a failure stops the start), the first administrator on an empty
 * database, then the HTTP server.
 */
export async function serve(config: Config, print: (line: string) => void): Promise<RunningServer> {
  const logger = createLogger({ level: config.logLevel });
  const ctx: AppContext = await openAppContext(config, { role: 'server', migrate: true });
  try {
    const first = await ctx.services.users.ensureFirstAdmin(cliActor, config.firstAdminEmail);
    if (first) {
      // Printed once to the console, never to the structured log.
      print('First administrator created. Sign in and change this password; MFA enrolment follows.');
      print(`  e-mail:            ${first.user.email}`);
      print(`  one-time password: ${first.oneTimePassword}`);
    }
    if (ctx.database.kind === 'postgresql' && (await bypassesRowLevelSecurity(ctx.database))) {
      print(
        'Warning: the database role is a superuser or has BYPASSRLS, so row-level security does not separate ' +
          'organizations; connect Vigie with a plain role that the owner granted (`vigie db grant`, README).',
      );
    }
    // The end-of-life data is read on first use, on the one thread that serves every request (the shipped
    // snapshot's JSON, or an imported feed, and its index). It is read now, before the first request, not under the
    // first evaluation or asset page.
    await ctx.services.feeds.refresh();
    ctx.services.feeds.current();
    const app = await buildHttpApp(ctx, logger);
    await app.listen({ port: config.port, host: config.host });
    print(
      `Vigie is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${ctx.database.kind})`,
    );
    const stopDaily = scheduleDailyEvaluation(ctx, logger);
    const stopMaintenance = scheduleMaintenance(ctx.database.maintain, logger);
    // A server whose every query fails is worse than one that stops: its supervisor starts it again, and PGlite
    // recovers its data folder on opening it, as PostgreSQL does after a crash.
    const failure = (ctx.database.failure ?? new Promise<Error>(() => {})).then((error) => {
      logger.fatal({ err: error }, 'the embedded database stopped; Vigie stops');
      return error;
    });
    return {
      failure,
      async stop() {
        stopDaily();
        stopMaintenance();
        await app.close();
        await ctx.close();
      },
    };
  } catch (error) {
    await ctx.close();
    throw error;
  }
}

/**
 * Every hour, evaluates the organizations whose latest evaluation is older than a day (the daily evaluation of
 * the compliance engine), first a little after the start. In this process until the background worker lands;
 * a failure is logged, never fatal. Answers the function that stops it.
 */
function scheduleDailyEvaluation(ctx: AppContext, logger: Logger): () => void {
  const run = () => {
    ctx.services.compliance
      .evaluateDaily()
      .catch((error: unknown) => logger.error({ err: error }, 'daily evaluation failed'));
  };
  return repeatEvery(60 * 60 * 1000, run, 10_000);
}

/**
 * Runs `run` after `firstMs`, then every `periodMs`, without holding the process open. Answers the function that
 * stops it.
 */
function repeatEvery(periodMs: number, run: () => void, firstMs: number): () => void {
  const first = setTimeout(run, firstMs).unref();
  const next = setInterval(run, periodMs).unref();
  return () => {
    clearTimeout(first);
    clearInterval(next);
  };
}

/**
 * On PGlite, which has no autovacuum, the database's upkeep (`Database.maintain`) a quarter of an hour after the start,
 * then daily: without it, dead rows and stale statistics build up for as long as the server runs. It holds the
 * database for a few seconds at 100,000 assets (2.1 s after three changes of every asset), not the server's thread
 * (decision 0014). Answers the function that stops it.
 */
export function scheduleMaintenance(
  maintain: (() => Promise<void>) | undefined,
  logger: Pick<Logger, 'info' | 'error'>,
): () => void {
  if (!maintain) return () => {};
  const run = () => {
    const started = performance.now();
    maintain().then(
      () => logger.info({ ms: Math.round(performance.now() - started) }, 'database maintenance done'),
      (error: unknown) => logger.error({ err: error }, 'database maintenance failed'),
    );
  };
  return repeatEvery(24 * 60 * 60 * 1000, run, 15 * 60 * 1000);
}
