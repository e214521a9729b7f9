// Audit journal (directive obligation 8: access and changes are logged). Owns the append-only, hash-chained
// record of every sign-in and every change; verifies the chain; lets auditors browse and export it.
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { type Actor, actorLabel, actorUserId, assertCan, isScoped, orgScope } from '../../core/auth/actor.ts';
import { canonicalJson } from '../../core/canonical-json.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db, Executor } from '../../core/db/database.ts';
import {
  type AuditFilter,
  type AuditRow,
  createAuditRepository,
  type NewAuditRow,
} from './audit.repository.ts';

export const genesisHash = '0'.repeat(64);

export type AuditEvent = {
  action: string;
  outcome?: 'success' | 'failure';
  orgId?: string | null;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  ip?: string | undefined;
};

/** For events with no signed-in actor (a failed sign-in). */
export type AnonymousActor = { kind: 'anonymous'; label: string };

type HashedFields = Omit<NewAuditRow, 'hash' | 'prevHash'>;

export function entryHash(prevHash: string, row: HashedFields): string {
  const payload = canonicalJson([
    row.at.toISOString(),
    row.actorKind,
    row.actorId ?? null,
    row.actorLabel,
    row.orgId ?? null,
    row.action,
    row.outcome,
    row.targetType ?? null,
    row.targetId ?? null,
    row.details,
    row.ip ?? null,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

export type VerifyResult =
  | { intact: true; count: number }
  | { intact: false; count: number; brokenSeq: number; reason: 'hash' | 'link' };

export type AuditQuery = Omit<AuditFilter, 'orgIds' | 'includeUnscoped'> & {
  limit: number;
  beforeSeq?: number | undefined;
};

export function createAuditService(deps: { db: Db; clock: Clock }) {
  const repository = createAuditRepository();

  async function record(actor: Actor | AnonymousActor, event: AuditEvent, executor: Executor = deps.db) {
    const fields: HashedFields = {
      at: deps.clock.now(),
      actorKind: actor.kind,
      actorId: actor.kind === 'anonymous' ? null : actorUserId(actor),
      actorLabel: actor.kind === 'anonymous' ? actor.label : actorLabel(actor),
      orgId: event.orgId ?? (isScoped(actor) ? actor.orgId : null),
      action: event.action,
      outcome: event.outcome ?? 'success',
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      details: event.details ?? {},
      ip: event.ip ?? (isScoped(actor) ? (actor.ip ?? null) : null),
    };
    // A nested transaction is a savepoint: the entry commits or rolls back with the change it records.
    return executor.transaction(async (tx) => {
      const prevHash = (await repository.lastHash(tx)) ?? genesisHash;
      return repository.insert(tx, { ...fields, prevHash, hash: entryHash(prevHash, fields) });
    });
  }

  async function verify(): Promise<VerifyResult> {
    let prev = genesisHash;
    let lastSeq = 0;
    let count = 0;
    for (;;) {
      const batch = await repository.batchAfter(deps.db, lastSeq, 1000);
      if (batch.length === 0) return { intact: true, count };
      for (const row of batch) {
        if (row.prevHash !== prev) return { intact: false, count, brokenSeq: row.seq, reason: 'link' };
        if (entryHash(row.prevHash, row) !== row.hash)
          return { intact: false, count, brokenSeq: row.seq, reason: 'hash' };
        prev = row.hash;
        lastSeq = row.seq;
        count++;
      }
    }
  }

  function filterFor(actor: Actor, query: AuditQuery): AuditFilter {
    assertCan(actor, 'audit.read');
    const orgIds = orgScope(actor);
    // Entries tied to no organization (a failed sign-in for an unknown e-mail) belong to the top of the tree.
    const includeUnscoped = !isScoped(actor) || actor.rootOrg;
    return { ...query, orgIds, includeUnscoped };
  }

  async function list(actor: Actor, query: AuditQuery) {
    return repository.list(deps.db, filterFor(actor, query), {
      limit: query.limit,
      beforeSeq: query.beforeSeq,
    });
  }

  /** The filtered journal as CSV, newest first, capped so one export cannot exhaust the server. */
  async function exportCsv(actor: Actor, query: Omit<AuditQuery, 'limit' | 'beforeSeq'>): Promise<string> {
    const { rows } = await repository.list(deps.db, filterFor(actor, { ...query, limit: 100_000 }), {
      limit: 100_000,
    });
    await record(actor, { action: 'audit.export', details: { rows: rows.length } });
    return stringify(rows.map(toCsvRecord), {
      header: true,
      // A cell starting with = + - @ would run as a formula in Excel: prefixed so it stays text.
      escape_formulas: true,
      columns: [
        'seq',
        'at',
        'actor',
        'actor_kind',
        'org_id',
        'action',
        'outcome',
        'target_type',
        'target_id',
        'ip',
        'details',
        'hash',
      ],
    });
  }

  return { record, verify, list, exportCsv };
}

function toCsvRecord(row: AuditRow) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actorLabel,
    actor_kind: row.actorKind,
    org_id: row.orgId ?? '',
    action: row.action,
    outcome: row.outcome,
    target_type: row.targetType ?? '',
    target_id: row.targetId ?? '',
    ip: row.ip ?? '',
    details: canonicalJson(row.details),
    hash: row.hash,
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
