import type { MessageCatalog } from '../i18n/messages.ts';

// What the `vigie` command itself says, beside its modules' commands: errors, the database commands, and the words
// of Commander's help and usage errors (cli-help.ts).
export const cliMessages: MessageCatalog = {
  'fr-CA': {
    'cli.error': 'erreur : {message}',
    'cli.data_dir_locked':
      'la base de données intégrée est utilisée par le processus {pid} ({role}). Arrêtez-le avant cette commande, ou faites tourner Vigie sur PostgreSQL (DATABASE_URL) pour utiliser la ligne de commande pendant qu’il sert.',
    'cli.config_invalid': 'configuration invalide dans l’environnement :\n{issues}',
    'cli.database_stopped':
      'la base de données intégrée s’est arrêtée ({detail}) : Vigie s’arrête. Relancez-le (un superviseur comme systemd le fait) ; la base se rétablit à l’ouverture.',
    'cli.migration_failed':
      'une migration de la base de données a échoué, et aucune de celles en attente ({pending}) n’a été appliquée : {detail}',
    'cli.query_failed': 'la base de données a refusé l’opération : {detail}',
    'cli.db.applied': 'Migrations appliquées : {migrations}',
    'cli.db.current': 'La base de données est déjà à jour.',
    'cli.db.status':
      'Base de données : {kind}\nAppliquées : {applied, number}\nEn attente : {pending, plural, =0 {aucune} other {{names}}}',
    'cli.db.grant_postgresql_only':
      'db grant sert à PostgreSQL (DATABASE_URL) : la base de données intégrée n’a pas de rôles',
    'cli.db.role_name': '« {role} » n’est pas un nom de rôle (lettres minuscules, chiffres et _)',
    'cli.db.granted': 'Droits accordés à {role}.',
    'cli.help.usage': 'Utilisation :',
    'cli.help.options': 'Options :',
    'cli.help.commands': 'Commandes :',
    'cli.help.arguments': 'Arguments :',
    'cli.help.global_options': 'Options globales :',
    'cli.help.help_option': 'afficher l’aide de la commande',
    'cli.help.help_command': 'afficher l’aide d’une commande',
    'cli.help.version': 'afficher le numéro de version',
    'cli.help.choices': 'choix parmi {choices}',
    'cli.help.default': 'par défaut {value}',
    'cli.usage.missing_argument': 'argument obligatoire manquant : {name}',
    'cli.usage.option_missing_argument': 'l’option {name} attend une valeur',
    'cli.usage.missing_option': 'l’option obligatoire {name} n’est pas donnée',
    'cli.usage.unknown_option': 'option inconnue : {name}',
    'cli.usage.unknown_command': 'commande inconnue : {name}',
    'cli.usage.excess_arguments': 'trop d’arguments',
    'cli.usage.not_an_id': 'option {option} : « {value} » n’est pas un identifiant (un UUID)',
    'cli.usage.invalid_choice':
      'la valeur « {value} » de l’option {name} n’est pas valide; choix possibles : {choices}',
    'cli.usage.did_you_mean': 'Vouliez-vous dire {name} ?',
    // The help of the `vigie` command's own commands (cli-help.ts): English where each is declared.
    'help:vigie': 'Vigie : piloter et démontrer le programme de cybersécurité d’un établissement de santé',
    'help:vigie --format': 'format de sortie, avant la commande',
    'help:vigie serve': 'démarrer l’application web et l’API (migrations d’abord)',
    'help:vigie db': 'la base de données',
    'help:vigie db migrate': 'appliquer les migrations en attente',
    'help:vigie db status': 'lister les migrations appliquées et en attente',
    'help:vigie db grant':
      'donner au rôle ordinaire qui fait tourner Vigie ce dont il a besoin, en tant que propriétaire du schéma (PostgreSQL)',
    'help:vigie db grant <role>': 'le rôle qui lance `vigie serve`, p. ex. vigie_app',
  },
  'en-CA': {
    'cli.error': 'error: {message}',
    'cli.data_dir_locked':
      'the embedded database is in use by process {pid} ({role}). Stop it before running this command, or run Vigie on PostgreSQL (DATABASE_URL) to use the CLI while it serves.',
    'cli.config_invalid': 'invalid configuration in the environment:\n{issues}',
    'cli.database_stopped':
      'the embedded database stopped ({detail}): Vigie stops. Start it again (a supervisor such as systemd does); the database recovers on opening.',
    'cli.migration_failed':
      'a database migration failed, and none of the pending ones ({pending}) was applied: {detail}',
    'cli.query_failed': 'the database refused the operation: {detail}',
    'cli.db.applied': 'Applied: {migrations}',
    'cli.db.current': 'The database is already current.',
    'cli.db.status':
      'Database: {kind}\nApplied: {applied, number}\nPending: {pending, plural, =0 {none} other {{names}}}',
    'cli.db.grant_postgresql_only':
      'db grant is for PostgreSQL (DATABASE_URL): the embedded database has no roles',
    'cli.db.role_name': '"{role}" is not a role name (lower-case letters, digits and _)',
    'cli.db.granted': 'Granted to {role}.',
    'cli.help.usage': 'Usage:',
    'cli.help.options': 'Options:',
    'cli.help.commands': 'Commands:',
    'cli.help.arguments': 'Arguments:',
    'cli.help.global_options': 'Global Options:',
    'cli.help.help_option': 'display help for command',
    'cli.help.help_command': 'display help for a command',
    'cli.help.version': 'output the version number',
    'cli.help.choices': 'choices: {choices}',
    'cli.help.default': 'default: {value}',
    'cli.usage.missing_argument': 'missing required argument: {name}',
    'cli.usage.option_missing_argument': 'option {name} needs a value',
    'cli.usage.missing_option': 'required option {name} not given',
    'cli.usage.unknown_option': 'unknown option: {name}',
    'cli.usage.unknown_command': 'unknown command: {name}',
    'cli.usage.excess_arguments': 'too many arguments',
    'cli.usage.not_an_id': 'option {option}: "{value}" is not an id (a UUID)',
    'cli.usage.invalid_choice': 'option {name}: "{value}" is not valid; choices: {choices}',
    'cli.usage.did_you_mean': 'Did you mean {name}?',
  },
};
