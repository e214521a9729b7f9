import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Translator } from '../i18n/messages.ts';

/**
 * Serves the built web app and answers unknown addresses: JSON 404 under /api, the app's index.html for
 * any other GET (the app routes in the browser), so a reload on a deep link works.
 */
export async function registerWebApp(app: FastifyInstance, options: { root: string; translate: Translator }) {
  const hasBuild = fs.existsSync(path.join(options.root, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: options.root, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && request.method === 'GET' && hasBuild) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const code = 'request.not_found';
    return reply
      .status(404)
      .send({ error: { code, message: options.translate(request.locale ?? 'fr-CA', code) } });
  });
}
