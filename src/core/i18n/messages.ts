import { createMessageFormatter } from './format-message.ts';
import type { Locale } from './locale.ts';

// Translated messages for error codes. Each module contributes its own catalog; the composition root
// gathers them. Texts are ICU MessageFormat (format-message.ts): parameters are written {name}.
export type MessageCatalog = Record<Locale, Record<string, string>>;

export const coreMessages: MessageCatalog = {
  'fr-CA': {
    'auth.forbidden': "Vous n'avez pas la permission de faire cette action.",
    'auth.unauthenticated': 'Connectez-vous pour continuer.',
    'request.invalid': 'La requête est invalide : {details}',
    'request.malformed_json': "Le corps de la requête n'est pas du JSON valide.",
    'request.too_large': 'La requête est trop volumineuse.',
    'request.unsupported_media_type': "Ce type de contenu n'est pas accepté.",
    'request.rate_limited': 'Trop de requêtes. Réessayez dans {seconds} secondes.',
    'request.not_found': "Cette adresse n'existe pas.",
    'request.busy': 'Vigie est très sollicité en ce moment. Réessayez dans quelques secondes.',
    'request.csrf': 'Jeton anti-falsification absent ou invalide. Rechargez la page.',
    internal: 'Une erreur interne est survenue. Elle a été journalisée.',
  },
  'en-CA': {
    'auth.forbidden': 'You do not have permission to do this.',
    'auth.unauthenticated': 'Sign in to continue.',
    'request.invalid': 'The request is invalid: {details}',
    'request.malformed_json': 'The request body is not valid JSON.',
    'request.too_large': 'The request is too large.',
    'request.unsupported_media_type': 'This content type is not accepted.',
    'request.rate_limited': 'Too many requests. Try again in {seconds} seconds.',
    'request.not_found': 'This address does not exist.',
    'request.busy': 'Vigie is very busy right now. Try again in a few seconds.',
    'request.csrf': 'Missing or invalid anti-forgery token. Reload the page.',
    internal: 'An internal error occurred. It has been logged.',
  },
};

export type Translator = (locale: Locale, code: string, params?: Record<string, string | number>) => string;

export function createTranslator(catalogs: readonly MessageCatalog[]): Translator {
  const merged: MessageCatalog = { 'fr-CA': {}, 'en-CA': {} };
  for (const catalog of [coreMessages, ...catalogs]) {
    Object.assign(merged['fr-CA'], catalog['fr-CA']);
    Object.assign(merged['en-CA'], catalog['en-CA']);
  }
  const format = createMessageFormatter();
  return (locale, code, params = {}) =>
    format(locale, merged[locale][code] ?? merged['en-CA'][code] ?? code, params);
}
