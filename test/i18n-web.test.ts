import { describe, expect, it } from 'vitest';
import { en } from '../web/src/i18n/en.ts';
import { fr } from '../web/src/i18n/fr.ts';
import { formatEachArgument, messageArguments } from './support/messages.ts';

describe('web app translations', () => {
  it('have the same keys and the same placeholders in French and English, and all format', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(messageArguments(en[key]), key).toEqual(messageArguments(fr[key]));
      expect(en[key].trim(), key).not.toBe('');
      expect(formatEachArgument('fr-CA', fr[key]), key).not.toMatch(/[{}]/);
      expect(formatEachArgument('en-CA', en[key]), key).not.toMatch(/[{}]/);
    }
  });
});
