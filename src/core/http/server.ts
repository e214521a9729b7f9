import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Locale, localeFromAcceptLanguage } from '../i18n/locale.ts';
import type { Translator } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import { registerErrorHandling, validatorCompiler } from './errors.ts';
import { responseSerializerCompiler } from './serializer.ts';
import './access.ts';

export type HttpServer = FastifyInstance;
/** The server as route plugins see it: zod schemas type each handler's input and output. */
export type TypedServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type HttpServerOptions = {
  logger: Logger;
  trustProxy: boolean;
  translate: Translator;
  version: string;
};

/**
 * Whether a request body's schema refuses keys it does not name (`z.strictObject`; a `z.looseObject` says
 * otherwise on purpose). A plain `z.object` drops them without a word, and the rest of the request goes through: a
 * misspelled field ("os_name" for "osName", "expiresAt" for "expiresOn") gave an edit that changed nothing but
 * marked the asset reviewed, or an attestation without its expiry. Checked as each route is added, so that no
 * module can forget it.
 */
function refusesUnknownKeys(schema: unknown): boolean {
  const def = (schema as { _zod?: { def?: { type?: string; catchall?: unknown } } })._zod?.def;
  // Zod keeps no catchall for a plain object (it strips); `never` for a strict one, `unknown` for a loose one.
  return def?.type !== 'object' || def.catchall !== undefined;
}

/** The bare HTTP server: hardening, validation, errors, OpenAPI. Modules add their routes after this. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    // Requests are named in logs by an id, never by their body.
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body;
    if (body && !refusesUnknownKeys(body))
      throw new Error(
        `${route.method} ${route.url}: its body schema must refuse unknown keys (z.strictObject)`,
      );
  });
  app.setSerializerCompiler(responseSerializerCompiler);
  app.decorateRequest('locale', 'fr-CA');
  // A message in the caller's language for a code, for routes that report several problems at once (imports).
  app.decorateRequest(
    't',
    function (this: { locale: Locale }, code: string, params?: Record<string, string | number>) {
      return options.translate(this.locale, code, params);
    },
  );
  app.addHook('onRequest', async (request) => {
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only means something over TLS; the hook below adds it when the request came that way.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  // Limits apply only to routes that opt in (`config.rateLimit`): sign-in and public forms.
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Vigie API', version: options.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vigie_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  registerErrorHandling(app, options.translate);
  return app;
}
