import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const complianceMessages: MessageCatalog = {
  'fr-CA': {
    'compliance.attestation.expires_before_effective': "l'expiration ne peut précéder la date d'effet",
    'compliance.framework_not_found': 'Référentiel introuvable : {id}.',
    'compliance.requirement_not_found': 'Exigence introuvable : {id}.',
    'compliance.attestation_not_found': 'Attestation introuvable : {id}.',
    'compliance.evaluation_not_found': 'Évaluation introuvable pour cette organisation : {id}.',
    'compliance.measured_requirement':
      '{id} est mesurée à partir des données de Vigie : on ne peut attester que son absence d’objet, pas sa conformité.',
    'compliance.cli.report_written': 'Rapport écrit : {file}',
  },
  'en-CA': {
    'compliance.attestation.expires_before_effective': 'expiresOn must not come before effectiveOn',
    'compliance.framework_not_found': 'Framework not found: {id}.',
    'compliance.requirement_not_found': 'Requirement not found: {id}.',
    'compliance.attestation_not_found': 'Attestation not found: {id}.',
    'compliance.evaluation_not_found': 'No such evaluation for this organization: {id}.',
    'compliance.measured_requirement':
      '{id} is measured from Vigie’s data: one can only declare that it does not apply, not that it is met.',
    'compliance.cli.report_written': 'Report written: {file}',
  },
};
