import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createCli } from '../src/app/cli.ts';
import { moduleMessages } from '../src/app/modules.ts';
import { cliMessages } from '../src/core/cli/cli.messages.ts';
import { helpEntries } from '../src/core/cli/cli-help.ts';
import { EmbeddedDatabaseStoppedError } from '../src/core/db/pglite-thread-client.ts';
import { vigieWith } from './support/cli.ts';

// The CLI's help and usage errors in the operator's language; no database is opened for either.
const vigie = (argv: string[], lang: string) => vigieWith({ LANG: lang }, ...argv);

const frenchHelp = Object.fromEntries(
  [...moduleMessages, cliMessages].flatMap((catalog) =>
    Object.entries(catalog['fr-CA']).filter(([key]) => key.startsWith('help:')),
  ),
);

/** What the CLI says of an error met by a command, and its exit code, under a French locale. */
function failInFrench(error: unknown) {
  let stderr = '';
  const cli = createCli([], {
    stdout: () => {},
    stderr: (text) => (stderr += text),
    env: { LANG: 'fr_CA.UTF-8' },
  });
  const code = cli.fail(error);
  return { code, stderr };
}

describe('the CLI in French and English', () => {
  it('has a French text for every command, option and argument, and none for one that no longer exists', () => {
    const entries = helpEntries(createCli([], { stdout: () => {}, stderr: () => {}, env: {} }).program);
    const keys = entries.map((entry) => entry.key);
    expect(keys).toContain('help:vigie import assets --org');
    expect(keys.filter((key) => !frenchHelp[key])).toEqual([]);
    expect(Object.keys(frenchHelp).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('tells in French why the server stops when its embedded database has stopped, and what to do', () => {
    const { code, stderr } = failInFrench(
      new EmbeddedDatabaseStoppedError('Worker terminated due to reaching memory limit'),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'erreur : la base de données intégrée s’est arrêtée (Worker terminated due to reaching memory limit) : Vigie ' +
        's’arrête. Relancez-le (un superviseur comme systemd le fait) ; la base se rétablit à l’ouverture.\n',
    );
  });

  it('says what the database refused, never the statement nor its values (they may name people)', () => {
    const refused = new DrizzleQueryError(
      'insert into "people" ("org_id", "full_name") values ($1, $2)',
      ['00000000-0000-4000-8000-000000000000', 'Julie Tremblay'],
      new Error('insert or update on table "people" violates foreign key constraint "people_org_id_fk"'),
    );
    const { code, stderr } = failInFrench(refused);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'erreur : la base de données a refusé l’opération : insert or update on table "people" violates foreign key ' +
        'constraint "people_org_id_fk"\n',
    );
  });

  it("prints a command's help in French, headings, notes and Commander's own options included", async () => {
    const { code, stdout } = await vigie(['import', 'assets', '--help'], 'fr_CA.UTF-8');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Utilisation : vigie import assets \[options\] <file>/);
    expect(stdout).toContain('Options :');
    expect(stdout).toContain('--org <id>         l’organisation à laquelle les actifs appartiennent');
    expect(stdout).toMatch(/choix\s+parmi "csv", "glpi", "nmap"/);
    expect(stdout).toContain('-h, --help         afficher l’aide de la commande');
    expect(stdout).not.toMatch(/Usage|display help|choices/);
  });

  it('keeps the English texts declared in the code under an English locale', async () => {
    const { stdout } = await vigie(['--help'], 'en_CA.UTF-8');
    expect(stdout).toMatch(/^Usage: vigie \[options\] \[command\]/);
    expect(stdout).toContain('import             import into the inventory');
    expect(stdout).toMatch(/\(choices: "human",\s+"json", default: "human"\)/);
    expect(stdout).toContain('help [command]     display help for a command');
  });

  it('reports usage errors in French with exit code 2, the suggestion included', async () => {
    const missing = await vigie(['import', 'assets', 'inventory.csv'], 'fr_CA.UTF-8');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe('erreur : l’option obligatoire --org <id> n’est pas donnée\n');

    const typo = await vigie(['imprt'], 'fr_CA.UTF-8');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('erreur : commande inconnue : imprt\nVouliez-vous dire import ?\n');

    const choice = await vigie(
      ['import', 'assets', 'a.csv', '--org', '00000000-0000-4000-8000-000000000000', '--format', 'xls'],
      'fr_CA.UTF-8',
    );
    expect(choice.stderr).toBe(
      'erreur : la valeur « xls » de l’option --format <format> n’est pas valide; choix possibles : csv, glpi, nmap\n',
    );
  });

  it('reports the same usage errors in English', async () => {
    const unknown = await vigie(['org', 'list', '--colour'], 'en_CA.UTF-8');
    expect(unknown).toMatchObject({ code: 2, stderr: 'error: unknown option: --colour\n' });
    const extra = await vigie(['db', 'status', 'now'], 'en_CA.UTF-8');
    expect(extra).toMatchObject({ code: 2, stderr: 'error: too many arguments\n' });
  });
});
