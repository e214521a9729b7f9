import { Option } from 'commander';
import { cliActor } from '../../core/auth/actor.ts';
import { type CliIo, type CommandRegistrar, idOf, writeWhole } from '../../core/cli/cli.ts';
import { type Lang, type ReportFormat, renderReport, statusJson, statusText } from './compliance.report.ts';
import { type ComplianceService, defaultFramework } from './compliance.service.ts';

/** The language of a report or a status: --lang, else the operator's (LC_ALL, LC_MESSAGES, LANG). */
const languageOf = (options: { lang?: Lang }, io: CliIo): Lang =>
  options.lang ?? (io.locale === 'en-CA' ? 'en' : 'fr');

export const registerComplianceCommands: CommandRegistrar<{ compliance: ComplianceService }> = (
  program,
  run,
) => {
  const langOption = () =>
    new Option(
      '--lang <lang>',
      "the language of texts (default: the operator's, from LC_ALL, LC_MESSAGES or LANG)",
    ).choices(['fr', 'en']);
  const outputOption = () => new Option('--format <format>', 'output format').choices(['human', 'json']);
  const compliance = program.command('compliance').description('compliance with the directive');
  compliance
    .command('evaluate')
    .description('evaluate an organization now, from its data and attestations')
    .requiredOption('--org <id>', 'the organization (its sub-organizations included)', idOf('--org'))
    .option('--framework <id>', 'the framework', defaultFramework)
    .addOption(langOption())
    .addOption(outputOption())
    .action(
      run(async ({ compliance }, io, options: { org: string; framework: string; lang?: Lang }) => {
        const status = await compliance.evaluate(cliActor, options.org, { frameworkId: options.framework });
        const lang = languageOf(options, io);
        io.result(statusText(status, lang, compliance.timeZone), statusJson(status, lang));
      }),
    );
  compliance
    .command('status')
    .description("show an organization's latest evaluation")
    .requiredOption('--org <id>', 'the organization', idOf('--org'))
    .option('--framework <id>', 'the framework', defaultFramework)
    .addOption(langOption())
    .addOption(outputOption())
    .action(
      run(async ({ compliance }, io, options: { org: string; framework: string; lang?: Lang }) => {
        const status = await compliance.latestOrFirst(cliActor, options.org, options.framework);
        const lang = languageOf(options, io);
        io.result(statusText(status, lang, compliance.timeZone), statusJson(status, lang));
      }),
    );

  program
    .command('report')
    .description('write the compliance report of an organization (HTML, PDF or JSON)')
    .requiredOption('--org <id>', 'the organization', idOf('--org'))
    .requiredOption('--out <file>', 'the file to write')
    .addOption(
      new Option('--format <format>', 'the report format').choices(['html', 'pdf', 'json']).default('html'),
    )
    .option('--framework <id>', 'the framework', defaultFramework)
    .option(
      '--evaluation <id>',
      'an earlier evaluation to report again (ids in the history)',
      idOf('--evaluation'),
    )
    .addOption(langOption())
    .action(
      run(
        async (
          { compliance },
          io,
          options: {
            org: string;
            out: string;
            format: ReportFormat;
            framework: string;
            lang?: Lang;
            evaluation?: string;
          },
        ) => {
          const report = await compliance.report(
            cliActor,
            options.org,
            options.framework,
            options.evaluation,
          );
          const rendered = await renderReport(report, options.format, languageOf(options, io));
          await writeWhole(options.out, rendered.body);
          io.result(io.t('compliance.cli.report_written', { file: options.out }), {
            file: options.out,
            format: options.format,
          });
        },
      ),
    );
};
