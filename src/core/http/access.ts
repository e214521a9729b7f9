import type { ScopedActor } from '../auth/actor.ts';
import type { Permission } from '../auth/permissions.ts';
import { createUnauthenticatedError } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';

/**
 * Who may call a route, declared on every route (`config: { access }`); routes without one refuse to start.
 * - public: anyone (sign-in, health, OpenAPI document)
 * - session: a session at any stage of signing in (password change, MFA)
 * - signed_in: a fully signed-in user, whatever the role (API tokens are refused: these routes are a person's own)
 * - a permission: a fully signed-in user, or an API token, whose role holds it
 */
export type RouteAccess = 'public' | 'session' | 'signed_in' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in user, or the integration behind an API token. */
    actor?: ScopedActor;
    locale: Locale;
    t(code: string, params?: Record<string, string | number>): string;
  }
}

/** The signed-in actor of a request whose route declared 'signed_in' or a permission. */
export function requestActor(request: { actor?: ScopedActor | undefined }): ScopedActor {
  if (!request.actor) throw createUnauthenticatedError();
  return request.actor;
}
