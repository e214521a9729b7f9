import { z } from 'zod';
import { requestActor } from '../../core/http/access.ts';
import { sendJsonText, writtenOnce } from '../../core/http/json-text.ts';
import { idParamsSchema, okSchema } from '../../core/http/schemas.ts';
import type { TypedServer } from '../../core/http/server.ts';
import { catalogSchema } from './catalog/catalog.schema.ts';
import { renderReport, reportFileName } from './compliance.report.ts';
import {
  attestationSchema,
  attestInputSchema,
  complianceStatusSchema,
  dueItemSchema,
  historySchema,
  orgQuerySchema,
} from './compliance.schemas.ts';
import type { ComplianceService } from './compliance.service.ts';

const evidenceBodyLimit = 15 * 1024 * 1024;

export function complianceRoutes(compliance: ComplianceService) {
  const keptStatusJson = writtenOnce(complianceStatusSchema);
  return async (app: TypedServer) => {
    app.get('/api/v1/compliance/frameworks', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['compliance'],
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              version: z.string(),
              title: z.object({ fr: z.string(), en: z.string() }),
            }),
          ),
        },
      },
      handler: async () => compliance.frameworks(),
    });

    app.get('/api/v1/compliance/frameworks/:id', {
      config: { access: 'signed_in' },
      schema: {
        tags: ['compliance'],
        params: z.object({ id: z.string().max(100) }),
        response: { 200: catalogSchema },
      },
      handler: async (request) => compliance.framework(request.params.id),
    });

    app.get('/api/v1/compliance/status', {
      config: { access: { permission: 'compliance.read' } },
      schema: {
        tags: ['compliance'],
        // The dashboard asks for no failing item (counts only); an obligation page for the first hundred of its
        // own requirements only.
        querystring: orgQuerySchema.extend({
          failingLimit: z.coerce.number().int().min(0).max(1000).optional(),
          obligation: z.string().max(20).optional(),
        }),
        response: { 200: z.object({ evaluation: complianceStatusSchema.nullable() }) },
      },
      handler: async (request, reply) => {
        const evaluation = await compliance.status(
          requestActor(request),
          request.query.orgId,
          request.query.framework,
          request.query.failingLimit,
          request.query.obligation,
        );
        // The dashboard's and the obligation pages' views are kept, the same object until the next evaluation:
        // written once, not at every request.
        return sendJsonText(reply, `{"evaluation":${evaluation ? keptStatusJson(evaluation) : 'null'}}`);
      },
    });

    app.post('/api/v1/compliance/evaluate', {
      config: { access: { permission: 'compliance.evaluate' } },
      schema: {
        tags: ['compliance'],
        body: z.strictObject(orgQuerySchema.shape),
        response: { 200: complianceStatusSchema },
      },
      handler: async (request) =>
        compliance.evaluate(requestActor(request), request.body.orgId, {
          frameworkId: request.body.framework,
        }),
    });

    app.get('/api/v1/compliance/history', {
      config: { access: { permission: 'compliance.read' } },
      schema: { tags: ['compliance'], querystring: orgQuerySchema, response: { 200: historySchema } },
      handler: async (request) =>
        compliance.history(requestActor(request), request.query.orgId, request.query.framework),
    });

    app.get('/api/v1/compliance/due-items', {
      config: { access: { permission: 'compliance.read' } },
      schema: {
        tags: ['compliance'],
        querystring: z.object({
          orgId: z.uuid(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .default(false),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: z.array(dueItemSchema) },
      },
      handler: async (request) =>
        compliance.dueItems(requestActor(request), request.query.orgId, {
          overdueOnly: request.query.overdue,
          limit: request.query.limit,
        }),
    });

    app.get('/api/v1/compliance/attestations', {
      config: { access: { permission: 'compliance.read' } },
      schema: {
        tags: ['compliance'],
        querystring: orgQuerySchema.extend({ requirementId: z.string().max(50).optional() }),
        response: { 200: z.array(attestationSchema) },
      },
      handler: async (request) =>
        compliance.attestations(
          requestActor(request),
          request.query.orgId,
          request.query.framework,
          request.query.requirementId,
        ),
    });

    app.post('/api/v1/compliance/attestations', {
      config: { access: { permission: 'compliance.attest' } },
      bodyLimit: evidenceBodyLimit,
      schema: { tags: ['compliance'], body: attestInputSchema, response: { 201: attestationSchema } },
      handler: async (request, reply) => {
        const { evidence, ...input } = request.body;
        const attestation = await compliance.attest(requestActor(request), {
          ...input,
          evidence: evidence && {
            name: evidence.name,
            type: evidence.type,
            content: Buffer.from(evidence.contentBase64, 'base64'),
          },
        });
        reply.status(201);
        return attestation;
      },
    });

    app.post('/api/v1/compliance/attestations/:id/withdraw', {
      config: { access: { permission: 'compliance.attest' } },
      schema: { tags: ['compliance'], params: idParamsSchema, response: { 200: okSchema } },
      handler: async (request) => {
        await compliance.withdrawAttestation(requestActor(request), request.params.id);
        return { ok: true as const };
      },
    });

    app.get('/api/v1/compliance/attestations/:id/evidence', {
      config: { access: { permission: 'compliance.read' } },
      schema: { tags: ['compliance'], params: idParamsSchema },
      handler: async (request, reply) => {
        const file = await compliance.attestationEvidence(requestActor(request), request.params.id);
        reply.header('content-type', 'application/octet-stream');
        // RFC 6266: an ASCII fallback, and the real name (accents included) encoded per RFC 5987.
        const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
        reply.header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        );
        return file.content;
      },
    });

    app.get('/api/v1/compliance/report', {
      config: { access: { permission: 'compliance.read' } },
      schema: {
        tags: ['compliance'],
        querystring: orgQuerySchema.extend({
          format: z.enum(['html', 'pdf', 'json']).default('html'),
          lang: z.enum(['fr', 'en']).optional(),
          // An earlier evaluation (from the history), to produce its report again exactly.
          evaluationId: z.uuid().optional(),
        }),
      },
      handler: async (request, reply) => {
        const { orgId, framework, format } = request.query;
        const lang = request.query.lang ?? (request.locale === 'en-CA' ? 'en' : 'fr');
        const report = await compliance.report(
          requestActor(request),
          orgId,
          framework,
          request.query.evaluationId,
        );
        const rendered = await renderReport(report, format, lang);
        reply.header('content-type', rendered.contentType);
        reply.header('content-disposition', `attachment; filename="${reportFileName(report, format)}"`);
        return rendered.body;
      },
    });
  };
}
