import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { isDatabaseBusy } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Translator } from '../i18n/messages.ts';
import { zodFrench } from '../i18n/zod-french.ts';

/** One problem of a request's form, as Fastify keeps it (`error.validation`): zod's issue, its code as `keyword`. */
type ValidationIssue = {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
};

/**
 * Fastify's validator for the routes' zod schemas. fastify-type-provider-zod's own parses without keeping the input
 * in the issues, so zod's French text, written afterwards in the caller's language, said "undefined received" of
 * every value of the wrong type ("abc" for a number, 5 for a text). The input stays in the issue for that text alone:
 * it is neither answered nor logged.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const issues: ValidationIssue[] = result.error.issues.map(({ code, path, message, ...params }) => ({
      keyword: code,
      instancePath: `/${path.join('/')}`,
      schemaPath: `#/${path.join('/')}/${code}`,
      message,
      params,
    }));
    return { error: issues };
  };

/**
 * A validation issue's message in the caller's language: zod's own for its checks (zod ships the French text); for a
 * schema's own rule (`custom`), its message is a message code of the catalogs, with the rule's params.
 */
function issueMessage(t: Translator, locale: Locale, v: ValidationIssue): string {
  const english = v.message || 'invalid';
  if (v.keyword === 'custom') return t(locale, english, v.params.params as Record<string, string | number>);
  if (locale !== 'fr-CA') return english;
  const french = zodFrench({ ...v.params, code: v.keyword } as unknown as Parameters<typeof zodFrench>[0]);
  return (typeof french === 'string' ? french : french?.message) ?? english;
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/**
 * A failure of the work a request asked for, once its form was accepted: an application error answers its own code;
 * a saturated database, 503 (to retry); anything else is logged and answered as "internal", never shown.
 */
export function workFailure(
  error: unknown,
  log: FastifyBaseLogger,
): { status: number; code: string; params?: Record<string, string | number> } {
  if (isAppError(error)) return { status: error.status, code: error.code, params: error.params };
  if (isDatabaseBusy(error)) {
    log.warn('database pool saturated');
    return { status: 503, code: 'request.busy' };
  }
  log.error({ err: error }, 'unhandled error');
  return { status: 500, code: 'internal' };
}

// Maps every failure to {"error":{"code","message"}} in the caller's language; never a stack trace.
export function registerErrorHandling(app: FastifyInstance, t: Translator): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = request.locale ?? 'fr-CA';
    const send = (
      status: number,
      code: string,
      params: Record<string, string | number> = {},
      details?: unknown,
    ) =>
      reply.status(status).send({
        error: { code, message: t(locale, code, params), ...(details ? { details } : {}) },
      } satisfies ErrorBody);

    if (error.validation) {
      const issues = (error.validation as ValidationIssue[]).map((v) => ({
        field: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: issueMessage(t, locale, v),
      }));
      return send(
        400,
        'request.invalid',
        { details: issues.map((i) => `${i.field}: ${i.message}`).join('; ') },
        issues,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(500, 'internal');
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'request.malformed_json');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'request.too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'request.unsupported_media_type');
    }
    if (error.statusCode === 429) {
      return send(429, 'request.rate_limited', {
        seconds: Math.ceil(Number(reply.getHeader('retry-after') ?? 60)),
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'request.invalid', { details: error.code ?? 'bad request' });
    }
    const failure = workFailure(error, request.log);
    if (failure.status === 503) reply.header('retry-after', '2');
    return send(failure.status, failure.code, failure.params);
  });
}
