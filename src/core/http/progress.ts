import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { type ErrorBody, workFailure } from './errors.ts';
import { responseWriter } from './serializer.ts';

// A long piece of work (an import of 100,000 lines takes most of a minute) that tells the caller how far it is.
// A client that accepts `application/x-ndjson` gets one JSON line per step, {"progress":{"done","total"}}, then
// {"result": …} written from the route's schema (decision 0008), or {"error":{"code","message"}} if the work fails
// once lines have gone out. Until the first step, nothing is sent: a failure before it (a file refused at once)
// is an ordinary error answer, with its status.

export const progressMediaType = 'application/x-ndjson';

export type ReportProgress = (done: number, total: number) => Promise<void>;

export function wantsProgress(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes(progressMediaType);
}

/**
 * Compiled once, with the route: the result is written by the route's schema of its plain answer. The route's work
 * must have committed when it resolves (decision 0013): its last line says it is done.
 */
export function progressAnswer<T>(schema: ZodType<T>) {
  const write = responseWriter(schema);
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    work: (progress: ReportProgress) => Promise<T>,
  ): Promise<T | FastifyReply> => {
    const lines = new PassThrough();
    let streaming = false;
    const progress: ReportProgress = (done, total) => {
      if (!streaming) {
        streaming = true;
        // A proxy that buffers (nginx does by default) would hold the lines back until the end.
        reply.type(progressMediaType).header('cache-control', 'no-store').header('x-accel-buffering', 'no');
        void reply.send(lines);
      }
      lines.write(`${JSON.stringify({ progress: { done, total } })}\n`);
      // One turn of the event loop, so that the line leaves before the work goes on: reading and checking the next
      // batch holds this thread, and the lines would otherwise leave late, in bunches.
      return new Promise<void>((resolve) => setImmediate(resolve));
    };
    let result: T;
    try {
      result = await work(progress);
    } catch (error) {
      if (!streaming) throw error;
      const failure = workFailure(error, request.log);
      const body: ErrorBody = {
        error: { code: failure.code, message: request.t(failure.code, failure.params) },
      };
      lines.end(`${JSON.stringify(body)}\n`);
      return reply;
    }
    if (!streaming) return result;
    lines.end(`{"result":${write(result)}}\n`);
    return reply;
  };
}
