import { describe, expect, it } from 'vitest';
import { en } from '../web/src/i18n/en.ts';
import { fr } from '../web/src/i18n/fr.ts';

describe('web app translations', () => {
  it('have the same keys and the same placeholders in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(params(en[key]), key).toEqual(params(fr[key]));
      expect(en[key].trim(), key).not.toBe('');
    }
  });
});
