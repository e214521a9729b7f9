import path from 'node:path';
import { z } from 'zod';
import { isTimeZone } from '../clock.ts';
import { localeFromEnvironment } from '../i18n/locale.ts';
import { zodFrench } from '../i18n/zod-french.ts';

// The one place that reads the environment (STYLE.md: no process.env elsewhere).
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  VIGIE_DATA_DIR: z.string().min(1).default('./vigie-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .optional(),
  VIGIE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Set when Vigie runs behind a TLS-terminating reverse proxy; enables X-Forwarded-* handling.
  VIGIE_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  VIGIE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  VIGIE_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  VIGIE_ADMIN_EMAIL: z.email().default('admin@vigie.local'),
  // MSSS-1.1: an in-service asset nobody has reviewed for longer than this fails the inventory's currency.
  VIGIE_INVENTORY_REVIEW_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
  // The organization's calendar: what day it is for due dates, attestations in force and exceptions.
  VIGIE_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { message: 'IANA time zone (America/Toronto, Europe/Paris…)' })
    .default('America/Toronto'),
  VIGIE_SECRET_KEY: z.string().min(1).optional(),
  // The address people type in their browser: passkeys are bound to its host name.
  VIGIE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['VIGIE_LOG_LEVEL'];
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  firstAdminEmail: string;
  secretKey: string | undefined;
  inventoryReviewMonths: number;
  /** The IANA time zone whose calendar days count (due dates, attestations, exceptions). */
  timeZone: string;
  /** The origin browsers use (`http://localhost:PORT` by default); WebAuthn's relying party is its host. */
  publicUrl: URL;
};

/** The environment's settings that are wrong, one line each (`  PORT: …`), in the operator's language. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration in the environment:\n${issues.join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Zod's French when the operator reads French, as the rest of the message.
  const french = localeFromEnvironment(env) === 'fr-CA';
  const parsed = envSchema.safeParse(env, french ? { error: zodFrench } : {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(lines);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.VIGIE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.VIGIE_LOG_LEVEL,
    trustProxy: e.VIGIE_TRUST_PROXY,
    session: { idleMinutes: e.VIGIE_SESSION_IDLE_MINUTES, absoluteHours: e.VIGIE_SESSION_ABSOLUTE_HOURS },
    firstAdminEmail: e.VIGIE_ADMIN_EMAIL,
    secretKey: e.VIGIE_SECRET_KEY,
    inventoryReviewMonths: e.VIGIE_INVENTORY_REVIEW_MONTHS,
    timeZone: e.VIGIE_TIME_ZONE,
    publicUrl: new URL(e.VIGIE_PUBLIC_URL ?? `http://localhost:${e.PORT}`),
  };
}
