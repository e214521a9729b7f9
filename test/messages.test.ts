import { describe, expect, it } from 'vitest';
import { moduleMessages } from '../src/app/modules.ts';
import { cliMessages } from '../src/core/cli/cli.messages.ts';
import { coreMessages, createTranslator } from '../src/core/i18n/messages.ts';
import { formatEachArgument, messageArguments } from './support/messages.ts';

describe('the server’s messages', () => {
  it('name the same values in French and English, and every one formats', () => {
    // The CLI's help texts (`help:…`) are English where each command is declared; cli-help.test.ts checks them.
    const translated = (texts: Record<string, string>) =>
      Object.entries(texts).filter(([code]) => !code.startsWith('help:'));
    for (const catalog of [coreMessages, ...moduleMessages, cliMessages]) {
      const fr = translated(catalog['fr-CA']);
      expect(
        translated(catalog['en-CA'])
          .map(([code]) => code)
          .sort(),
      ).toEqual(fr.map(([code]) => code).sort());
      for (const [code, frenchText] of fr) {
        const en = catalog['en-CA'][code]!;
        expect(messageArguments(en), code).toEqual(messageArguments(frenchText));
        expect(formatEachArgument('fr-CA', frenchText), code).not.toMatch(/[{}]/);
        expect(formatEachArgument('en-CA', en), code).not.toMatch(/[{}]/);
      }
    }
  });

  it('agree with a count and write numbers as each language does', () => {
    const t = createTranslator([
      {
        'fr-CA': { 'x.count': '{n, plural, one {# actif} other {# actifs}}' },
        'en-CA': { 'x.count': '{n, plural, one {# asset} other {# assets}}' },
      },
    ]);
    expect([0, 1, 2, 100_000].map((n) => t('fr-CA', 'x.count', { n }))).toEqual([
      '0 actif',
      '1 actif',
      '2 actifs',
      '100\u00a0000 actifs', // a no-break space, as Quebec writes thousands
    ]);
    expect([0, 1, 100_000].map((n) => t('en-CA', 'x.count', { n }))).toEqual([
      '0 assets',
      '1 asset',
      '100,000 assets',
    ]);
  });

  it('still says something when a caller leaves a value out', () => {
    const t = createTranslator([
      { 'fr-CA': { 'x.y': 'Bonjour {name}' }, 'en-CA': { 'x.y': 'Hello {name}' } },
    ]);
    expect(t('fr-CA', 'x.y')).toBe('Bonjour {name}');
  });
});
