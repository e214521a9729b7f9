import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';

// The human check of directive obligation 9: a self-hosted ALTCHA proof-of-work, asked after repeated sign-in
// failures. The browser spends a second or two of work; a password-guessing script pays it on every try.

const challengeLifetimeMs = 5 * 60_000;
const algorithm = 'PBKDF2/SHA-256';
const cost = 1_000;

// Loose objects: the signature covers every field of the challenge, so none may be dropped.
const payloadSchema = z.object({
  challenge: z.looseObject({
    parameters: z.looseObject({
      algorithm: z.literal(algorithm),
      nonce: z.string().min(8).max(128),
      salt: z.string().max(256),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string().max(256),
      keySignature: z.string().optional(),
      expiresAt: z.number().optional(),
    }),
    signature: z.string().optional(),
  }),
  solution: z.object({
    counter: z.number().int().min(0),
    derivedKey: z.string().max(256),
    time: z.number().optional(),
  }),
});

export type HumanCheck = {
  challenge(): Promise<unknown>;
  /** True once for a valid, unexpired, signed solution; a replayed one is refused. */
  verify(payload: string | undefined): Promise<boolean>;
};

export function createHumanCheck(deps: {
  /** Vigie's secret key: the HMAC keys are derived from it, so challenges cannot be forged. */
  secretKey: Buffer;
  clock: Clock;
  /** Records a solved challenge; false when it was already used. */
  markUsed(id: string, until: Date): Promise<boolean>;
}): HumanCheck {
  const derive = (label: string) =>
    createHmac('sha256', deps.secretKey).update(`vigie altcha ${label}`).digest('hex');
  const hmacSignatureSecret = derive('signature');
  const hmacKeySignatureSecret = derive('key signature');

  return {
    challenge: () =>
      createChallenge({
        algorithm,
        cost,
        counter: randomInt(1_000, 4_000),
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
        expiresAt: new Date(deps.clock.now().getTime() + challengeLifetimeMs),
      }),

    async verify(raw) {
      if (!raw || raw.length > 4096) return false;
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
      } catch {
        return false;
      }
      const parsed = payloadSchema.safeParse(decoded);
      if (!parsed.success) return false;
      const result = await verifySolution({
        challenge: parsed.data.challenge,
        solution: parsed.data.solution,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      }).catch(() => undefined);
      if (!result?.verified) return false;
      const until = new Date(deps.clock.now().getTime() + challengeLifetimeMs);
      return deps.markUsed(parsed.data.challenge.parameters.nonce, until);
    },
  };
}
