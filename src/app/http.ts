import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { migrationStatus } from '../core/db/migrations.ts';
import { createHttpServer, type HttpServer, type TypedServer } from '../core/http/server.ts';
import { registerTenantScope } from '../core/http/tenant-scope.ts';
import { registerWebApp } from '../core/http/web-app.ts';
import { createTranslator } from '../core/i18n/messages.ts';
import type { Logger } from '../core/log.ts';
import { registerAuthentication } from '../modules/users/users.module.ts';
import type { AppContext } from './context.ts';
import { moduleMessages } from './modules.ts';
import { version } from './version.ts';

const webRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The HTTP server over an open context: the API of every module, health, OpenAPI, and the web app. */
export async function buildHttpApp(ctx: AppContext, logger: Logger): Promise<HttpServer> {
  const translate = createTranslator(moduleMessages);
  const app = await createHttpServer({ logger, trustProxy: ctx.config.trustProxy, translate, version });
  registerAuthentication(app, ctx.services.auth, ctx.services.apiTokens);
  registerTenantScope(app, ctx.database);
  const typed = app as unknown as TypedServer;

  typed.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      response: {
        200: z.object({
          status: z.literal('ok'),
          database: z.enum(['pglite', 'postgresql']),
          migrations: z.enum(['current', 'pending']),
        }),
        503: z.object({
          status: z.literal('unavailable'),
          database: z.enum(['pglite', 'postgresql']),
          reason: z.string(),
        }),
      },
    },
    handler: async (_request, reply) => {
      const database = ctx.database.kind;
      if (!(await ctx.database.ping()))
        return reply.status(503).send({ status: 'unavailable', database, reason: 'database unreachable' });
      const status = await migrationStatus(ctx.database);
      return {
        status: 'ok' as const,
        database,
        migrations: status.current ? ('current' as const) : ('pending' as const),
      };
    },
  });

  typed.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  for (const routes of ctx.routes) await app.register(routes);
  await registerWebApp(app, { root: webRoot, translate });
  return app;
}
