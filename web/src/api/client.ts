// The one way the web app talks to the API: JSON in and out, the CSRF token on writes, errors as
// ApiError carrying the server's code and its message (already in the user's language).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server's error body (or, in a streamed answer, its error line) as an ApiError. */
function apiErrorOf(
  response: Response,
  payload: { error?: { code?: string; message?: string } } | undefined,
) {
  return new ApiError(
    response.status,
    payload?.error?.code ?? 'network',
    payload?.error?.message ?? response.statusText,
  );
}

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const payload = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
  if (!response.ok) throw apiErrorOf(response, payload);
  if (payload && typeof payload.csrfToken === 'string') setCsrfToken(payload.csrfToken);
  return payload as T;
}

/** How far the server has gone through an upload's work: bytes of the file handled, of its size. */
export type UploadProgress = { done: number; total: number };

/**
 * Sends a file as the request body (an inventory import), with the CSRF token, and answers the server's report.
 * The server tells how far its work has gone, one JSON line per step (src/core/http/progress.ts), and
 * `onProgress` gets each step; a failure before or during the work is thrown as an ApiError.
 */
export async function apiUpload<T>(
  url: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/x-ndjson, application/json',
    'content-type': /\.xml$/i.test(file.name) ? 'application/xml' : 'text/csv',
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, { method: 'POST', headers, credentials: 'same-origin', body: file });
  const type = response.headers.get('content-type') ?? '';
  // An answer in one piece: the work failed before its first step, or finished before it had any to tell.
  if (!type.includes('application/x-ndjson')) {
    const payload = type.includes('application/json') ? await response.json() : undefined;
    if (!response.ok) throw apiErrorOf(response, payload);
    return payload as T;
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const line = JSON.parse(pending.slice(0, end)) as {
        progress?: UploadProgress;
        result?: T;
        error?: { code?: string; message?: string };
      };
      pending = pending.slice(end + 1);
      if (line.progress) onProgress(line.progress);
      else if (line.error) throw apiErrorOf(response, line);
      else if ('result' in line) return line.result as T;
    }
  }
  // The connection closed before the server's last word: whether the work was done is unknown.
  throw apiErrorOf(response, undefined);
}

/** A server type as it arrives over JSON: its dates become text. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends object
    ? { [K in keyof T]: Jsonified<T[K]> }
    : T;

// The roles are the server's own table: the web app cannot list one the server does not know.
import type { Role } from '../../../src/core/auth/permissions.ts';

export type { Role };
export type Locale = 'fr-CA' | 'en-CA';
export type Stage = 'password_change' | 'mfa_enrolment' | 'mfa' | 'active';

export type User = {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  mfaEnabled: boolean;
  mfaMethods: ('totp' | 'passkey')[];
  disabled: boolean;
  locale: Locale;
  timeZone: string;
  createdAt: string;
};

export type StageReply = { stage: Stage; csrfToken: string; user: User };
export type Me = { user: User; csrfToken: string; permissions: string[]; mfaRequired: boolean };
export type Organization = {
  id: string;
  parentId: string | null;
  name: string;
  kind: 'region' | 'establishment' | 'site';
  createdAt: string;
};
