import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { DrizzleQueryError } from 'drizzle-orm';
import { cliMessages } from '../core/cli/cli.messages.ts';
import {
  type CliFormat,
  type CliIo,
  type CommandRunner,
  type Progress,
  UsageError,
} from '../core/cli/cli.ts';
import { localizeHelp, usageMessage } from '../core/cli/cli-help.ts';
import { ConfigError, loadConfig } from '../core/config/config.ts';
import { DataDirLockedError } from '../core/db/data-dir-lock.ts';
import { applyMigrations, MigrationError, migrationStatus } from '../core/db/migrations.ts';
import { EmbeddedDatabaseStoppedError } from '../core/db/pglite-thread-client.ts';
import { grantToAppRole, roleNamePattern } from '../core/db/row-level-security.ts';
import { isAppError } from '../core/errors.ts';
import { localeFromEnvironment } from '../core/i18n/locale.ts';
import { createTranslator } from '../core/i18n/messages.ts';
import { type AppContext, openAppContext } from './context.ts';
import { type AppServices, moduleCommands, moduleMessages } from './modules.ts';
import { version } from './version.ts';

export type CliStreams = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard error when it is a terminal: long commands draw a progress bar there. */
  progressStream?: NodeJS.WriteStream | undefined;
};

/** Runs one CLI invocation and answers its exit code: 0 success, 1 failure, 2 bad usage. */
export async function runCli(argv: string[], streams: CliStreams): Promise<number> {
  const cli = createCli(argv, streams);
  try {
    await cli.program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0; `vigie` alone has printed its help on standard error.
      if (error.exitCode === 0) return 0;
      if (error.code !== 'commander.help')
        streams.stderr(`${cli.t('cli.error', { message: usageMessage(error, cli.t) })}\n`);
      return 2;
    }
    return cli.fail(error);
  }
  return cli.exitCode();
}

