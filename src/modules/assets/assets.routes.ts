import { z } from 'zod';
import type { Actor } from '../../core/auth/actor.ts';
import { requestActor } from '../../core/http/access.ts';
import { sendJsonText } from '../../core/http/json-text.ts';
import { progressAnswer, wantsProgress } from '../../core/http/progress.ts';
import { idParamsSchema, okSchema } from '../../core/http/schemas.ts';
import type { TypedServer } from '../../core/http/server.ts';
import { withMessages } from './assets.import.ts';
import type { AssetListAnswer } from './assets.repository.ts';
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

/** An asset as a change answers it (the list and the page add the holder's name). */
const assetRowSchema = assetSchema.omit({ holderName: true });

/** The list's answer as JSON, in the order of `assetListSchema`; the rows go in as PostgreSQL wrote them. */
function assetListJson(answer: AssetListAnswer): string {
  const { total, more, next, rows } = answer;
  return `{"total":${total},"more":${more},"next":${JSON.stringify(next)},"rows":[${rows.join(',')}]}`;
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
      // The schema describes the answer (OpenAPI); its rows are JSON that PostgreSQL wrote from the same fields
      // (decision 0012), sent as they are.
      schema: { tags: ['assets'], querystring: assetListQuerySchema, response: { 200: assetListSchema } },
      handler: async (request, reply) =>
        sendJsonText(reply, assetListJson(await assets.list(requestActor(request), request.query))),
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
        response: { 200: assetRowSchema },
      },
      handler: async (request) => assets.update(requestActor(request), request.params.id, request.body),
    });

    /** A workflow step on one asset: its own body, the asset as it stands after. */
    const assetStep = <B extends z.ZodType>(
      path: string,
      body: B,
      step: (actor: Actor, id: string, input: z.infer<B>) => Promise<z.infer<typeof assetRowSchema>>,
    ) =>
      app.post(`/api/v1/assets/:id/${path}`, {
        config: { access: { permission: 'assets.manage' } },
        schema: { tags: ['assets'], params: idParamsSchema, body, response: { 200: assetRowSchema } },
        // The body schema has validated the input; its type is B's.
        handler: async (request) =>
          step(requestActor(request), request.params.id, request.body as z.infer<B>),
      });
    assetStep('review', z.strictObject({}), (actor, id) => assets.review(actor, id));
    assetStep('retirement-plan', retirementPlanSchema, (actor, id, input) =>
      assets.planRetirement(actor, id, input),
    );
    assetStep('retire', retireSchema, (actor, id, input) => assets.retire(actor, id, input));
    assetStep('eol-exception', eolExceptionSchema, (actor, id, input) =>
      assets.approveEolException(actor, id, input),
    );

    const importAnswer = progressAnswer(importReportSchema);
    app.post('/api/v1/assets/import', {
      // The import is one transaction of its own (decision 0006): its answer, streamed or not, follows its commit.
      config: { access: { permission: 'assets.manage' }, ownTransaction: true },
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['assets'],
        description:
          'Imports (or, with dryRun, previews) an inventory file. With `Accept: application/x-ndjson`, the answer ' +
          'is one JSON line per step, {"progress":{"done","total"}} in bytes of the file, then {"result": the report} ' +
          'or {"error":{"code","message"}}.',
        querystring: importQuerySchema,
        response: { 200: importReportSchema },
      },
      handler: async (request, reply) => {
        const { orgId, format, dryRun, fileName } = request.query;
        const file = bufferSource(fileName, request.body as Buffer);
        const run = async (onProgress?: (bytes: number) => Promise<void>) =>
          withMessages(
            await assets.importAssets(requestActor(request), file, { orgId, format, dryRun, onProgress }),
            request.t.bind(request),
          );
        if (!wantsProgress(request)) return run();
        return importAnswer(request, reply, (progress) => run((bytes) => progress(bytes, file.size)));
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
