import { z } from 'zod';
import { requestActor } from '../../../core/http/access.ts';
import { idParamsSchema } from '../../../core/http/schemas.ts';
import type { TypedServer } from '../../../core/http/server.ts';
import { apiTokenSchema, createApiTokenSchema, toPublicApiToken } from './api-tokens.schemas.ts';
import type { ApiTokensService } from './api-tokens.service.ts';

export function apiTokensRoutes(tokens: ApiTokensService) {
  return async (app: TypedServer) => {
    app.get('/api/v1/api-tokens', {
      config: { access: { permission: 'tokens.manage' } },
      schema: { tags: ['api tokens'], response: { 200: z.array(apiTokenSchema) } },
      handler: async (request) => (await tokens.list(requestActor(request))).map(toPublicApiToken),
    });

    app.post('/api/v1/api-tokens', {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['api tokens'],
        body: createApiTokenSchema,
        response: { 201: z.object({ token: z.string(), apiToken: apiTokenSchema }) },
      },
      handler: async (request, reply) => {
        const created = await tokens.create(requestActor(request), request.body);
        reply.status(201);
        return { token: created.token, apiToken: toPublicApiToken(created.record) };
      },
    });

    app.delete('/api/v1/api-tokens/:id', {
      config: { access: { permission: 'tokens.manage' } },
      schema: { tags: ['api tokens'], params: idParamsSchema, response: { 200: apiTokenSchema } },
      handler: async (request) =>
        toPublicApiToken(await tokens.revoke(requestActor(request), request.params.id)),
    });
  };
}
