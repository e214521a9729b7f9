import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Catalog, catalogSchema, type Mapping, mappingSchema } from './catalog.schema.ts';

export const catalogsFolder = fileURLToPath(new URL('../../../../catalogs', import.meta.url));

/** A catalog that cannot be used, with the file, line and field at fault. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}${field ? ` (${field})` : ''}: ${reason}`);
    this.name = 'CatalogError';
  }
}

type YamlFile<T> = { data: T; shown: string; lineOf(path: (string | number)[]): number | undefined };

/** Reads and validates one YAML file against a schema; the first problem stops it, named by line and field. */
function loadYaml<T>(file: string, schema: z.ZodType<T>): YamlFile<T> {
  const shown = path.relative(process.cwd(), file) || file;
  const source = fs.readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new CatalogError(shown, line, undefined, syntax.message.split('\n')[0] ?? syntax.code);
  }
  // The line of a field, or of the closest enclosing node that exists (a missing field has no line of its own).
  const lineOf = (keys: (string | number)[]) => {
    for (let depth = keys.length; depth >= 0; depth--) {
      const node = document.getIn(keys.slice(0, depth), true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = schema.safeParse(document.toJS());
  if (parsed.success) return { data: parsed.data, shown, lineOf };
  const issue = parsed.error.issues[0]!;
  const keys = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  throw new CatalogError(shown, lineOf(keys), fieldName(keys), issue.message);
}

function fieldName(keys: (string | number)[]): string | undefined {
  const field = keys
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '');
  return field || undefined;
}

/** Reads and validates one catalog file. */
export function loadCatalog(file: string): Catalog {
  return loadYaml(file, catalogSchema).data;
}

/**
 * Reads a mapping file and checks it against the catalogs: both frameworks, at the versions it names, and every
 * requirement it relates must exist.
 */
export function loadMapping(file: string, catalogs: readonly Catalog[]): Mapping {
  const { data, shown, lineOf } = loadYaml(file, mappingSchema);
  const fail = (keys: (string | number)[], reason: string): never => {
    throw new CatalogError(shown, lineOf(keys), fieldName(keys), reason);
  };
  const catalogOf = (side: 'from' | 'to') => {
    const ref = data.mapping[side];
    const catalog = catalogs.find((c) => c.framework.id === ref.framework);
    if (!catalog) return fail(['mapping', side, 'framework'], `no catalog ${ref.framework}`);
    if (catalog.framework.version !== ref.version)
      fail(
        ['mapping', side, 'version'],
        `${ref.framework} is at version ${catalog.framework.version}, not ${ref.version}`,
      );
    return new Set(catalog.obligations.flatMap((o) => o.requirements.map((r) => r.id)));
  };
  const from = catalogOf('from');
  const to = catalogOf('to');
  data.relations.forEach((relation, i) => {
    if (!from.has(relation.from))
      fail(['relations', i, 'from'], `${relation.from} is not in ${data.mapping.from.framework}`);
    relation.to.forEach((id, j) => {
      if (!to.has(id)) fail(['relations', i, 'to', j], `${id} is not in ${data.mapping.to.framework}`);
    });
  });
  return data;
}
