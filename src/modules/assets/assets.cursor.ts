// Where the next page of the inventory list starts (keyset pagination): the sort, its direction, and the last row's
// sort values, name and id, as the database wrote them. Opaque to callers (base64url of JSON), checked on the way
// back in: a cursor is data from outside like any other.
import { z } from 'zod';
import { type AssetSortKey, assetListSortParts, assetSortKeys, type SortPart } from './assets.table.ts';

export type ListCursor = {
  sort: AssetSortKey;
  direction: 'asc' | 'desc';
  /** The row's sort parts as text (`(expr)::text`), cast back to their own type when compared. */
  values: string[];
  name: string;
  id: string;
};

const cursorSchema = z.tuple([
  z.enum(assetSortKeys),
  z.enum(['asc', 'desc']),
  z.array(z.string().max(2000)).max(4),
  z.string().max(2000),
  z.uuid(),
]);

export function encodeCursor(cursor: ListCursor): string {
  const { sort, direction, values, name, id } = cursor;
  return Buffer.from(JSON.stringify([sort, direction, values, name, id])).toString('base64url');
}

/** What each type's text looks like as PostgreSQL writes it (`::text`, ISO dates). */
const valueShapes: Record<SortPart['type'], RegExp> = {
  boolean: /^(true|false)$/,
  integer: /^-?\d{1,9}$/,
  text: /^/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
};

/**
 * The cursor, or undefined when the text is not one this server wrote: its values must be as many as its sort's
 * parts, each of its part's type, so that the database never meets a value it cannot read.
 */
export function decodeCursor(text: string): ListCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    const [sort, direction, values, name, id] = parsed.data;
    const parts = assetListSortParts[sort];
    if (values.length !== parts.length || parts.some((p, i) => !valueShapes[p.type].test(values[i]!)))
      return undefined;
    return { sort, direction, values, name, id };
  } catch {
    return undefined;
  }
}
