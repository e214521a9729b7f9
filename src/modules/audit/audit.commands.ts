import type { CommandRegistrar } from '../../core/cli/cli.ts';
import type { AuditService } from './audit.service.ts';

export const registerAuditCommands: CommandRegistrar<{ audit: AuditService }> = (program, run) => {
  const audit = program.command('audit').description('the audit journal');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 1 and name the first broken entry if it was altered')
    .action(
      run(async ({ audit }, io) => {
        const result = await audit.verify();
        if (result.intact) {
          io.result(`The journal is intact: ${result.count} entries, chain verified.`, result);
          return 0;
        }
        io.result(
          `The journal is BROKEN at entry ${result.brokenSeq} (${result.reason === 'hash' ? 'its content was altered' : 'its link to the previous entry is wrong'}); ${result.count} entries before it are intact.`,
          result,
        );
        return 1;
      }),
    );
};
