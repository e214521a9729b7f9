import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const auditMessages: MessageCatalog = {
  'fr-CA': {
    'audit.cli.intact':
      'Le journal est intact : {count, plural, one {# entrée} other {# entrées}}, chaîne vérifiée.',
    'audit.cli.broken':
      'Le journal est ROMPU à l’entrée {seq} ({reason, select, hash {son contenu a été modifié} other {son lien avec l’entrée précédente est faux}}) ; {count, plural, one {l’entrée qui la précède est intacte} other {les # entrées qui la précèdent sont intactes}}.',
  },
  'en-CA': {
    'audit.cli.intact':
      'The journal is intact: {count, plural, one {# entry} other {# entries}}, chain verified.',
    'audit.cli.broken':
      'The journal is BROKEN at entry {seq} ({reason, select, hash {its content was altered} other {its link to the previous entry is wrong}}); {count, plural, one {# entry before it is intact} other {# entries before it are intact}}.',
  },
};
