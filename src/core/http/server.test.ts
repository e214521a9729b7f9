import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTranslator } from '../i18n/messages.ts';
import { createLogger } from '../log.ts';
import { createHttpServer, type TypedServer } from './server.ts';

const translate = createTranslator([
  { 'fr-CA': { 'test.too_many': '{count} de trop' }, 'en-CA': { 'test.too_many': '{count} too many' } },
]);
const server = async () =>
  (await createHttpServer({
    logger: createLogger({ level: 'silent' }),
    trustProxy: false,
    translate,
    version: 'test',
  })) as unknown as TypedServer;

const body = z.strictObject({
  port: z.number().int(),
  name: z.string().superRefine((name, ctx) => {
    if (name.length > 3)
      ctx.addIssue({ code: 'custom', message: 'test.too_many', params: { count: name.length - 3 } });
  }),
});

describe('the HTTP server', () => {
  it('refuses, as its routes are added, a request body that would drop keys it does not know', async () => {
    const app = await server();
    expect(() =>
      app.post('/plain', { schema: { body: z.object({ name: z.string() }) }, handler: async () => ({}) }),
    ).toThrow('POST /plain: its body schema must refuse unknown keys (z.strictObject)');
    app.post('/strict', { schema: { body }, handler: async () => ({}) });
    app.post('/loose', {
      schema: { body: z.looseObject({ response: z.string() }) },
      handler: async () => ({}),
    });
    await app.close();
  });

  it('names in French what a field received, a key it does not know, and a rule’s own message with its values', async () => {
    const app = await server();
    app.post('/strict', { schema: { body }, handler: async () => ({}) });
    const post = async (payload: Record<string, unknown>, language = 'fr-CA') => {
      const r = await app.inject({
        method: 'POST',
        url: '/strict',
        payload,
        headers: { 'accept-language': language },
      });
      expect(r.statusCode).toBe(400);
      return r
        .json()
        .error.details.map((d: { field: string; message: string }) => `${d.field}: ${d.message}`);
    };
    // The French text said "indéfini reçu" (undefined received) of every wrong type before.
    expect(await post({ port: 'huit', name: 5 })).toEqual([
      'body.port: Entrée invalide : nombre attendu, chaîne de caractères reçu',
      'body.name: Entrée invalide : chaîne de caractères attendu, nombre reçu',
    ]);
    expect(await post({ port: 8 })).toEqual([
      'body.name: Entrée invalide : chaîne de caractères attendu, indéfini reçu',
    ]);
    expect(await post({ port: 8, name: 'ab', nom: 'ab' })).toEqual(['body: Clé non reconnue : "nom"']);
    expect(await post({ port: 8, name: 'abcde' })).toEqual(['body.name: 2 de trop']);
    expect(await post({ port: 8, name: 'abcde' }, 'en-CA')).toEqual(['body.name: 2 too many']);
    expect(await post({ port: 'eight', name: 'ab' }, 'en-CA')).toEqual([
      'body.port: Invalid input: expected number, received string',
    ]);
    await app.close();
  });
});
