import type { MessageCatalog } from '../../core/i18n/messages.ts';

export const usersMessages: MessageCatalog = {
  'fr-CA': {
    'users.not_found': 'Utilisateur introuvable.',
    'users.email_taken': 'Un compte existe déjà avec le courriel {email}.',
    'users.weak_password':
      'Mot de passe refusé ({reason}) : au moins 12 caractères, pas un mot de passe courant, ni votre nom ou courriel.',
    'users.self_change': 'Vous ne pouvez pas changer votre propre rôle ni désactiver votre propre compte.',
    'auth.invalid_credentials': 'Courriel ou mot de passe incorrect.',
    'auth.invalid_code': 'Code invalide ou déjà utilisé.',
    'auth.wrong_stage': "Cette étape de connexion n'est pas celle attendue ({stage}).",
    'auth.reauth_required': 'Confirmez votre mot de passe actuel pour faire ce changement.',
    'auth.source_blocked': 'Trop de tentatives depuis votre adresse. Réessayez dans {minutes} minutes.',
    'auth.human_check_required':
      'Plusieurs tentatives ont échoué : confirmez que vous êtes une personne, puis réessayez.',
    'auth.last_factor':
      "C'est votre dernier deuxième facteur et votre rôle en exige un : ajoutez-en un autre avant de retirer celui-ci.",
    'tokens.not_found': "Jeton d'API introuvable.",
    'tokens.privileged_role':
      "Un jeton d'API ne peut pas recevoir le rôle {role} : ce rôle exige l'authentification à deux facteurs.",
    'users.cli.created':
      'Compte créé : {email} ({role})\nMot de passe à usage unique (affiché une seule fois, à changer à la première connexion) : {password}',
    'users.cli.mfa_reset': 'Second facteur retiré pour {email} ; ses sessions ont été fermées.',
    'users.cli.password_reset':
      'Mot de passe à usage unique pour {email} (affiché une seule fois) : {password}',
    'users.cli.org_required':
      '--org est obligatoire : il y a {count, plural, one {# organisation} other {# organisations}} de premier niveau (voir « vigie org list »)',
    // The help of the module's commands (cli-help.ts): English where each is declared.
    'help:vigie user': 'les comptes du personnel de Vigie',
    'help:vigie user create': 'créer un compte; affiche son mot de passe à usage unique',
    'help:vigie user create --email': 'son courriel, utilisé pour se connecter',
    'help:vigie user create --role': 'son rôle',
    'help:vigie user create --org': 'son organisation (par défaut : la seule organisation de premier niveau)',
    'help:vigie user create --name': 'le nom affiché dans Vigie (par défaut : le courriel)',
    'help:vigie user reset-mfa':
      'retirer le second facteur d’un compte; il en enregistre un nouveau à sa prochaine connexion',
    'help:vigie user reset-mfa --email': 'le compte',
    'help:vigie user reset-password':
      'donner à un compte un nouveau mot de passe à usage unique (le second facteur reste demandé à la connexion)',
    'help:vigie user reset-password --email': 'le compte',
  },
  'en-CA': {
    'users.not_found': 'User not found.',
    'users.email_taken': 'An account already exists with the e-mail {email}.',
    'users.weak_password':
      'Password refused ({reason}): at least 12 characters, not a common password, not your name or e-mail.',
    'users.self_change': 'You cannot change your own role or disable your own account.',
    'auth.invalid_credentials': 'Wrong e-mail or password.',
    'auth.invalid_code': 'Invalid or already used code.',
    'auth.wrong_stage': 'This sign-in step is not the expected one ({stage}).',
    'auth.reauth_required': 'Confirm your current password to make this change.',
    'auth.source_blocked': 'Too many attempts from your address. Try again in {minutes} minutes.',
    'auth.human_check_required': 'Several attempts failed: confirm that you are a person, then try again.',
    'auth.last_factor':
      'This is your last second factor and your role requires one: add another before removing it.',
    'tokens.not_found': 'API token not found.',
    'tokens.privileged_role':
      'An API token cannot be given the role {role}: that role requires two-factor authentication.',
    'users.cli.created':
      'Account created: {email} ({role})\nOne-time password (shown once, to change at first sign-in): {password}',
    'users.cli.mfa_reset': 'Second factor removed for {email}; their sessions were ended.',
    'users.cli.password_reset': 'One-time password for {email} (shown once): {password}',
    'users.cli.org_required':
      '--org is required: there {count, plural, one {is # top organization} other {are # top organizations}} (see "vigie org list")',
  },
};
