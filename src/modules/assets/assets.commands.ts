import fs from 'node:fs';
import { Option } from 'commander';
import { cliActor } from '../../core/auth/actor.ts';
import { type CliIo, type CommandRegistrar, idOf, UsageError, writeWhole } from '../../core/cli/cli.ts';
import { type ImportFormat, type ImportReport, importFormats, withMessages } from './assets.import.ts';
import type { AssetsService } from './assets.service.ts';
import { fileSource } from './importers/import-source.ts';
import { type EndOfLifeFeed, endOfLifeArchiveUrl } from './obsolescence/end-of-life.feed.ts';

/** Names shown in full up to twenty, then the first twenty and how many more (`--format json` lists them all). */
function someOf(names: readonly string[], io: CliIo): string {
  const shown = names.slice(0, 20).join(', ');
  return names.length > 20 ? io.t('assets.cli.and_more', { names: shown, count: names.length - 20 }) : shown;
}

function describe(report: ImportReport, io: CliIo): string {
  const { t } = io;
  const lines = report.lines.map((l) => {
    if (l.action === 'reject') {
      const problems = l.problems!.map((p) =>
        t('assets.cli.problem', { field: p.field, message: t(p.code, p.params) }),
      );
      return t('assets.cli.line_rejected', { line: l.line, problems: problems.join('; ') });
    }
    if (l.action === 'create') return t('assets.cli.line_create', { line: l.line, name: l.name });
    const fields = l.fields?.length ? ` (${l.fields.join(', ')})` : '';
    return t('assets.cli.line_update', { line: l.line, name: l.name, fields });
  });
  return [
    t('assets.cli.summary', { file: report.file, format: report.format, ...report.counts }),
    ...lines.map((line) => `  ${line}`),
    ...(report.omittedLines ? [`  ${t('assets.cli.more_lines', { count: report.omittedLines })}`] : []),
    ...(report.peopleCreated.length
      ? [t('assets.cli.people_added', { names: someOf(report.peopleCreated, io) })]
      : []),
    ...(report.criticalAssetsCreated.length
      ? [t('assets.cli.critical_assets_added', { names: someOf(report.criticalAssetsCreated, io) })]
      : []),
    t(`assets.cli.${report.outcome}`),
  ].join('\n');
}

export const registerAssetsCommands: CommandRegistrar<{ assets: AssetsService; feeds: EndOfLifeFeed }> = (
  program,
  run,
) => {
  program
    .command('import')
    .description('import into the inventory')
    .command('assets <file>')
    .description('import assets from a CSV spreadsheet, a GLPI export or an Nmap XML scan (all or nothing)')
    .requiredOption('--org <id>', 'the organization the assets belong to', idOf('--org'))
    .addOption(
      new Option('--format <format>', 'the file format (detected when not given)').choices(importFormats),
    )
    .option('--dry-run', 'show what would change, write nothing')
    .action(
      run(
        async (
          { assets },
          io,
          file: string,
          options: { org: string; format?: ImportFormat; dryRun?: boolean },
        ) => {
          const found = fs.statSync(file, { throwIfNoEntry: false });
          if (!found) throw new UsageError('assets.cli.no_such_file', { file });
          if (found.isDirectory()) throw new UsageError('assets.cli.folder', { file });
          const source = fileSource(file);
          const progress = io.progress(source.size, 'bytes');
          let report: ImportReport;
          try {
            report = await assets.importAssets(cliActor, source, {
              orgId: options.org,
              format: options.format,
              dryRun: options.dryRun ?? false,
              onProgress: (bytes) => progress.update(bytes),
            });
          } finally {
            progress.stop();
          }
          io.result(describe(report, io), withMessages(report, io.t));
          return report.outcome === 'rejected' ? 1 : 0;
        },
      ),
    );

  const assetsCommand = program.command('assets').description('the inventory');
  assetsCommand
    .command('export')
    .description('export the inventory as CSV, in the import columns')
    .requiredOption('--org <id>', 'the organization (its sub-organizations included)', idOf('--org'))
    .addOption(new Option('--format <format>', 'the file format').choices(['csv']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      run(async ({ assets }, io, options: { org: string; out?: string }) => {
        const file = options.out;
        if (!file) {
          for await (const part of assets.exportCsv(cliActor, options.org)) io.write(part);
          return;
        }
        await writeWhole(file, assets.exportCsv(cliActor, options.org));
        io.note(io.t('assets.cli.written', { file }));
      }),
    );

  const feeds = program.command('feeds').description('reference data: end-of-life dates');
  feeds
    .command('update')
    .description(`download the end-of-life data from their public source (${endOfLifeArchiveUrl})`)
    .option(
      '--url <url>',
      'download the same archive from elsewhere (an internal mirror)',
      endOfLifeArchiveUrl,
    )
    .action(
      run(async ({ feeds }, io, options: { url: string }) => {
        const result = await feeds.update(cliActor, options.url);
        io.result(io.t('assets.cli.feed_updated', result), result);
      }),
    );
  feeds
    .command('import <file>')
    .description('import the end-of-life data offline, from the endoflife.date archive (.tar.gz) or folder')
    .action(
      run(async ({ feeds }, io, file: string) => {
        const result = await feeds.importFile(cliActor, file);
        io.result(io.t('assets.cli.feed_imported', result), result);
      }),
    );
  feeds
    .command('status')
    .description('show which end-of-life data are in use')
    .action(
      run(async ({ feeds }, io) => {
        const status = await feeds.status();
        const { origin, source, itemCount: products } = status;
        io.result(io.t('assets.cli.feed_status', { origin, source, products }), status);
      }),
    );
};
