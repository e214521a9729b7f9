import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createEndOfLifeIndex,
  loadEndOfLifeProducts,
  loadShippedSnapshot,
  shippedSnapshotFile,
  snapshotText,
} from './end-of-life.ts';

const snapshot = loadShippedSnapshot();
const { products } = snapshot;
const index = createEndOfLifeIndex(products);

describe('end-of-life data', () => {
  it('reads every shipped product', () => {
    expect(products).toHaveLength(464);
    expect(products.every((p) => p.releases.length > 0)).toBe(true);
    expect(snapshot.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("ships the products as the repository's own files parse, in the text the snapshot script writes", () => {
    // The fixtures are three of the product files the snapshot was made from (test/fixtures/endoflife/NOTICE.md).
    const parsed = loadEndOfLifeProducts('test/fixtures/endoflife/products');
    expect(parsed.map((p) => p.slug)).toEqual(['fortios', 'postgresql', 'windows-server']);
    for (const product of parsed) expect(products.find((p) => p.slug === product.slug)).toEqual(product);
    expect(snapshotText(snapshot)).toBe(fs.readFileSync(shippedSnapshotFile, 'utf8'));
  });

  it('matches names and versions as inventories write them', () => {
    const windows = index.match({ name: 'Windows Server 2008 R2' }, '2026-11-23');
    expect(windows).toMatchObject({
      product: { slug: 'windows-server' },
      release: { cycle: '2008-r2-sp1' },
      status: 'ended',
    });
    const split = index.match({ name: 'Windows Server', version: '2022' }, '2026-11-23');
    expect(split).toMatchObject({ release: { cycle: '2022' }, status: 'supported', eolDate: '2031-10-14' });
    expect(index.match({ name: 'FortiOS 7.2.8' }, '2026-11-23')).toMatchObject({
      release: { cycle: '7.2' },
      status: 'ended',
    });
    expect(index.match({ name: 'FortiOS', version: '7.2.8' }, '2026-05-01')?.status).toBe('ending_soon');
    expect(index.match({ name: 'Ubuntu 22.04' }, '2026-11-23')?.status).toBe('ending_soon');
    expect(index.match({ name: 'Ubuntu 22.04' }, '2027-06-01')?.status).toBe('extended_support');
    expect(index.match({ name: 'Ubuntu 22.04' }, '2026-01-01')?.status).toBe('supported');
  });

  it('matches by CPE, and says nothing rather than guess', () => {
    expect(
      index.match({ cpe: 'cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*' }, '2026-11-23'),
    ).toMatchObject({
      product: { slug: 'fortios' },
      release: { cycle: '7.4' },
      status: 'supported',
    });
    expect(index.match({ name: 'FortiOS 7.20' }, '2026-11-23')).toBeUndefined();
    expect(index.match({ name: 'Perfusion Pump OS 3.1' }, '2026-11-23')).toBeUndefined();
    expect(index.match({ name: 'Windows Server', version: '2008' }, '2026-11-23')).toBeUndefined();
  });
});
