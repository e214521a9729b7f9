import { canonicalJson } from '../../core/canonical-json.ts';
import type { AssetRow } from './assets.repository.ts';
import type { AssetEventKind } from './assets.table.ts';
import type { AssetStatus } from './assets.vocabulary.ts';

// What an asset's history records of a change: which fields moved from what to what, and whether that was an
// upgrade or a major configuration change (the events later modules read to make a scan and a pentest due).

/** Fields whose change is an upgrade or a major configuration change. */
const upgradeFields = new Set(['osVersion', 'firmware', 'software']);
const majorChangeFields = new Set(['osName', 'category', 'hosting', 'internetExposed', 'components']);

export function changeKind(fields: readonly string[]): AssetEventKind {
  if (fields.some((f) => majorChangeFields.has(f))) return 'major_change';
  if (fields.some((f) => upgradeFields.has(f))) return 'upgraded';
  return 'updated';
}

/** Field → [before, after] for each of `fields` whose value differs (arrays and objects compared by content). */
export function fieldChanges(
  before: Partial<AssetRow>,
  after: Partial<AssetRow>,
  fields: readonly string[],
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of fields) {
    const was = before[field as keyof AssetRow] ?? null;
    const is = after[field as keyof AssetRow] ?? null;
    if (!same(was, is)) changes[field] = [was, is];
  }
  return changes;
}

/**
 * Most fields of a re-imported row are the same text, the same list of addresses or the same list of software
 * entries: those are found equal as they are, and only the others are compared by canonical form.
 */
function same(was: unknown, is: unknown): boolean {
  if (was === is) return true;
  if (
    Array.isArray(was) &&
    Array.isArray(is) &&
    was.length === is.length &&
    was.every((v, i) => v === is[i] || sameFlatRecord(v, is[i]))
  )
    return true;
  return canonicalJson(was) === canonicalJson(is);
}

/** Two objects with the same keys holding the very same values (a software entry: name, version, vendor…). */
function sameFlatRecord(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  if (!plain(a) || !plain(b)) return false;
  const keys = Object.keys(a as object);
  return (
    keys.length === Object.keys(b as object).length &&
    keys.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
  );
}

/** A person who completes, confirms or imports a discovered host's record qualifies it: it is then in service. */
export function qualified(status: AssetStatus): AssetStatus {
  return status === 'discovered' ? 'in_service' : status;
}
