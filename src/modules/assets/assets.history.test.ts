import { describe, expect, it } from 'vitest';
import { fieldChanges } from './assets.history.ts';
import type { AssetRow } from './assets.repository.ts';

const fields = ['osVersion', 'ips', 'software', 'notes'];
const base: Partial<AssetRow> = {
  osVersion: '22.04',
  ips: ['10.0.0.4', '10.0.0.5'],
  software: [{ name: 'Firefox', version: '115.0', vendor: 'Mozilla' }],
  notes: null,
};

describe('fieldChanges', () => {
  it('finds nothing changed in the same values, whatever the key order or the copies', () => {
    const again: Partial<AssetRow> = {
      osVersion: '22.04',
      ips: ['10.0.0.4', '10.0.0.5'],
      // As PostgreSQL's jsonb gives it back: another key order.
      software: [{ vendor: 'Mozilla', name: 'Firefox', version: '115.0' }],
      notes: undefined as unknown as null,
    };
    expect(fieldChanges(base, again, fields)).toEqual({});
  });

  it('names each field that moved, with its value before and after', () => {
    const next: Partial<AssetRow> = {
      osVersion: '24.04',
      ips: ['10.0.0.5', '10.0.0.4'],
      software: [{ name: 'Firefox', version: '128.0', vendor: 'Mozilla' }],
      notes: 'moved to room 3',
    };
    expect(fieldChanges(base, next, fields)).toEqual({
      osVersion: ['22.04', '24.04'],
      ips: [base.ips, next.ips],
      software: [base.software, next.software],
      notes: [null, 'moved to room 3'],
    });
  });

  it('tells apart entries that differ by a key, a nested value or a date', () => {
    const withCpe = [{ name: 'Firefox', version: '115.0', cpe: 'cpe:2.3:a:mozilla:firefox:115.0' }];
    expect(Object.keys(fieldChanges(base, { ...base, software: withCpe }, fields))).toEqual(['software']);
    const dated = (day: string) => ({ ips: [new Date(day)] }) as unknown as Partial<AssetRow>;
    expect(fieldChanges(dated('2026-01-01'), dated('2026-01-02'), ['ips'])).toHaveProperty('ips');
    expect(fieldChanges(dated('2026-01-01'), dated('2026-01-01'), ['ips'])).toEqual({});
  });
});
