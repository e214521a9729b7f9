import { Option } from 'commander';
import { cliActor } from '../../core/auth/actor.ts';
import { roles } from '../../core/auth/permissions.ts';
import { type CommandRegistrar, emailOf, idOf, UsageError } from '../../core/cli/cli.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import { toPublicUser } from './users.schemas.ts';
import type { UsersService } from './users.service.ts';

export const registerUsersCommands: CommandRegistrar<{ users: UsersService; orgs: OrgsService }> = (
  program,
  run,
) => {
  const user = program.command('user').description("Vigie's staff accounts");
  user
    .command('create')
    .description('create an account; prints its one-time password')
    .requiredOption('--email <email>', 'its e-mail, used to sign in', emailOf('--email'))
    .addOption(new Option('--role <role>', 'its role').choices(roles).makeOptionMandatory())
    .option('--org <id>', 'its organization (default: the only top organization)', idOf('--org'))
    .option('--name <name>', 'the name shown in Vigie (default: the e-mail)')
    .action(
      run(
        async (
          { users, orgs },
          io,
          options: { email: string; role: (typeof roles)[number]; org?: string; name?: string },
        ) => {
          const orgId = options.org ?? (await onlyTopOrganization(orgs));
          const created = await users.create(cliActor, {
            email: options.email,
            role: options.role,
            orgId,
            displayName: options.name ?? options.email,
          });
          const { email, role } = created.user;
          io.result(io.t('users.cli.created', { email, role, password: created.oneTimePassword }), {
            user: toPublicUser(created.user),
            oneTimePassword: created.oneTimePassword,
          });
        },
      ),
    );
  user
    .command('reset-mfa')
    .description("remove an account's second factor; it enrols a new one at its next sign-in")
    .requiredOption('--email <email>', 'the account')
    .action(
      run(async ({ users }, io, options: { email: string }) => {
        const target = await users.findByEmail(cliActor, options.email);
        const updated = await users.resetMfa(cliActor, target.id);
        io.result(io.t('users.cli.mfa_reset', { email: updated.email }), toPublicUser(updated));
      }),
    );
  user
    .command('reset-password')
    .description('give an account a new one-time password (MFA is still asked at sign-in)')
    .requiredOption('--email <email>', 'the account')
    .action(
      run(async ({ users }, io, options: { email: string }) => {
        const target = await users.findByEmail(cliActor, options.email);
        const result = await users.resetPassword(cliActor, target.id);
        const password = result.oneTimePassword;
        io.result(io.t('users.cli.password_reset', { email: result.user.email, password }), {
          user: toPublicUser(result.user),
          oneTimePassword: result.oneTimePassword,
        });
      }),
    );
};

async function onlyTopOrganization(orgs: OrgsService): Promise<string> {
  const tops = (await orgs.list(cliActor)).filter((o) => o.parentId === null);
  if (tops.length !== 1) {
    throw new UsageError('users.cli.org_required', { count: tops.length });
  }
  return tops[0]!.id;
}
