import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const complianceMessages: MessageCatalog = {
  'fr-CA': { 'compliance.framework_not_found': 'Référentiel introuvable : {id}.' },
  'en-CA': { 'compliance.framework_not_found': 'Framework not found: {id}.' },
};
