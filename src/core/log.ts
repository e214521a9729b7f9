import pino, { type Logger } from 'pino';

// Every field that may carry a secret is redacted wherever it appears in a log line.
export const redactedPaths = [
  'password',
  'newPassword',
  'currentPassword',
  'code',
  'recoveryCode',
  'token',
  'secret',
  'totpSecret',
  'passwordHash',
  'altcha',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.code',
  '*.recoveryCode',
  '*.token',
  '*.secret',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export type { Logger };

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    { level: options.level, redact: { paths: redactedPaths, censor: '[redacted]' } },
    options.destination,
  );
}
