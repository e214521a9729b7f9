import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { type Catalog, catalogSchema } from './catalog.schema.ts';

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

/** Reads and validates one catalog file; the first problem stops it, named by line and field. */
export function loadCatalog(file: string): Catalog {
  const shown = path.relative(process.cwd(), file) || file;
  const source = fs.readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new CatalogError(shown, line, undefined, syntax.message.split('\n')[0] ?? syntax.code);
  }
  const parsed = catalogSchema.safeParse(document.toJS());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const keys = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  // The line of the field, or of the closest enclosing node that exists (a missing field has no line of its own).
  let line: number | undefined;
  for (let depth = keys.length; depth >= 0 && line === undefined; depth--) {
    const node = document.getIn(keys.slice(0, depth), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) line = lineCounter.linePos(node.range[0]).line;
  }
  const field = keys
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '');
  throw new CatalogError(shown, line, field || undefined, issue.message);
}
