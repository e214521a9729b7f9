import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const auditMessages: MessageCatalog = {
  'fr-CA': {
    'audit.cli.intact':
      'Le journal est intact : {count, plural, one {# entrée} other {# entrées}}, chaîne vérifiée.',
    'audit.cli.broken':
      'Le journal est ROMPU à l’entrée {seq} ({reason, select, hash {son contenu a été modifié} other {son lien avec l’entrée précédente est faux}}) ; {count, plural, one {l’entrée qui la précède est intacte} other {les # entrées qui la précèdent sont intactes}}.',
    // The help of the module's commands (cli-help.ts): English where each is declared.
    'help:vigie audit': 'le journal d’audit',
    'help:vigie audit verify':
      'recalculer la chaîne de hachage; sortir avec le code 1 et nommer la première entrée rompue si le journal a été altéré',
  },
  'en-CA': {
    'audit.cli.intact':
      'The journal is intact: {count, plural, one {# entry} other {# entries}}, chain verified.',
    'audit.cli.broken':
      'The journal is BROKEN at entry {seq} ({reason, select, hash {its content was altered} other {its link to the previous entry is wrong}}); {count, plural, one {# entry before it is intact} other {# entries before it are intact}}.',
  },
};
