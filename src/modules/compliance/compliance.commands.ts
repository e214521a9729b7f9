import fs from 'node:fs';
import { Option } from 'commander';
import { cliActor } from '../../core/auth/actor.ts';
import type { CommandRegistrar } from '../../core/cli/cli.ts';
import { type Lang, type ReportFormat, renderReport, statusJson } from './compliance.report.ts';
import { type ComplianceService, type ComplianceStatus, defaultFramework } from './compliance.service.ts';

function summary(status: ComplianceStatus, lang: Lang): string {
  const lines = [
    `${status.framework.title[lang]} — ${status.evaluatedAt.toISOString()} — ${status.status}, score ${Math.round(status.score * 100)}%`,
  ];
  for (const o of status.obligations) {
    lines.push(`${o.id}. ${o.title[lang]}: ${o.status}`);
    for (const r of o.requirements) {
      lines.push(`   ${r.id} ${r.status} (${r.mode})${r.failingCount ? `, ${r.failingCount} failing` : ''}`);
      for (const f of r.failing.slice(0, 5)) lines.push(`      ${f.item}: ${f.reason[lang]}`);
      if (r.failingCount > 5) lines.push(`      … ${r.failingCount - 5} more`);
    }
  }
  return lines.join('\n');
}

export const registerComplianceCommands: CommandRegistrar<{ compliance: ComplianceService }> = (
  program,
  run,
) => {
  const langOption = () =>
    new Option('--lang <lang>', 'the language of texts').choices(['fr', 'en']).default('fr');
  const outputOption = () => new Option('--format <format>', 'output format').choices(['human', 'json']);
  const compliance = program.command('compliance').description('compliance with the directive');
  compliance
    .command('evaluate')
    .description('evaluate an organization now, from its data and attestations')
    .requiredOption('--org <id>', 'the organization (its sub-organizations included)')
    .option('--framework <id>', 'the framework', defaultFramework)
    .addOption(langOption())
    .addOption(outputOption())
    .action(
      run(async ({ compliance }, io, options: { org: string; framework: string; lang: Lang }) => {
        const status = await compliance.evaluate(cliActor, options.org, { frameworkId: options.framework });
        io.result(summary(status, options.lang), statusJson(status, options.lang));
      }),
    );
  compliance
    .command('status')
    .description("show an organization's latest evaluation")
    .requiredOption('--org <id>', 'the organization')
    .option('--framework <id>', 'the framework', defaultFramework)
    .addOption(langOption())
    .addOption(outputOption())
    .action(
      run(async ({ compliance }, io, options: { org: string; framework: string; lang: Lang }) => {
        const status = await compliance.latestOrFirst(cliActor, options.org, options.framework);
        io.result(summary(status, options.lang), statusJson(status, options.lang));
      }),
    );

  program
    .command('report')
    .description('write the compliance report of an organization (HTML, PDF or JSON)')
    .requiredOption('--org <id>', 'the organization')
    .requiredOption('--out <file>', 'the file to write')
    .addOption(
      new Option('--format <format>', 'the report format').choices(['html', 'pdf', 'json']).default('html'),
    )
    .option('--framework <id>', 'the framework', defaultFramework)
    .option('--evaluation <id>', 'an earlier evaluation to report again (ids in the history)')
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
            lang: Lang;
            evaluation?: string;
          },
        ) => {
          const report = await compliance.report(
            cliActor,
            options.org,
            options.framework,
            options.evaluation,
          );
          const rendered = await renderReport(report, options.format, options.lang);
          fs.writeFileSync(options.out, rendered.body);
          io.result(`Report written: ${options.out}`, { file: options.out, format: options.format });
        },
      ),
    );
};
