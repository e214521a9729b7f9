import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { outputJsonSchema, responseSerializerCompiler } from './serializer.ts';

const route = (schema: z.ZodType) =>
  responseSerializerCompiler({ schema, method: 'GET', url: '/test', httpPart: 'response' }) as (
    data: unknown,
  ) => string;

const rowSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  ips: z.array(z.union([z.ipv4(), z.ipv6()])),
  criticality: z.enum(['high', 'low']).nullable(),
  reviewedAt: z.date().nullable(),
  notes: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});

describe('response serializer', () => {
  const row = {
    id: '0b6e4a53-3b1f-4d4e-9d0e-0d3f5b1c2a10',
    name: 'PERFUSION-04 « salle 3 »\n"quoted"',
    ips: ['10.0.0.4', 'fe80::1'],
    criticality: null,
    reviewedAt: new Date('2026-11-23T10:00:00.000Z'),
    details: { ports: [22, 443], nested: { a: null } },
  };

  it('writes what zod writes for dates, nulls, string choices, optional fields and free-form values', () => {
    const schema = z.object({ total: z.number().int(), rows: z.array(rowSchema) });
    expect(outputJsonSchema(schema)).toBeDefined();
    const written = route(schema)({ total: 1, rows: [row] });
    expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(schema.parse({ total: 1, rows: [row] }))));
    expect(JSON.parse(written).rows[0].reviewedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(written).not.toContain('notes');
  });

  it('never writes a property the schema does not name', () => {
    const written = route(rowSchema)({ ...row, passwordHash: 'secret', tokenHash: 'abc' });
    expect(written).not.toContain('secret');
    expect(Object.keys(JSON.parse(written))).not.toContain('tokenHash');
  });

  it('leaves to zod a schema whose output JSON Schema cannot state, and zod still applies it', () => {
    // A codec turns the value into another type on the way out: a JSON Schema writer would miss it.
    const score = z.codec(z.string(), z.number(), {
      decode: (text) => Number(text),
      encode: (n) => `${Math.round(n * 100)} %`,
    });
    const schema = z.object({ score });
    expect(outputJsonSchema(schema)).toBeUndefined();
    expect(route(schema)({ score: 0.5 })).toBe('{"score":"50 %"}');
  });

  it('refuses an answer missing a required field rather than writing it incomplete', () => {
    const { name: _, ...incomplete } = row;
    expect(() => route(rowSchema)(incomplete)).toThrow(/name/);
  });

  it("writes strings with a checked format (a prefix, an e-mail) without a warning in the server's log", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const schema = z.object({
        software: z
          .array(z.object({ cpe: z.string().startsWith('cpe:').optional(), contact: z.email() }))
          .nullable(),
        at: z.iso.datetime(),
      });
      const value = {
        software: [{ cpe: 'cpe:2.3:o:fortinet:fortios:7.2.8', contact: 'a@b.ca' }],
        at: '2026-12-05T10:00:00Z',
      };
      expect(JSON.parse(route(schema)(value))).toEqual(value);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
