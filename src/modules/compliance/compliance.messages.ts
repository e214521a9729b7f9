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
    // The help of the module's commands (cli-help.ts): English where each is declared.
    'help:vigie compliance': 'la conformité à la directive',
    'help:vigie compliance evaluate':
      'évaluer une organisation maintenant, à partir de ses données et de ses attestations',
    'help:vigie compliance evaluate --org': 'l’organisation (ses sous-organisations comprises)',
    'help:vigie compliance evaluate --framework': 'le référentiel',
    'help:vigie compliance evaluate --lang':
      'la langue des textes (par défaut : celle de l’opérateur, selon LC_ALL, LC_MESSAGES ou LANG)',
    'help:vigie compliance evaluate --format': 'format de sortie',
    'help:vigie compliance status': 'montrer la dernière évaluation d’une organisation',
    'help:vigie compliance status --org': 'l’organisation',
    'help:vigie compliance status --framework': 'le référentiel',
    'help:vigie compliance status --lang':
      'la langue des textes (par défaut : celle de l’opérateur, selon LC_ALL, LC_MESSAGES ou LANG)',
    'help:vigie compliance status --format': 'format de sortie',
    'help:vigie report': 'écrire le rapport de conformité d’une organisation (HTML, PDF ou JSON)',
    'help:vigie report --org': 'l’organisation',
    'help:vigie report --out': 'le fichier à écrire',
    'help:vigie report --format': 'le format du rapport',
    'help:vigie report --framework': 'le référentiel',
    'help:vigie report --evaluation':
      'une évaluation antérieure à reproduire (identifiants dans l’historique)',
    'help:vigie report --lang':
      'la langue des textes (par défaut : celle de l’opérateur, selon LC_ALL, LC_MESSAGES ou LANG)',
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
