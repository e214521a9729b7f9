import type { FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import { responseWriter } from './serializer.ts';

/**
 * Sends an answer whose JSON is already written (the asset list's rows, written by PostgreSQL, decision 0012; a
 * kept view written once, below). Fastify sends a string as it is; the route's schema still describes the answer
 * in the OpenAPI document, and the code that writes the text is tested against it.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/**
 * A writer for objects that never change once made and are answered again and again (a stored evaluation's kept
 * views): each is written once, by the writer the route's schema would compile (decision 0008), and its text is
 * kept as long as the object is. An object changed after it was written would be answered as it was: only what is
 * shared as immutable may go through it.
 */
export function writtenOnce<T extends object>(schema: ZodType<T>): (value: T) => string {
  const write = responseWriter(schema);
  const texts = new WeakMap<T, string>();
  return (value) => {
    let text = texts.get(value);
    if (text === undefined) {
      text = write(value);
      texts.set(value, text);
    }
    return text;
  };
}
