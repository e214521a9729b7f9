import { generateSecret, generateURI, verify } from 'otplib';

// TOTP per RFC 6238: 30-second steps, 6 digits, SHA-1 (what every authenticator app reads). A code one step
// old is accepted for clock drift; each accepted step is stored so a code works once.
const period = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Vigie', label: account, secret });
}

/** The time step the code belongs to when valid and newer than `afterStep`; undefined otherwise. */
export async function acceptTotp(
  secret: string,
  code: string,
  afterStep: number | null,
  now: Date,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    period,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: [period, 0],
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