/** The `vigie` command tree in the operator's language, every module's commands registered. */
export function createCli(argv: string[], streams: CliStreams) {
  let exitCode = 0;
  const translate = createTranslator([...moduleMessages, cliMessages]);
  const locale = localeFromEnvironment(streams.env);
  const t = (code: string, params?: Record<string, string | number>) => translate(locale, code, params);
  const program = new Command('vigie')
    .description('Vigie: run and prove the cybersecurity program of a health organization')
    .version(version, '-V, --version', t('cli.help.version'))
    .addOption(
      new Option('--format <format>', 'output format, before the command')
        .choices(['human', 'json'])
        .default('human'),
    )
    // Options before the command are Vigie's (`--format json`); after it, the command's own, so that `import
    // assets --format nmap` and `report --format pdf` mean the file's format.
    .enablePositionalOptions()
    .exitOverride()
    // Commander's usage errors are printed by runCli, in the operator's language.
    .configureOutput({ writeOut: streams.stdout, writeErr: streams.stderr, outputError: () => {} });

  /**
   * Human or JSON output: `vigie --format json <command>`, or the command's own `--format json` where `--format` is
   * its option (`vigie compliance status --org ID --format json`).
   */
  const io = (command?: Command): CliIo => {
    const own = command?.opts<{ format?: string }>().format;
    const format: CliFormat =
      own === 'json' || own === 'human' ? own : program.opts<{ format: CliFormat }>().format;
    return {
      format,
      result: (human, json) =>
        streams.stdout(`${format === 'json' ? JSON.stringify(json, null, 2) : human}\n`),
      write: streams.stdout,
      note: (text) => streams.stderr(`${text}\n`),
      locale,
      t,
      progress: (total, unit) => progressBar(streams.progressStream, total, unit),
    };
  };

  const fail = (error: unknown): number => {
    const report = (message: string, exit: number) => {
      streams.stderr(`${t('cli.error', { message })}\n`);
      return exit;
    };
    if (error instanceof UsageError) return report(t(error.code, error.params), 2);
    if (isAppError(error)) return report(`${t(error.code, error.params)} (${error.code})`, 1);
    if (error instanceof DataDirLockedError)
      return report(t('cli.data_dir_locked', { pid: error.holderPid, role: error.holderRole }), 1);
    if (error instanceof MigrationError)
      return report(
        t('cli.migration_failed', { pending: error.pending.join(', '), detail: error.detail }),
        1,
      );
    if (error instanceof EmbeddedDatabaseStoppedError)
      return report(t('cli.database_stopped', { detail: error.detail }), 1);
    if (error instanceof ConfigError)
      return report(t('cli.config_invalid', { issues: error.issues.join('\n') }), 2);
    // A statement the database refused, which no check foresaw: the database's own words, never the statement
    // and its values (an import's values are people's names).
    if (error instanceof DrizzleQueryError)
      return report(t('cli.query_failed', { detail: (error.cause as Error | undefined)?.message ?? '' }), 1);
    // A file the command could not read or write: its path and why, in the operator's language where the reason is
    // a common one (Node's own words otherwise).
    if (isFileError(error)) {
      const reason = fileReasons.has(error.code) ? t(`cli.file.${error.code}`) : error.message;
      return report(t('cli.file_failed', { path: error.path, reason }), 1);
    }
    return report(error instanceof Error ? error.message : String(error), 1);
  };

  /** Wraps an action: opens the application (migrating first when asked), maps errors to exit codes, closes. */
  const inContext =
    <A extends unknown[]>(
      migrate: boolean,
      action: (ctx: AppContext, io: CliIo, ...args: A) => Promise<unknown>,
    ) =>
    async (...args: A) => {
      try {
        const ctx = await openAppContext(loadConfig(streams.env), { role: `cli ${argv.join(' ')}`, migrate });
        try {
          // Commander hands an action its command last.
          const command = args.at(-1) instanceof Command ? (args.at(-1) as Command) : undefined;
          const code = await action(ctx, io(command), ...args);
          exitCode = typeof code === 'number' ? code : 0;
        } finally {
          await ctx.close();
        }
      } catch (error) {
        exitCode = fail(error);
      }
    };

  const run: CommandRunner<AppServices> = (action) =>
    inContext(true, (ctx, cliIo, ...args) => action(ctx.services, cliIo, ...args));

  program
    .command('serve')
    .description('start the web app and the API (migrations first)')
    .action(async () => {
      try {
        // The web server (Fastify and every route) is loaded for this command only: the others start faster.
        const { serve } = await import('./serve.ts');
        const server = await serve(loadConfig(streams.env), (line) => streams.stdout(`${line}\n`));
        const failure = await new Promise<Error | undefined>((resolve) => {
          process.once('SIGINT', () => resolve(undefined));
          process.once('SIGTERM', () => resolve(undefined));
          void server.failure.then(resolve);
        });
        await server.stop();
        if (failure) exitCode = fail(failure);
      } catch (error) {
        exitCode = fail(error);
      }
    });

  const db = program.command('db').description('the database');
  db.command('migrate')
    .description('apply the pending migrations')
    .action(
      inContext(false, async (ctx, cliIo) => {
        const { applied } = await applyMigrations(ctx.database);
        cliIo.result(
          applied.length ? t('cli.db.applied', { migrations: applied.join(', ') }) : t('cli.db.current'),
          { applied },
        );
      }),
    );
  db.command('status')
    .description('list applied and pending migrations')
    .action(
      inContext(false, async (ctx, cliIo) => {
        const status = await migrationStatus(ctx.database);
        cliIo.result(
          t('cli.db.status', {
            kind: ctx.database.kind,
            applied: status.applied.length,
            pending: status.pending.length,
            names: status.pending.join(', '),
          }),
          { database: ctx.database.kind, ...status },
        );
      }),
    );

  db.command('grant')
    .description('give the plain role that runs Vigie what it needs, as the schema owner (PostgreSQL)')
    .argument('<role>', 'the role that runs `vigie serve`, e.g. vigie_app')
    .action(
      inContext(false, async (ctx, cliIo, role: string) => {
        if (ctx.database.kind !== 'postgresql') throw new UsageError('cli.db.grant_postgresql_only');
        if (!roleNamePattern.test(role)) throw new UsageError('cli.db.role_name', { role });
        await grantToAppRole(ctx.database, role);
        cliIo.result(t('cli.db.granted', { role }), { role });
      }),
    );

  for (const register of moduleCommands) register(program, run);
  localizeHelp(program, locale, t);

  return { program, t, fail, exitCode: () => exitCode };
}

/** The file system's errors the CLI words itself (cli.messages.ts, `cli.file.*`). */
const fileReasons = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC']);

function isFileError(error: unknown): error is NodeJS.ErrnoException & { code: string; path: string } {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === 'string' && typeof path === 'string';
}

function progressBar(stream: NodeJS.WriteStream | undefined, total: number, unit: string): Progress {
  if (!stream) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream,
    format: `{bar} {percentage}% | {value}/{total} ${unit} | {eta_formatted}`,
    hideCursor: true,
  });
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
