import { z } from 'zod';

export const idParamsSchema = z.object({ id: z.uuid() });

export const okSchema = z.object({ ok: z.literal(true) });
