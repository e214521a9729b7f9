import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, catalogsFolder, loadCatalog, loadMapping } from './catalog.loader.ts';

const directive = path.join(catalogsFolder, 'msss-directive.yaml');

function broken(edit: (text: string) => string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-catalog-')), 'broken.yaml');
  fs.writeFileSync(file, edit(fs.readFileSync(directive, 'utf8')));
  return file;
}

function errorOf(file: string): CatalogError {
  try {
    loadCatalog(file);
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('the catalog loaded');
}

describe('the MSSS directive catalog', () => {
  const catalog = loadCatalog(directive);

  it('has the 13 obligations, each with its duties as requirements', () => {
    expect(catalog.obligations.map((o) => o.id)).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
    const ids = (n: string) => catalog.obligations.find((o) => o.id === n)!.requirements.map((r) => r.id);
    expect(ids('2')).toEqual(Array.from({ length: 11 }, (_, i) => `MSSS-2.${i + 1}`));
    expect(ids('1')).toEqual(['MSSS-1.1', 'MSSS-1.2']);
    expect(ids('6')).toHaveLength(6);
  });

  it('states the periodic duties with their period', () => {
    const all = catalog.obligations.flatMap((o) => o.requirements);
    const period = (id: string) => all.find((r) => r.id === id)?.recurrence;
    expect(period('MSSS-6.1')).toBe('P1D');
    expect(period('MSSS-6.3')).toBe('P1Y');
    expect(period('MSSS-7.3')).toBe('P1Y');
  });
});

describe('a broken catalog', () => {
  it('names the line and the field of an unknown evaluation', () => {
    const text = fs.readFileSync(directive, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('evaluation: attestation')) + 1;
    const error = errorOf(broken((t) => t.replace('evaluation: attestation', 'evaluation: declared')));
    expect(error.line).toBe(line);
    // The first requirement evaluated by attestation is MSSS-2.1: obligation 1 is measured by checks.
    expect(error.field).toBe('obligations[1].requirements[0].evaluation');
    expect(error.message).toContain(`broken.yaml:${line} (obligations[1].requirements[0].evaluation)`);
  });

  it('names a missing field by the line of its requirement', () => {
    const error = errorOf(
      broken((t) => t.replace(/ {8}evidence:\n {10}fr: La confirmation[^\n]*\n {10}en: [^\n]*\n/, '')),
    );
    expect(error.field).toBe('obligations[1].requirements[0].evidence');
    expect(error.reason).toMatch(/expected object/);
    expect(error.line).toBeGreaterThan(40);
  });

  it('refuses a duplicate or misnumbered requirement id', () => {
    expect(errorOf(broken((t) => t.replace('id: MSSS-2.4', 'id: MSSS-2.3'))).reason).toBe(
      'duplicate id MSSS-2.3',
    );
    expect(errorOf(broken((t) => t.replace('id: MSSS-3.2', 'id: MSSS-4.9'))).reason).toBe(
      'MSSS-4.9 is not numbered under obligation 3',
    );
  });

  it('names the line of a YAML syntax error', () => {
    const error = errorOf(broken((t) => t.replace('framework:\n', 'framework: [\n')));
    expect(error.line).toBeGreaterThan(0);
    expect(error.field).toBeUndefined();
  });
});

describe('mapping files', () => {
  const catalogs = [directive, 'test/fixtures/catalogs/hygiene-sample.yaml'].map(loadCatalog);
  const mapping = 'test/fixtures/catalogs/msss-to-hygiene-sample.yaml';

  it('relate requirements of two catalogs at their versions', () => {
    expect(
      loadMapping(mapping, catalogs).relations.map((r) => `${r.from} ${r.kind} ${r.to.join(',')}`),
    ).toEqual(['MSSS-1.2 equivalent HYG-1.1', 'MSSS-1.1 related HYG-1.1']);
  });

  it('name the line of a requirement that does not exist, and of a version that does not match', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-mapping-')), 'broken.yaml');
    const text = fs.readFileSync(mapping, 'utf8');
    fs.writeFileSync(
      file,
      text.replace('to: [HYG-1.1]\n    kind: equivalent', 'to: [HYG-9.9]\n    kind: equivalent'),
    );
    expect(() => loadMapping(file, catalogs)).toThrow(
      /broken\.yaml:8 \(relations\[0\]\.to\[0\]\): HYG-9\.9 is not in hygiene-sample/,
    );
    fs.writeFileSync(file, text.replace('version: "2023-11-20"', 'version: "2022-03-07"'));
    expect(() => loadMapping(file, catalogs)).toThrow(
      /broken\.yaml:4 \(mapping\.from\.version\): msss-directive is at version 2023-11-20/,
    );
  });
});
