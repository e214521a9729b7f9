import fs from 'node:fs';
import { Option } from 'commander';
import { cliActor } from '../../core/auth/actor.ts';
import { type CliIo, type CommandRegistrar, UsageError } from '../../core/cli/cli.ts';
import { type ImportFormat, type ImportReport, importFormats, withMessages } from './assets.import.ts';
import type { AssetsService } from './assets.service.ts';
import { fileSource } from './importers/import-source.ts';
import { type EndOfLifeFeed, endOfLifeArchiveUrl } from './obsolescence/end-of-life.feed.ts';

function describe(report: ImportReport, io: CliIo): string {
  const { create, update, unchanged, reject } = report.counts;
  const verdict = {
    applied: 'Imported.',
    preview: 'Dry run: nothing was written.',
    rejected: 'Rejected: nothing was written. Correct these lines and import again.',
  }[report.outcome];
  const lines = report.lines.map((l) =>
    l.action === 'reject'
      ? `  line ${l.line}: ${l.problems!.map((p) => `${p.field}: ${io.t(p.code, p.params)}`).join('; ')}`
      : `  line ${l.line}: ${l.action} ${l.name}${l.action === 'update' && l.fields?.length ? ` (${l.fields.join(', ')})` : ''}`,
  );
  return [
    `${report.file} (${report.format}): ${create} to create, ${update} to update, ${unchanged} unchanged, ${reject} rejected.`,
    ...lines,
    ...(report.omittedLines ? [`  … and ${report.omittedLines} more lines`] : []),
    ...(report.peopleCreated.length ? [`People added: ${report.peopleCreated.join(', ')}`] : []),
    ...(report.criticalAssetsCreated.length
      ? [`Critical information assets added: ${report.criticalAssetsCreated.join(', ')}`]
      : []),
    verdict,
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
    .requiredOption('--org <id>', 'the organization the assets belong to')
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
          if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
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
    .requiredOption('--org <id>', 'the organization (its sub-organizations included)')
    .addOption(new Option('--format <format>', 'the file format').choices(['csv']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      run(async ({ assets }, io, options: { org: string; out?: string }) => {
        const out = options.out ? fs.createWriteStream(options.out) : undefined;
        for await (const part of assets.exportCsv(cliActor, options.org)) {
          if (out) out.write(part);
          else io.write(part);
        }
        if (out) {
          await new Promise((resolve) => out.end(resolve));
          io.note(`Written: ${options.out}`);
        }
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
        io.result(
          `End-of-life data updated: ${result.products} products, ${result.releases} release cycles.`,
          result,
        );
      }),
    );
  feeds
    .command('import <file>')
    .description('import the end-of-life data offline, from the endoflife.date archive (.tar.gz) or folder')
    .action(
      run(async ({ feeds }, io, file: string) => {
        const result = await feeds.importFile(cliActor, file);
        io.result(
          `End-of-life data imported: ${result.products} products, ${result.releases} release cycles.`,
          result,
        );
      }),
    );
  feeds
    .command('status')
    .description('show which end-of-life data are in use')
    .action(
      run(async ({ feeds }, io) => {
        const status = await feeds.status();
        io.result(
          `End-of-life data: ${status.origin} (${status.source}), ${status.itemCount} products.`,
          status,
        );
      }),
    );
};
