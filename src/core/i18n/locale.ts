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
