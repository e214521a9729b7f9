import type { Command, CommanderError, Help, Option } from 'commander';
import type { Locale } from '../i18n/locale.ts';

// The CLI's help in the operator's language. Each command, option and argument is described in English where it is
// declared (the code's own language, read beside what it does); the French texts live in the modules' message
// catalogs under a key naming it (`help:vigie import assets --org`), and a test checks that none is missing.
// Commander's own words (headings, "(choices: …)", its errors) are translated here.

type T = (code: string, params?: Record<string, string | number>) => string;

/** One described thing of the command tree: its catalog key, and how to replace the English declared in the code. */
export type HelpEntry = { key: string; set(text: string): void };

/** Every description in the tree under `program`, each with its catalog key. */
export function helpEntries(program: Command): HelpEntry[] {
  const entries: HelpEntry[] = [];
  const visit = (command: Command, path: string) => {
    const description = command.description();
    if (description) entries.push({ key: `help:${path}`, set: (text) => command.description(text) });
    for (const option of command.options) {
      const flag = option.long ?? option.short ?? option.flags;
      // Commander's --version is described by cli.help.version, once for every command.
      if (option.description && flag !== '--version')
        entries.push({ key: `help:${path} ${flag}`, set: describe(option) });
    }
    for (const argument of command.registeredArguments)
      if (argument.description)
        entries.push({ key: `help:${path} <${argument.name()}>`, set: describe(argument) });
    for (const sub of command.commands) visit(sub, `${path} ${sub.name()}`);
  };
  visit(program, program.name());
  return entries;
}

const describe = (target: { description: string }) => (text: string) => {
  target.description = text;
};

const titles: Record<string, string> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
  'Global Options:': 'cli.help.global_options',
};

/**
 * Puts the whole help of `program` in the operator's language: call it once every command is registered. Sets
 * Commander's help option, help command and version texts, its headings and the "(choices: …, default: …)" notes;
 * in English the texts declared in the code stay as they are.
 */
export function localizeHelp(program: Command, locale: Locale, t: T): void {
  if (locale !== 'en-CA')
    for (const entry of helpEntries(program)) {
      const text = t(entry.key);
      if (text !== entry.key) entry.set(text);
    }
  const configure = (command: Command) => {
    command.helpOption('-h, --help', t('cli.help.help_option'));
    if (command.commands.length) command.helpCommand('help [command]', t('cli.help.help_command'));
    command.configureHelp({
      styleTitle: (title: string) => (titles[title] ? t(titles[title]) : title),
      // An option's default is shown only when it takes a value (as Commander does); an argument's always.
      optionDescription: (option: Option) => withNotes(option, option.required || option.optional, t),
      argumentDescription: (argument) => withNotes(argument, true, t),
    } satisfies Partial<Help>);
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
}

type Described = Pick<Option, 'description' | 'argChoices' | 'defaultValue' | 'defaultValueDescription'>;

/** A description followed by its translated "(choices: …, default: …)". */
function withNotes(target: Described, showDefault: boolean, t: T): string {
  const { description, argChoices } = target;
  const notes: string[] = [];
  if (argChoices) notes.push(t('cli.help.choices', { choices: argChoices.map((c) => `"${c}"`).join(', ') }));
  if (showDefault && target.defaultValue !== undefined)
    notes.push(
      t('cli.help.default', {
        value: target.defaultValueDescription ?? JSON.stringify(target.defaultValue),
      }),
    );
  if (!notes.length) return description;
  return description ? `${description} (${notes.join(', ')})` : `(${notes.join(', ')})`;
}

// Commander's errors, by code: the quoted name it puts in its English message becomes the translation's {name}.
// A message whose wording does not match (a new Commander) is shown as Commander wrote it, never wrong.
const errors: Record<string, { key: string; pattern: RegExp }> = {
  'commander.missingArgument': { key: 'cli.usage.missing_argument', pattern: /argument '(?<name>[^']+)'/ },
  'commander.optionMissingArgument': {
    key: 'cli.usage.option_missing_argument',
    pattern: /option '(?<name>[^']+)'/,
  },
  'commander.missingMandatoryOptionValue': {
    key: 'cli.usage.missing_option',
    pattern: /option '(?<name>[^']+)'/,
  },
  'commander.unknownOption': { key: 'cli.usage.unknown_option', pattern: /option '(?<name>[^']+)'/ },
  'commander.unknownCommand': { key: 'cli.usage.unknown_command', pattern: /command '(?<name>[^']+)'/ },
  'commander.excessArguments': { key: 'cli.usage.excess_arguments', pattern: /^error: too many arguments/ },
  'commander.invalidArgument': {
    key: 'cli.usage.invalid_choice',
    pattern: /'(?<name>[^']+)' argument '(?<value>[^']*)' is invalid\. Allowed choices are (?<choices>.+)\.$/,
  },
};

/** The text of a usage error from Commander in the operator's language, with its "did you mean" when it has one. */
export function usageMessage(error: CommanderError, t: T): string {
  const english = error.message.replace(/^error: /, '');
  const known = errors[error.code];
  const match = known?.pattern.exec(error.message.split('\n')[0] ?? '');
  if (!known || !match) return english;
  const suggestion = /\(Did you mean (?:one of )?(?<name>.+)\?\)/.exec(error.message)?.groups?.name;
  const message = t(known.key, { name: '', value: '', choices: '', ...match.groups });
  return suggestion ? `${message}\n${t('cli.usage.did_you_mean', { name: suggestion })}` : message;
}
