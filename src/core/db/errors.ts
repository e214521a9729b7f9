// PostgreSQL error codes surface the same way from PGlite and node-postgres (the `code` field), sometimes
// wrapped by Drizzle in a `cause`.
function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return pgCode(error) === '23505';
}

/**
 * Whether a query waited too long for a pooled connection: the server is saturated, not broken. The HTTP layer
 * answers 503 with Retry-After rather than an internal error.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if (e.message === 'timeout exceeded when trying to connect') return true;
  return false;
}
