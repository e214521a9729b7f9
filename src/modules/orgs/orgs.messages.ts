import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const orgsMessages: MessageCatalog = {
  'fr-CA': {
    'orgs.not_found': 'Organisation introuvable.',
    'orgs.name_taken': 'Une organisation nommée « {name} » existe déjà à cet endroit.',
    'orgs.invalid_nesting': 'Une organisation de type {kind} ne peut pas être placée sous {parentKind}.',
    'orgs.cli.created': 'Organisation créée : {name} ({kind}), id {id}',
    'orgs.cli.none': '(aucune)',
  },
  'en-CA': {
    'orgs.not_found': 'Organization not found.',
    'orgs.name_taken': 'An organization named “{name}” already exists there.',
    'orgs.invalid_nesting': 'An organization of kind {kind} cannot be placed under {parentKind}.',
    'orgs.cli.created': 'Organization created: {name} ({kind}), id {id}',
    'orgs.cli.none': '(none)',
  },
};
