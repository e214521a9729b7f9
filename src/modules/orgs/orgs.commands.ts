import { Option } from 'commander';
import { cliActor } from '../../core/auth/actor.ts';
import { type CommandRegistrar, idOf } from '../../core/cli/cli.ts';
import type { OrgsService } from './orgs.service.ts';
import { organizationKinds } from './orgs.table.ts';

export const registerOrgsCommands: CommandRegistrar<{ orgs: OrgsService }> = (program, run) => {
  const org = program.command('org').description('organizations (tenants)');
  org
    .command('create')
    .description('create an organization, at the top or under --parent')
    .requiredOption('--name <name>', 'its name')
    .addOption(new Option('--kind <kind>', 'its kind').choices(organizationKinds))
    .option('--parent <id>', 'the id of the organization it belongs to', idOf('--parent'))
    .action(
      run(
        async (
          { orgs },
          io,
          options: { name: string; kind?: (typeof organizationKinds)[number]; parent?: string },
        ) => {
          const kind = options.kind ?? (options.parent ? 'establishment' : 'region');
          const created = await orgs.create(cliActor, {
            name: options.name,
            kind,
            parentId: options.parent ?? null,
          });
          const { name, kind: createdKind, id } = created;
          io.result(io.t('orgs.cli.created', { name, kind: createdKind, id }), created);
        },
      ),
    );
  org
    .command('list')
    .description('list every organization')
    .action(
      run(async ({ orgs }, io) => {
        const rows = await orgs.list(cliActor);
        const lines = rows.map((o) => `${o.id}  ${o.kind.padEnd(13)}  ${o.name}`);
        io.result(lines.join('\n') || io.t('orgs.cli.none'), rows);
      }),
    );
};
