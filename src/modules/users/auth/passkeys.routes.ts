import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { TypedServer } from '../../../core/http/server.ts';
import { requestInfo, sessionOf, setSessionCookie, signInLimit } from '../users.http.ts';
import { stageSchema, toStageReply } from '../users.schemas.ts';
import type { PasskeysService } from './passkeys.service.ts';

// WebAuthn ceremonies (registration, sign-in) and the user's own passkeys.
export function passkeysRoutes(passkeys: PasskeysService) {
  return async (app: TypedServer) => {
    const webauthnOptions = z.looseObject({ challenge: z.string() });
    const webauthnResponse = z.looseObject({
      id: z.string().max(1024),
      rawId: z.string().max(1024),
      type: z.literal('public-key'),
      response: z.looseObject({ clientDataJSON: z.string().max(8192) }),
      clientExtensionResults: z.looseObject({}),
    });

    app.post('/api/v1/auth/passkeys/registration-options', {
      config: { access: 'session' },
      schema: { tags: ['auth'], response: { 200: webauthnOptions } },
      handler: async (request) => ({ ...(await passkeys.registrationOptions(sessionOf(request))) }),
    });

    app.post('/api/v1/auth/passkeys/registration', {
      config: { access: 'session', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        body: z.strictObject({ response: webauthnResponse, name: z.string().trim().min(1).max(100) }),
        response: { 200: stageSchema.extend({ recoveryCodes: z.array(z.string()) }) },
      },
      handler: async (request, reply) => {
        const { response, name } = request.body;
        const result = await passkeys.register(
          sessionOf(request),
          { response: response as unknown as RegistrationResponseJSON, name },
          requestInfo(request),
        );
        setSessionCookie(request, reply, result.token);
        return { ...toStageReply(result), recoveryCodes: result.recoveryCodes };
      },
    });

    app.post('/api/v1/auth/passkeys/authentication-options', {
      config: { access: 'session' },
      schema: { tags: ['auth'], response: { 200: webauthnOptions } },
      handler: async (request) => ({ ...(await passkeys.authenticationOptions(sessionOf(request))) }),
    });

    app.post('/api/v1/auth/passkeys/authentication', {
      config: { access: 'session', rateLimit: signInLimit },
      schema: {
        tags: ['auth'],
        body: z.strictObject({ response: webauthnResponse }),
        response: { 200: stageSchema },
      },
      handler: async (request, reply) => {
        const result = await passkeys.authenticate(
          sessionOf(request),
          request.body.response as unknown as AuthenticationResponseJSON,
          requestInfo(request),
        );
        setSessionCookie(request, reply, result.token);
        return toStageReply(result);
      },
    });

    app.get('/api/v1/me/passkeys', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['me'],
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              createdAt: z.date(),
              lastUsedAt: z.date().nullable(),
            }),
          ),
        },
      },
      handler: async (request) => passkeys.list(sessionOf(request)),
    });

    app.delete('/api/v1/me/passkeys/:id', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['me'],
        params: z.object({ id: z.string().max(1024) }),
        response: { 200: z.object({ removed: z.boolean() }) },
      },
      handler: async (request) => ({
        removed: await passkeys.remove(sessionOf(request), request.params.id, requestInfo(request)),
      }),
    });
  };
}
