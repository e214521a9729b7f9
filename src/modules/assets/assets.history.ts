import { canonicalJson } from '../../core/canonical-json.ts';
import type { AssetRow } from './assets.repository.ts';
import type { AssetEventKind, AssetStatus } from './assets.table.ts';

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
    if (canonicalJson(was) !== canonicalJson(is)) changes[field] = [was, is];
  }
  return changes;
}

/** A person who completes, confirms or imports a discovered host's record qualifies it: it is then in service. */
export function qualified(status: AssetStatus): AssetStatus {
  return status === 'discovered' ? 'in_service' : status;
}
