import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import type { Database } from '../db/database.ts';
import { runInTenantScope } from '../db/tenant-scope.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's service opens and commits its own transaction, all or nothing (an import): the request is not
     * wrapped in another one, so that what the route sends while it works, and its last word, follow that commit
     * rather than precede the request's (src/core/http/progress.ts).
     */
    ownTransaction?: boolean;
  }
}

/**
 * On PostgreSQL, runs each handler of a route that names a permission inside the actor's tenant scope, so that
 * row-level security limits what the request can read and write to the actor's organizations. PGlite runs as
 * its superuser, which policies do not bind, and holds one transaction at a time: nothing to do there.
 */
export function registerTenantScope(app: FastifyInstance, database: Database): void {
  if (database.kind !== 'postgresql') return;
  app.addHook('onRoute', (route) => {
    if (typeof route.config?.access !== 'object') return;
    const handler = route.handler as RouteHandlerMethod;
    const ownTransaction = route.config.ownTransaction === true;
    route.handler = function scopedHandler(request, reply) {
      const actor = request.actor;
      if (!actor) return handler.call(this, request, reply);
      // GET and HEAD only read: their queries need no transaction around them; nor does a route whose service
      // commits its own.
      const mode = request.method === 'GET' || request.method === 'HEAD' || ownTransaction ? 'read' : 'write';
      return runInTenantScope(database, actor.orgIds, async () => handler.call(this, request, reply), mode);
    };
  });
}
