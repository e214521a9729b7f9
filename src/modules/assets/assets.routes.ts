import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestActor } from '../../core/http/access.ts';
import { idParamsSchema, okSchema } from '../../core/http/schemas.ts';
import type { TypedServer } from '../../core/http/server.ts';
import { detectFormat, type ImportReport } from './assets.import.ts';
import {
  assetDetailSchema,
  assetListQuerySchema,
  assetListSchema,
  assetSchema,
  assetUpdateSchema,
  criticalAssetSchema,
  criticalAssetUpdateSchema,
  eolExceptionSchema,
  importQuerySchema,
  importReportSchema,
  retirementPlanSchema,
  retireSchema,
} from './assets.schemas.ts';
import type { AssetsService } from './assets.service.ts';
import { bufferSource } from './importers/import-source.ts';

/** Inventory files are larger than API requests: up to 100 MB (a 100,000-asset spreadsheet is about 30 MB). */
const importBodyLimit = 100 * 1024 * 1024;

/** The report with each problem in the caller's language. */
export function translatedReport(report: ImportReport, t: FastifyRequest['t']) {
  return {
    ...report,
    lines: report.lines.map((l) => ({
      ...l,
      problems: l.problems?.map((p) => ({ field: p.field, code: p.code, message: t(p.code, p.params) })),
    })),
  };
}

export function assetsRoutes(assets: AssetsService) {
  return async (app: TypedServer) => {
    app.addContentTypeParser(
      ['text/csv', 'text/xml', 'application/xml', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: importBodyLimit },
      (_request, body, done) => done(null, body),
    );

    app.get('/api/v1/assets', {
      config: { access: { permission: 'assets.read' } },
      schema: { tags: ['assets'], querystring: assetListQuerySchema, response: { 200: assetListSchema } },
      handler: async (request) => assets.list(requestActor(request), request.query),
    });

    app.get('/api/v1/assets/:id', {
      config: { access: { permission: 'assets.read' } },
      schema: { tags: ['assets'], params: idParamsSchema, response: { 200: assetDetailSchema } },
      handler: async (request) => assets.get(requestActor(request), request.params.id),
    });

    app.patch('/api/v1/assets/:id', {
      config: { access: { permission: 'assets.manage' } },
      schema: {
        tags: ['assets'],
        params: idParamsSchema,
        body: assetUpdateSchema,
        response: { 200: assetSchema.omit({ holderName: true }) },
      },
      handler: async (request) => assets.update(requestActor(request), request.params.id, request.body),
    });

    const actions = [
      ['review', z.object({}), (actor, id) => assets.review(actor, id)],
      ['retirement-plan', retirementPlanSchema, (actor, id, body) => assets.planRetirement(actor, id, body)],
      ['retire', retireSchema, (actor, id, body) => assets.retire(actor, id, body)],
      ['eol-exception', eolExceptionSchema, (actor, id, body) => assets.approveEolException(actor, id, body)],
    ] as const satisfies readonly [string, z.ZodType, (...args: never[]) => Promise<unknown>][];
    for (const [path, body, act] of actions) {
      app.post(`/api/v1/assets/:id/${path}`, {
        config: { access: { permission: 'assets.manage' } },
        schema: {
          tags: ['assets'],
          params: idParamsSchema,
          body,
          response: { 200: assetSchema.omit({ holderName: true }) },
        },
        handler: async (request) =>
          (
            act as (
              a: ReturnType<typeof requestActor>,
              id: string,
              b: unknown,
            ) => Promise<z.infer<typeof assetSchema>>
          )(requestActor(request), request.params.id, request.body),
      });
    }

    app.post('/api/v1/assets/import', {
      config: { access: { permission: 'assets.manage' } },
      bodyLimit: importBodyLimit,
      schema: { tags: ['assets'], querystring: importQuerySchema, response: { 200: importReportSchema } },
      handler: async (request) => {
        const content = request.body as Buffer;
        const { orgId, dryRun, fileName } = request.query;
        const format = request.query.format ?? detectFormat(fileName, content.subarray(0, 4096));
        const report = await assets.importAssets(requestActor(request), bufferSource(fileName, content), {
          orgId,
          format,
          dryRun,
        });
        return translatedReport(report, request.t.bind(request));
      },
    });

    app.get('/api/v1/assets/export.csv', {
      config: { access: { permission: 'assets.read' } },
      schema: { tags: ['assets'], querystring: z.object({ orgId: z.uuid() }) },
      handler: async (request, reply) => {
        const parts: string[] = [];
        for await (const part of assets.exportCsv(requestActor(request), request.query.orgId))
          parts.push(part);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', 'attachment; filename="vigie-inventaire.csv"');
        return `\uFEFF${parts.join('')}`;
      },
    });

    app.get('/api/v1/critical-assets', {
      config: { access: { permission: 'assets.read' } },
      schema: { tags: ['assets'], response: { 200: z.array(criticalAssetSchema) } },
      handler: async (request) => assets.listCriticalAssets(requestActor(request)),
    });

    app.patch('/api/v1/critical-assets/:id', {
      config: { access: { permission: 'assets.manage' } },
      schema: {
        tags: ['assets'],
        params: idParamsSchema,
        body: criticalAssetUpdateSchema,
        response: { 200: okSchema },
      },
      handler: async (request) => {
        await assets.updateCriticalAsset(requestActor(request), request.params.id, request.body);
        return { ok: true as const };
      },
    });
  };
}
