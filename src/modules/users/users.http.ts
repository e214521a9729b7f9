import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleCan } from '../../core/auth/permissions.ts';
import { createForbiddenError, createUnauthenticatedError, defineError } from '../../core/errors.ts';
import type { RouteAccess } from '../../core/http/access.ts';
import type { AuthService, SessionContext } from './auth/auth.service.ts';
import type { ApiTokensService } from './tokens/api-tokens.service.ts';

// How a browser session rides on HTTP: the cookie, the route access rules and CSRF protection.

declare module 'fastify' {
  interface FastifyRequest {
    sessionContext?: SessionContext;
  }
  interface FastifyInstance {
    /** Every API route with the access it declared: the permission tests walk it. */
    routeAccessTable: { method: string; url: string; access: RouteAccess }[];
  }
}

const plainCookie = 'vigie_session';
// Over TLS the __Host- prefix binds the cookie to this exact host and path, Secure, with no Domain.
const hostCookie = '__Host-vigie_session';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The rate limit of every sign-in step, per source address (besides the failure throttle). */
export const signInLimit = { max: 20, timeWindow: '1 minute' };

function cookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? hostCookie : plainCookie;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(cookieName(request), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(cookieName(request), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });
}

export function requestInfo(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The session of a request that passed the access check of a 'session' route. */
export function sessionOf(request: FastifyRequest): SessionContext {
  if (!request.sessionContext) throw createUnauthenticatedError();
  return request.sessionContext;
}

const createCsrfError = defineError('request.csrf', 403);

/**
 * Resolves the session cookie on every request and enforces each route's declared access. A route under
 * /api without a declared access refuses to register: nothing is public by omission.
 */
export function registerAuthentication(
  app: FastifyInstance,
  auth: AuthService,
  tokens: ApiTokensService,
): void {
  const table: FastifyInstance['routeAccessTable'] = [];
  app.decorate('routeAccessTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  // onRequest: an unauthenticated call is refused before its body is even read.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const bearer = request.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (bearer) {
      // An integration: no cookie, so no CSRF check; only routes that name a permission.
      const actor = await tokens.authenticate(bearer, request.ip);
      if (!actor || typeof access !== 'object') throw createUnauthenticatedError();
      if (!roleCan(actor.role, access.permission))
        throw createForbiddenError({ permission: access.permission });
      request.actor = actor;
      return;
    }
    const token = request.cookies[cookieName(request)];
    const ctx = token ? await auth.resolveSession(token) : undefined;
    if (!ctx) throw createUnauthenticatedError();
    request.sessionContext = ctx;
    request.locale = ctx.user.locale;
    if (unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== ctx.session.csrfToken) {
      throw createCsrfError();
    }
    if (access === 'session') return;
    if (ctx.session.stage !== 'active') throw createUnauthenticatedError();
    // 'signed_in' routes act on the user's own account; only permission routes need the organization scope.
    if (access === 'signed_in') return;
    if (!roleCan(ctx.user.role, access.permission))
      throw createForbiddenError({ permission: access.permission });
    request.actor = await auth.actorOf(ctx, request.ip);
  });
}
