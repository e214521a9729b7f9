import { z } from 'zod';
import { permissions, roleCan, roleRequiresMfa } from '../../core/auth/permissions.ts';
import { requestActor } from '../../core/http/access.ts';
import { idParamsSchema, okSchema } from '../../core/http/schemas.ts';
import type { TypedServer } from '../../core/http/server.ts';
import type { AuthService } from './auth/auth.service.ts';
import { maxPasswordLength } from './auth/passwords.ts';
import { clearSessionCookie, requestInfo, sessionOf, setSessionCookie, signInLimit } from './users.http.ts';
import {
  createUserSchema,
  localeSchema,
  stageSchema,
  toPublicUser,
  toStageReply,
  updateUserSchema,
  userSchema,
} from './users.schemas.ts';
import type { UsersService } from './users.service.ts';

const password = z
  .string()
  .min(1)
  .max(maxPasswordLength * 4);

export function usersRoutes(services: { users: UsersService; auth: AuthService }) {
  const { users, auth } = services;

  return async (app: TypedServer) => {
    app.post('/api/v1/auth/sign-in', {
      config: { access: 'public', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        body: z.strictObject({
          email: z.string().max(254),
          password,
          altcha: z
            .string()
            .max(4096)
            .optional()
            .describe('the ALTCHA payload, when the human check is asked'),
        }),
        response: { 200: stageSchema },
      },
      handler: async (request, reply) => {
        const result = await auth.signIn(request.body, requestInfo(request));
        setSessionCookie(request, reply, result.token);
        return toStageReply(result);
      },
    });

    app.get('/api/v1/auth/human-check', {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], response: { 200: z.unknown() } },
      handler: async () => auth.humanCheckChallenge(),
    });

    app.get('/api/v1/auth/session', {
      config: { access: 'session' },
      schema: { tags: ['auth'], response: { 200: stageSchema } },
      handler: async (request) => {
        const ctx = sessionOf(request);
        return { stage: ctx.session.stage, csrfToken: ctx.session.csrfToken, user: toPublicUser(ctx.user) };
      },
    });

    app.post('/api/v1/auth/password', {
      config: { access: 'session', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        body: z.strictObject({ currentPassword: password.optional(), newPassword: password }),
        response: { 200: stageSchema },
      },
      handler: async (request, reply) => {
        const result = await auth.changePassword(sessionOf(request), request.body, requestInfo(request));
        setSessionCookie(request, reply, result.token);
        return toStageReply(result);
      },
    });

    app.post('/api/v1/auth/reauth', {
      config: { access: 'session', rateLimit: signInLimit },
      schema: { tags: ['auth'], body: z.strictObject({ password }), response: { 200: okSchema } },
      handler: async (request) => {
        await auth.reauthenticate(sessionOf(request), request.body.password, requestInfo(request));
        return { ok: true as const };
      },
    });

    app.post('/api/v1/auth/totp/setup', {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        response: { 200: z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() }) },
      },
      handler: async (request) => auth.startTotpEnrolment(sessionOf(request)),
    });

    app.post('/api/v1/auth/totp/confirm', {
      config: { access: 'session', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        body: z.strictObject({ code: z.string().max(12) }),
        response: { 200: stageSchema.extend({ recoveryCodes: z.array(z.string()) }) },
      },
      handler: async (request, reply) => {
        const result = await auth.confirmTotp(sessionOf(request), request.body.code, requestInfo(request));
        setSessionCookie(request, reply, result.token);
        return { ...toStageReply(result), recoveryCodes: result.recoveryCodes };
      },
    });

    app.post('/api/v1/auth/mfa', {
      config: { access: 'session', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        body: z.strictObject({
          code: z.string().max(12).optional(),
          recoveryCode: z.string().max(40).optional(),
        }),
        response: { 200: stageSchema },
      },
      handler: async (request, reply) => {
        const result = await auth.verifyMfa(sessionOf(request), request.body, requestInfo(request));
        setSessionCookie(request, reply, result.token);
        return toStageReply(result);
      },
    });

    app.post('/api/v1/auth/sign-out', {
      config: { access: 'session' },
      schema: { tags: ['auth'], response: { 200: okSchema } },
      handler: async (request, reply) => {
        await auth.signOut(sessionOf(request), requestInfo(request));
        clearSessionCookie(request, reply);
        return { ok: true as const };
      },
    });

    app.get('/api/v1/me', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['me'],
        response: {
          200: z.object({
            user: userSchema,
            csrfToken: z.string(),
            permissions: z.array(z.enum(permissions)),
            mfaRequired: z.boolean(),
          }),
        },
      },
      handler: async (request) => {
        const ctx = sessionOf(request);
        return {
          user: toPublicUser(ctx.user),
          csrfToken: ctx.session.csrfToken,
          permissions: permissions.filter((p) => roleCan(ctx.user.role, p)),
          mfaRequired: roleRequiresMfa(ctx.user.role),
        };
      },
    });

    app.patch('/api/v1/me/preferences', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['me'],
        body: z.strictObject({
          locale: localeSchema.optional(),
          timeZone: z.string().min(1).max(64).optional(),
        }),
        response: { 200: userSchema },
      },
      handler: async (request) =>
        toPublicUser(await auth.setPreferences(sessionOf(request), request.body, requestInfo(request))),
    });

    app.get('/api/v1/me/sessions', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['me'],
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              current: z.boolean(),
              createdAt: z.date(),
              lastSeenAt: z.date(),
              ip: z.string().nullable(),
              userAgent: z.string().nullable(),
            }),
          ),
        },
      },
      handler: async (request) => auth.listSessions(sessionOf(request)),
    });

    app.delete('/api/v1/me/sessions/:id', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['me'],
        params: z.object({ id: z.string().max(64) }),
        response: { 200: z.object({ revoked: z.boolean() }) },
      },
      handler: async (request) => ({
        revoked: await auth.revokeSession(sessionOf(request), request.params.id, requestInfo(request)),
      }),
    });

    app.get('/api/v1/users', {
      config: { access: { permission: 'users.read' } },
      schema: { tags: ['users'], response: { 200: z.array(userSchema) } },
      handler: async (request) => (await users.list(requestActor(request))).map(toPublicUser),
    });

    app.post('/api/v1/users', {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        body: createUserSchema,
        response: { 201: z.object({ user: userSchema, oneTimePassword: z.string() }) },
      },
      handler: async (request, reply) => {
        const created = await users.create(requestActor(request), request.body);
        reply.status(201);
        return { user: toPublicUser(created.user), oneTimePassword: created.oneTimePassword };
      },
    });

    app.patch('/api/v1/users/:id', {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        params: idParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
      handler: async (request) =>
        toPublicUser(await users.update(requestActor(request), request.params.id, request.body)),
    });

    app.post('/api/v1/users/:id/reset-mfa', {
      config: { access: { permission: 'users.manage' } },
      schema: { tags: ['users'], params: idParamsSchema, response: { 200: userSchema } },
      handler: async (request) =>
        toPublicUser(await users.resetMfa(requestActor(request), request.params.id)),
    });

    app.post('/api/v1/users/:id/reset-password', {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        params: idParamsSchema,
        response: { 200: z.object({ user: userSchema, oneTimePassword: z.string() }) },
      },
      handler: async (request) => {
        const result = await users.resetPassword(requestActor(request), request.params.id);
        return { user: toPublicUser(result.user), oneTimePassword: result.oneTimePassword };
      },
    });
  };
}
