import { z } from 'zod';
import { requestActor } from '../../core/http/access.ts';
import { idParamsSchema } from '../../core/http/schemas.ts';
import type { TypedServer } from '../../core/http/server.ts';
import {
  createOrganizationSchema,
  createPersonSchema,
  organizationSchema,
  personSchema,
} from './orgs.schemas.ts';
import type { OrgsService } from './orgs.service.ts';

export function orgsRoutes(orgs: OrgsService) {
  return async (app: TypedServer) => {
    app.get('/api/v1/orgs', {
      config: { access: { permission: 'orgs.read' } },
      schema: { tags: ['orgs'], response: { 200: z.array(organizationSchema) } },
      handler: async (request) => orgs.list(requestActor(request)),
    });

    app.get('/api/v1/orgs/:id', {
      config: { access: { permission: 'orgs.read' } },
      schema: { tags: ['orgs'], params: idParamsSchema, response: { 200: organizationSchema } },
      handler: async (request) => orgs.get(requestActor(request), request.params.id),
    });

    app.post('/api/v1/orgs', {
      config: { access: { permission: 'orgs.manage' } },
      schema: { tags: ['orgs'], body: createOrganizationSchema, response: { 201: organizationSchema } },
      handler: async (request, reply) => {
        const org = await orgs.create(requestActor(request), request.body);
        reply.status(201);
        return org;
      },
    });

    app.get('/api/v1/people', {
      config: { access: { permission: 'orgs.read' } },
      schema: { tags: ['orgs'], response: { 200: z.array(personSchema) } },
      handler: async (request) => orgs.listPeople(requestActor(request)),
    });

    app.post('/api/v1/people', {
      config: { access: { permission: 'people.manage' } },
      schema: { tags: ['orgs'], body: createPersonSchema, response: { 201: personSchema } },
      handler: async (request, reply) => {
        const person = await orgs.createPerson(requestActor(request), request.body);
        reply.status(201);
        return person;
      },
    });
  };
}
