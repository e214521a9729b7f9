export const locales = ['fr-CA', 'en-CA'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'fr-CA';

/** Picks French or English from an Accept-Language header; French (Quebec) when nothing else fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if (lang === 'fr') return 'fr-CA';
    if (lang === 'en') return 'en-CA';
  }
  return defaultLocale;
}

/**
 * The language of an operator's messages (the CLI, the configuration's errors) as POSIX ranks its settings: LC_ALL, then
 * LC_MESSAGES, then LANG (fr_CA.UTF-8, en_CA.UTF-8); none, or C (a service's environment), is French.
 */
export function localeFromEnvironment(env: NodeJS.ProcessEnv): Locale {
  const { LC_ALL, LC_MESSAGES, LANG } = env;
  return localeFromAcceptLanguage((LC_ALL || LC_MESSAGES || LANG || '').replace('_', '-'));
}
