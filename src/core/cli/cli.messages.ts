import type { MessageCatalog } from '../i18n/messages.ts';

// What the `vigie` command itself says, beside its modules' commands: errors, and the database commands.
// Commander's own texts (--help, a missing option) stay in English.
export const cliMessages: MessageCatalog = {
  'fr-CA': {
    'cli.error': 'erreur : {message}',
    'cli.data_dir_locked':
      'la base de données intégrée est utilisée par le processus {pid} ({role}). Arrêtez-le avant cette commande, ou faites tourner Vigie sur PostgreSQL (DATABASE_URL) pour utiliser la ligne de commande pendant qu’il sert.',
    'cli.config_invalid': 'configuration invalide dans l’environnement :\n{issues}',
    'cli.migration_failed':
      'une migration de la base de données a échoué, et aucune de celles en attente ({pending}) n’a été appliquée : {detail}',
    'cli.db.applied': 'Migrations appliquées : {migrations}',
    'cli.db.current': 'La base de données est déjà à jour.',
    'cli.db.status':
      'Base de données : {kind}\nAppliquées : {applied, number}\nEn attente : {pending, plural, =0 {aucune} other {{names}}}',
    'cli.db.grant_postgresql_only':
      'db grant sert à PostgreSQL (DATABASE_URL) : la base de données intégrée n’a pas de rôles',
    'cli.db.role_name': '« {role} » n’est pas un nom de rôle (lettres minuscules, chiffres et _)',
    'cli.db.granted': 'Droits accordés à {role}.',
  },
  'en-CA': {
    'cli.error': 'error: {message}',
    'cli.data_dir_locked':
      'the embedded database is in use by process {pid} ({role}). Stop it before running this command, or run Vigie on PostgreSQL (DATABASE_URL) to use the CLI while it serves.',
    'cli.config_invalid': 'invalid configuration in the environment:\n{issues}',
    'cli.migration_failed':
      'a database migration failed, and none of the pending ones ({pending}) was applied: {detail}',
    'cli.db.applied': 'Applied: {migrations}',
    'cli.db.current': 'The database is already current.',
    'cli.db.status':
      'Database: {kind}\nApplied: {applied, number}\nPending: {pending, plural, =0 {none} other {{names}}}',
    'cli.db.grant_postgresql_only':
      'db grant is for PostgreSQL (DATABASE_URL): the embedded database has no roles',
    'cli.db.role_name': '"{role}" is not a role name (lower-case letters, digits and _)',
    'cli.db.granted': 'Granted to {role}.',
  },
};
