import { fr } from 'zod/locales';

// Zod's own French texts for its checks, one choice for the whole product: the API's validation errors and the
// configuration's say the same thing the same way.
export const zodFrench = fr().localeError;
