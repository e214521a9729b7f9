import fastJsonStringify from 'fast-json-stringify';
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

// Responses are written by fast-json-stringify, compiled once per route from the JSON Schema of the route's zod
// response schema (decision 0008): zod's own serializer checks every value of every row and then hands the whole
// answer to JSON.stringify, four times the cost on a page of fifty assets. The compiled writer, like zod, writes
// only the properties the schema names: a column added to a query never leaks into an answer. A schema holding
// something JSON Schema cannot say exactly (a codec or transform, a default, a lazy type, a tuple, a union of
// objects) stays with zod's serializer.

/** The zod types whose JSON Schema says exactly what their output is; dates are written as ISO strings. */
const exact = new Set([
  'object',
  'array',
  'string',
  'number',
  'boolean',
  'null',
  'nullable',
  'optional',
  'enum',
  'literal',
  'date',
  'record',
  'unknown',
  'any',
]);

/** The string formats fast-json-stringify writes by (a Date as ISO text). */
const writtenFormats = new Set(['date-time', 'date', 'time']);

type Route = Parameters<FastifySchemaCompiler<ZodType>>[0];

/** The JSON Schema of a response's output, or undefined when some part of it is not exact. */
export function outputJsonSchema(schema: ZodType): object | undefined {
  let fits = true;
  const jsonSchema = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
    override(ctx) {
      const def = ctx.zodSchema._zod.def;
      if (def.type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
      else if (def.type === 'string') {
        // A writer reads a string's format only to write dates; the others (`starts_with`, `uuid`, `email`…) are
        // checks, which fast-json-stringify's validator would warn about on the server's output as unknown.
        if (typeof ctx.jsonSchema.format === 'string' && !writtenFormats.has(ctx.jsonSchema.format))
          delete ctx.jsonSchema.format;
      } else if (def.type === 'union' && def.options.every((o) => o._zod.def.type === 'string')) {
        // A choice among strings (an IPv4 or an IPv6 address) is written as a string whichever it is.
        for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
        ctx.jsonSchema.type = 'string';
      } else if (!exact.has(def.type)) fits = false;
    },
  });
  return fits ? jsonSchema : undefined;
}

export const responseSerializerCompiler = (route: Route) => {
  const jsonSchema = route.schema instanceof z.ZodType ? outputJsonSchema(route.schema) : undefined;
  if (!jsonSchema) return zodSerializerCompiler(route);
  return fastJsonStringify(jsonSchema as never) as (data: unknown) => string;
};

/** The writer a route answering with this schema compiles, for an answer written before it is sent. */
export function responseWriter(schema: ZodType): (value: unknown) => string {
  return responseSerializerCompiler({ schema, method: 'GET', url: '', httpStatus: '200' }) as (
    value: unknown,
  ) => string;
}
