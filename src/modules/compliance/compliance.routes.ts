import { z } from 'zod';
import type { TypedServer } from '../../core/http/server.ts';
import { catalogSchema } from './catalog/catalog.schema.ts';
import type { ComplianceService } from './compliance.service.ts';

export function complianceRoutes(compliance: ComplianceService) {
  return async (app: TypedServer) => {
    app.get('/api/v1/compliance/frameworks/:id', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['compliance'],
        params: z.object({ id: z.string().max(100) }),
        response: { 200: catalogSchema },
      },
      handler: async (request) => compliance.framework(request.params.id),
    });
  };
}
