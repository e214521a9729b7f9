import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      trustProxy: false,
      timeZone: 'America/Toronto',
    });
    expect(config.dataDir).toMatch(/vigie-data$/);
  });

  it('names every invalid variable, in the operator’s language', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).issues;
      }
      throw new Error('the configuration was accepted');
    };
    const bad = { PORT: 'eighty', DATABASE_URL: 'mysql://x' };
    expect(problems({ ...bad, LANG: 'en_CA.UTF-8' })).toEqual([
      '  PORT: Invalid input: expected number, received NaN',
      '  DATABASE_URL: Invalid string: must match pattern /^postgres(ql)?:\\/\\//',
    ]);
    expect(problems({ VIGIE_TIME_ZONE: 'Montréal' })).toEqual([
      '  VIGIE_TIME_ZONE: IANA time zone (America/Toronto, Europe/Paris…)',
    ]);
    expect(loadConfig({ VIGIE_TIME_ZONE: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
    // A service's environment names no language: French, as the rest of what the operator reads.
    expect(problems(bad)).toEqual([
      '  PORT: Entrée invalide : nombre attendu, NaN reçu',
      '  DATABASE_URL: Chaîne de caractères invalide : doit correspondre au motif /^postgres(ql)?:\\/\\//',
    ]);
  });
});
