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
          io.result(io.t('audit.cli.intact', { count: result.count }), result);
          return 0;
        }
        const { brokenSeq: seq, reason, count } = result;
        io.result(io.t('audit.cli.broken', { seq, reason, count }), result);
        return 1;
      }),
    );
};
