import type { CommandRegistrar } from '../../core/cli/cli.ts';
import type { DemoService } from './demo.service.ts';

export const registerDemoCommands: CommandRegistrar<{ demo: DemoService }> = (program, run) => {
  program
    .command('demo')
    .description(
      'load a demo organization (a fictional CISSS with establishments, sites, people, accounts and an inventory)',
    )
    .action(
      run(async ({ demo }, io) => {
        const result = await demo.load();
        if (!result.created) {
          io.result(io.t('demo.cli.already_loaded', { id: result.orgId }), result);
          return;
        }
        const lines = result.accounts.map(
          (a) => `  ${a.email.padEnd(30)} ${a.role.padEnd(20)} ${a.oneTimePassword}`,
        );
        io.result([io.t('demo.cli.loaded', { id: result.orgId }), ...lines].join('\n'), result);
      }),
    );
};
