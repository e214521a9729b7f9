import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const orgsMessages: MessageCatalog = {
  'fr-CA': {
    'orgs.not_found': 'Organisation introuvable : {id}.',
    'orgs.name_taken': 'Une organisation nommée « {name} » existe déjà à cet endroit.',
    'orgs.invalid_nesting': 'Une organisation de type {kind} ne peut pas être placée sous {parentKind}.',
    'orgs.cli.created': 'Organisation créée : {name} ({kind}), id {id}',
    'orgs.cli.none': '(aucune)',
    // The help of the module's commands (cli-help.ts): English where each is declared.
    'help:vigie org': 'les organisations (locataires)',
    'help:vigie org create': 'créer une organisation, au sommet ou sous --parent',
    'help:vigie org create --name': 'son nom',
    'help:vigie org create --kind': 'son type',
    'help:vigie org create --parent': 'l’identifiant de l’organisation dont elle fait partie',
    'help:vigie org list': 'lister toutes les organisations',
  },
  'en-CA': {
    'orgs.not_found': 'Organization not found: {id}.',
    'orgs.name_taken': 'An organization named “{name}” already exists there.',
    'orgs.invalid_nesting': 'An organization of kind {kind} cannot be placed under {parentKind}.',
    'orgs.cli.created': 'Organization created: {name} ({kind}), id {id}',
    'orgs.cli.none': '(none)',
  },
};
