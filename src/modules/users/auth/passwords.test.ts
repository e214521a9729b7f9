import { describe, expect, it } from 'vitest';
import { argon2Options, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('password policy', () => {
  it('asks for length, and nothing about composition', () => {
    expect(passwordProblem('short1!')).toBe('too_short');
    expect(passwordProblem('a'.repeat(129))).toBe('too_long');
    expect(passwordProblem('lowercase words only here')).toBeUndefined();
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('éléphantôme')).toBe('too_short');
    expect(passwordProblem('éléphantôme!')).toBeUndefined();
  });

  it('refuses passwords of the shipped common list, and local favourites, even with digits appended', () => {
    expect(passwordProblem('password1234')).toBe('common');
    expect(passwordProblem('qwertyuiop12')).toBe('common');
    expect(passwordProblem('Motdepasse2024!')).toBe('common');
    expect(passwordProblem('bienvenue12345')).toBe('common');
  });

  it('refuses a password built on the account’s name or e-mail', () => {
    expect(
      passwordProblem('tremblay-2026-ete', ['genevieve.tremblay@cisss.example', 'Geneviève Tremblay']),
    ).toBe('contains_context');
  });
});

describe('password hashing', () => {
  it('uses argon2id with at least 46 MiB and verifies only the right password', async () => {
    expect(argon2Options.algorithm).toBe(2);
    expect(argon2Options.memoryCost).toBeGreaterThanOrEqual(46 * 1024);
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=47104,t=1,p=1\$/);
    expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough passphrasE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
