import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from './locale.ts';
import { createTranslator } from './messages.ts';

describe('locale', () => {
  it('defaults to French (Quebec) and honours the ranking of Accept-Language', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('fr-CA');
    expect(localeFromAcceptLanguage('de-DE')).toBe('fr-CA');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en-CA');
    expect(localeFromAcceptLanguage('fr-FR')).toBe('fr-CA');
    expect(localeFromAcceptLanguage('de;q=1, en;q=0.5, fr;q=0.8')).toBe('fr-CA');
  });

  it('translates codes with parameters, falling back to the code itself', () => {
    const t = createTranslator([
      { 'fr-CA': { 'x.y': 'Bonjour {name}' }, 'en-CA': { 'x.y': 'Hello {name}' } },
    ]);
    expect(t('fr-CA', 'x.y', { name: 'Julie' })).toBe('Bonjour Julie');
    expect(t('en-CA', 'x.y', { name: 'Julie' })).toBe('Hello Julie');
    expect(t('en-CA', 'unknown.code')).toBe('unknown.code');
  });
});
