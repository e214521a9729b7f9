import { z } from 'zod';
import { requestActor } from '../../core/http/access.ts';
import type { TypedServer } from '../../core/http/server.ts';
import { auditEntrySchema, auditFilterSchema, auditQuerySchema } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(audit: AuditService) {
  return async (app: TypedServer) => {
    app.get('/api/v1/audit', {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: z.object({ entries: z.array(auditEntrySchema), total: z.number() }) },
      },
      handler: async (request) => {
        const { rows, total } = await audit.list(requestActor(request), request.query);
        return { entries: rows, total };
      },
    });

    app.get('/api/v1/audit/export.csv', {
      config: { access: { permission: 'audit.read' } },
      schema: { tags: ['audit'], querystring: auditFilterSchema },
      handler: async (request, reply) => {
        const csv = await audit.exportCsv(requestActor(request), request.query);
        const day = new Date().toISOString().slice(0, 10);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="vigie-journal-${day}.csv"`);
        // A byte-order mark so that Excel, as used in Quebec and France, reads the accents right.
        return `\uFEFF${csv}`;
      },
    });
  };
}
