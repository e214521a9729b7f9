// Application errors: a stable code, an HTTP-like status, and parameters for the translated message.
// Services throw only these; the HTTP layer and the CLI turn the code into the user's language.
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 428 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: ErrorStatus,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function defineError(code: string, status: ErrorStatus) {
  return (params: Record<string, string | number> = {}) => new AppError(code, status, params);
}

export const createForbiddenError = defineError('auth.forbidden', 403);
export const createUnauthenticatedError = defineError('auth.unauthenticated', 401);
