import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const demoMessages: MessageCatalog = {
  'fr-CA': {
    'demo.cli.already_loaded': 'L’organisation de démonstration est déjà chargée (id {id}).',
    'demo.cli.loaded':
      'Organisation de démonstration chargée (id {id}). Comptes, avec leurs mots de passe à usage unique affichés une seule fois :',
    // The help of the module's commands (cli-help.ts): English where each is declared.
    'help:vigie demo':
      'charger une organisation de démonstration (un CISSS fictif avec ses établissements, sites, personnes, comptes et un inventaire)',
  },
  'en-CA': {
    'demo.cli.already_loaded': 'The demo organization is already loaded (id {id}).',
    'demo.cli.loaded': 'Demo organization loaded (id {id}). Accounts, with one-time passwords shown once:',
  },
};
