import type { FastifyReply } from 'fastify';

/**
 * Sends an answer whose JSON is already written (the asset list's rows, written by PostgreSQL: decision 0012).
 * Fastify sends a string as it is; the route's schema still describes the answer in the OpenAPI document, and the
 * code that writes the text is tested against it.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
