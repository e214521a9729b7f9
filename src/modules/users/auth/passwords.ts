import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 46 MiB of memory, one pass, one lane (bench/ measures the cost on 2 cores).
export const argon2Options = { algorithm: 2, memoryCost: 47_104, timeCost: 1, parallelism: 1 } as const;

export const minPasswordLength = 12;
export const maxPasswordLength = 128;

const commonPasswords = new Set<string>(dictionary['passwords-common'].map((p: string) => p.toLowerCase()));
// Words a person in a Quebec or French hospital is likely to try; the shipped list is mostly English.
const localWords = [
  'motdepasse',
  'bienvenue',
  'hopital',
  'hôpital',
  'cisss',
  'ciusss',
  'quebec',
  'québec',
  'vigie',
  'sante',
  'santé',
];

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_context';

/** ASVS 5 §6.2: length and a blocklist, no composition rules. `context` holds the e-mail and name. */
export function passwordProblem(
  password: string,
  context: readonly string[] = [],
): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < minPasswordLength) return 'too_short';
  if (length > maxPasswordLength) return 'too_long';
  const lower = password.toLowerCase();
  const withoutDigits = lower.replace(/[\d\W_]+$/u, '');
  if (commonPasswords.has(lower) || commonPasswords.has(withoutDigits)) return 'common';
  if (localWords.some((w) => withoutDigits === w || withoutDigits.replace(/\d+/g, '') === w)) return 'common';
  const contextWords = context
    .flatMap((c) => c.toLowerCase().split(/[@.\s_-]+/))
    .filter((w) => w.length >= 4);
  if (contextWords.some((w) => lower.includes(w))) return 'contains_context';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password never used');
  return decoyHash;
}
