// Inventory imports (directive obligation 1): a spreadsheet, a GLPI export or an Nmap scan into the inventory.
// Each import runs in one transaction, in batches of a thousand rows written with a few statements each; a dry
// run or any rejected line rolls it all back, so the preview is exactly what the import would do and nothing is
// ever half-written. Names are the natural key: re-importing the same file finds every row unchanged.
import type { SQL } from 'drizzle-orm';
import { type Actor, actorLabel, assertCan, assertOrgInScope } from '../../core/auth/actor.ts';
import { canonicalJson } from '../../core/canonical-json.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db, Tx } from '../../core/db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import type { AssetValues } from './assets.columns.ts';
import { type AssetDueDeps, newAssetDueItemsStatement, syncAssetDueItems } from './assets.due.ts';
import { changeKind, fieldChanges, qualified } from './assets.history.ts';
import { type AssetBatch, type AssetRow, createAssetsRepository, newAsset } from './assets.repository.ts';
import { type FieldProblem, type RecordLine, readAssetCsv } from './importers/csv.reader.ts';
import { type ImportSource, readHead } from './importers/import-source.ts';
import { type NmapHost, readNmapXml } from './importers/nmap.reader.ts';
import type { EndOfLifeIndex } from './obsolescence/end-of-life.ts';

export const importFormats = ['csv', 'glpi', 'nmap'] as const;
export type ImportFormat = (typeof importFormats)[number];

export type ImportAction = 'create' | 'update' | 'unchanged' | 'reject';

export type ImportLine = {
  line: number;
  name: string;
  action: ImportAction;
  /** The fields a create or an update sets. */
  fields?: string[];
  problems?: FieldProblem[];
};

export type ImportReport = {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  /** `applied`: written; `preview`: a dry run, nothing written; `rejected`: lines were refused, nothing written. */
  outcome: 'applied' | 'preview' | 'rejected';
  counts: Record<ImportAction, number>;
  /** Rejected lines first, then creates and updates, up to a cap; `omittedLines` says how many more. */
  lines: ImportLine[];
  omittedLines: number;
  peopleCreated: string[];
  criticalAssetsCreated: string[];
};

export type ImportOptions = {
  orgId: string;
  /** Told from the file's name and first bytes when not given. */
  format?: ImportFormat | undefined;
  dryRun?: boolean;
  /**
   * Called as lines are written: bytes of the file done so far. The import waits for a promise it returns (an HTTP
   * answer lets its line leave before the next batch).
   */
  onProgress?: (bytes: number) => void | Promise<void>;
};

/** Options once the format is known. */
type ResolvedOptions = ImportOptions & { format: ImportFormat };

/**
 * A batch's statements, built before their turn, and the assets it changes (their due items are brought in line
 * after, from those they have then).
 */
type BatchStatements = { statements: SQL[]; updated: AssetRow[] };

/** What a batch's lines found in the database: the assets of their names, and those assets' critical assets. */
type BatchReads = { existing: Map<string, AssetRow>; existingLinks: Map<string, string[]> };

const batchSize = 1000;
const reportedLinesCap = 1000;

class Rollback extends Error {}

export type ImportDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'ensurePeople' | 'scopeOf'>;
  dueItems: AssetDueDeps['dueItems'];
  endOfLife: () => EndOfLifeIndex;
  reviewMonths: number;
};

export function createAssetImporter(deps: ImportDeps) {
  const repository = createAssetsRepository();

  function newReport(source: ImportSource, options: ResolvedOptions): ImportReport {
    return {
      file: source.name,
      format: options.format,
      dryRun: options.dryRun ?? false,
      outcome: 'applied',
      counts: { create: 0, update: 0, unchanged: 0, reject: 0 },
      lines: [],
      omittedLines: 0,
      peopleCreated: [],
      criticalAssetsCreated: [],
    };
  }

  function note(report: ImportReport, line: ImportLine) {
    report.counts[line.action]++;
    if (line.action === 'unchanged') return;
    if (report.lines.length < reportedLinesCap) report.lines.push(line);
    else report.omittedLines++;
  }

  /** Runs `work` in one transaction that is kept only for a real run with no rejected line. */
  async function inImportTransaction(
    actor: Actor,
    source: ImportSource,
    report: ImportReport,
    orgId: string,
    work: (tx: Tx) => Promise<void>,
  ): Promise<ImportReport> {
    try {
      await deps.db.transaction(async (tx) => {
        await work(tx);
        if (report.counts.reject > 0) throw new Rollback();
        if (report.dryRun) throw new Rollback();
        await deps.audit.record(
          actor,
          {
            action: 'assets.import',
            orgId,
            details: { file: source.name, format: report.format, counts: report.counts },
          },
          tx,
        );
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    report.outcome = report.counts.reject > 0 ? 'rejected' : report.dryRun ? 'preview' : 'applied';
    report.lines.sort(
      (a, b) => Number(b.action === 'reject') - Number(a.action === 'reject') || a.line - b.line,
    );
    return report;
  }

  /** A spreadsheet (CSV) or a GLPI export. */
  async function importTable(
    actor: Actor,
    source: ImportSource,
    options: ResolvedOptions,
  ): Promise<ImportReport> {
    const report = newReport(source, options);
    const now = deps.clock.now();
    const by = actorLabel(actor);
    const sourceLabel = `import:${options.format}:${source.name.split(/[\\/]/).pop()}`;
    const people = new Map<string, string>();
    let criticalIds: Map<string, string> | undefined;
    let startedEmpty = false;

    async function holderIds(tx: Tx, owners: string[]) {
      const missing = owners.filter((o) => !people.has(o));
      if (missing.length) {
        const { ids, created } = await deps.orgs.ensurePeople(actor, options.orgId, missing, tx);
        for (const [name, id] of ids) people.set(name, id);
        report.peopleCreated.push(...created);
      }
    }

    async function criticalAssetIds(tx: Tx, names: string[]) {
      criticalIds ??= await repository.criticalAssetsByName(tx, options.orgId);
      // Names compare without case, as people type them: "Urgence" and "urgence" are one critical asset.
      const missing = [
        ...new Map(
          names.filter((n) => !criticalIds!.has(n.toLowerCase())).map((n) => [n.toLowerCase(), n]),
        ).values(),
      ];
      const created = await repository.insertCriticalAssets(tx, options.orgId, missing);
      for (const c of created) criticalIds.set(c.name.toLowerCase(), c.id);
      report.criticalAssetsCreated.push(...created.map((c) => c.name));
    }

    /** What a batch's lines need from the database: their holders and critical assets, and their assets if any. */
    async function readBatch(tx: Tx, valid: RecordLine[]): Promise<BatchReads> {
      await holderIds(tx, [...new Set(valid.flatMap((l) => (l.record.owner ? [l.record.owner] : [])))]);
      await criticalAssetIds(
        tx,
        valid.flatMap((l) => l.record.criticalAssets ?? []),
      );
      // Into an inventory that was empty when the import began, every valid name is new: nothing to look up.
      const existing = new Map(
        startedEmpty
          ? []
          : (
              await repository.findByNames(
                tx,
                options.orgId,
                valid.map((l) => l.record.name),
              )
            ).map((a) => [a.name, a]),
      );
      const existingLinks = await repository.criticalAssetsOf(
        tx,
        [...existing.values()].map((a) => a.id),
      );
      return { existing, existingLinks };
    }

    /** What a batch will write, worked out in the process from its valid lines and what `readBatch` found. */
    function workOut(valid: RecordLine[], { existing, existingLinks }: BatchReads): AssetBatch {
      const writes: AssetBatch = { inserts: [], updates: [], links: [], relinked: [], events: [] };
      for (const { line, record } of valid) {
        const values: Partial<AssetRow> = { ...(record.values as Partial<AssetValues>) };
        if (record.owner !== undefined) values.holderId = record.owner ? people.get(record.owner)! : null;
        const links = record.criticalAssets?.map((n) => criticalIds!.get(n.toLowerCase())!).sort();
        const current = existing.get(record.name);
        if (!current) {
          const row = newAsset({
            ...values,
            orgId: options.orgId,
            name: record.name,
            status: 'in_service',
            reviewedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          writes.inserts.push(row);
          for (const criticalAssetId of links ?? []) writes.links.push({ assetId: row.id, criticalAssetId });
          writes.events.push({
            orgId: options.orgId,
            assetId: row.id,
            at: now,
            kind: 'created',
            actor: by,
            source: sourceLabel,
            // The new row holds the values: the history records the creation, not a copy of them.
            changes: {},
          });
          const fields = Object.keys(values).concat(links?.length ? ['criticalAssets'] : []);
          note(report, { line, name: record.name, action: 'create', fields });
          continue;
        }
        const status = qualified(current.status);
        const changes = fieldChanges(current, { ...values, status }, [...Object.keys(values), 'status']);
        const before = [...(existingLinks.get(current.id) ?? [])].sort();
        if (links && canonicalJson(before) !== canonicalJson(links)) {
          changes.criticalAssets = [before, links];
          writes.relinked.push(current.id);
          writes.links.push(...links.map((criticalAssetId) => ({ assetId: current.id, criticalAssetId })));
        }
        const fields = Object.keys(changes);
        if (fields.length === 0) {
          note(report, { line, name: record.name, action: 'unchanged' });
          continue;
        }
        writes.updates.push({ ...current, ...values, status, reviewedAt: now, updatedAt: now });
        writes.events.push({
          orgId: options.orgId,
          assetId: current.id,
          at: now,
          kind: changeKind(fields),
          actor: by,
          source: sourceLabel,
          changes,
        });
        note(report, { line, name: record.name, action: 'update', fields });
      }
      return writes;
    }

    /** The batch's rejected lines noted; its valid ones returned. */
    function validLines(lines: RecordLine[]): RecordLine[] {
      for (const l of lines)
        if (l.problems.length)
          note(report, { line: l.line, name: l.record.name, action: 'reject', problems: l.problems });
      return lines.filter((l) => l.problems.length === 0);
    }

    /** A batch's statements, JSON and all, built in the process. */
    function statementsOf(writes: AssetBatch): BatchStatements {
      const dueItems = newAssetDueItemsStatement(writes.inserts, deps);
      return {
        statements: [...repository.batchStatements(writes), ...(dueItems ? [dueItems] : [])],
        updated: writes.updates,
      };
    }

    /** A batch's statements, one at a time on the transaction (node-postgres sends one query at a time). */
    async function writeBatch(tx: Tx, { statements, updated }: BatchStatements) {
      for (const statement of statements) await tx.execute(statement);
      await syncAssetDueItems(tx, updated, deps);
    }

    return inImportTransaction(actor, source, report, options.orgId, async (tx) => {
      startedEmpty = !(await repository.hasAssets(tx, options.orgId));
      /*
       * A pipeline of batches on the one transaction, where statements go one at a time: a batch's reads, then the
       * batch before it written while this one is worked out in the process (JSON, history, due items), and the
       * file read on meanwhile. Worked out only once the batch before it was written, its statements' JSON written
       * between them, a batch left the database waiting for about a fifth of the import (decision 0006). Its
       * reads may come before the previous batch's writes: a name is on one valid line of the file only (the
       * reader rejects the others), so a batch writes no asset that the next one reads.
       */
      type WorkedOut = { writes: BatchStatements | undefined; bytes: number };
      let writing: Promise<void> = Promise.resolve();
      let workedOut: WorkedOut | undefined;
      const startWriting = ({ writes, bytes }: WorkedOut) => {
        writing = (writes ? writeBatch(tx, writes) : Promise.resolve()).then(() =>
          options.onProgress?.(bytes),
        );
        // Its failure is met when it is awaited, before the next batch's reads or at the end.
        writing.catch(() => {});
      };
      // The batch before this one: its reads and its working out (the file is read on meanwhile).
      let step: Promise<void> = Promise.resolve();
      const next = async (lines: RecordLine[], bytes: number) => {
        await step;
        step = (async () => {
          const valid = validLines(lines);
          await writing;
          const reads = valid.length ? await readBatch(tx, valid) : undefined;
          if (workedOut) {
            startWriting(workedOut);
            // Its first statement leaves before the process works on this batch.
            await new Promise((resolve) => setImmediate(resolve));
          }
          workedOut = { writes: reads && statementsOf(workOut(valid, reads)), bytes };
        })();
        // Its failure is met when it is awaited, by the next batch or at the end.
        step.catch(() => {});
      };
      let batch: RecordLine[] = [];
      try {
        for await (const line of readAssetCsv(source, options.format === 'glpi' ? 'glpi' : 'csv')) {
          batch.push(line);
          if (batch.length >= batchSize) {
            await next(batch, line.bytes);
            batch = [];
          }
        }
        await next(batch, source.size);
        await step;
        await writing;
        if (workedOut) startWriting(workedOut);
      } finally {
        // No statement may follow the rollback that an error causes: the batch being read or written ends first.
        await step.catch(() => {});
        await writing.catch(() => {});
      }
      await writing;
    });
  }

  /**
   * An Nmap scan: each host found up is matched to an asset by MAC, then IP, then host name, else created as
   * discovered (to be qualified by a person); its open ports are recorded. Its hosts are matched across `orgIds`,
   * the organization and those under it.
   */
  async function importNmap(
    actor: Actor,
    source: ImportSource,
    options: ResolvedOptions,
    orgIds: readonly string[],
  ): Promise<ImportReport> {
    const scan = await readNmapXml(source);
    const report = newReport(source, options);
    const seenAt = scan.scannedAt ?? deps.clock.now();
    const by = actorLabel(actor);
    const sourceLabel = `import:nmap:${source.name.split(/[\\/]/).pop()}`;

    return inImportTransaction(actor, source, report, options.orgId, async (tx) => {
      let done = 0;
      const written: AssetRow[] = [];
      for (const host of scan.hosts) {
        const candidates = await repository.findByAddresses(tx, orgIds, host);
        const match =
          candidates.find((a) => host.macs.some((m) => a.macs.includes(m))) ??
          candidates.find((a) => host.ips.some((ip) => a.ips.includes(ip))) ??
          candidates.find((a) => host.hostnames.some((h) => a.hostnames.includes(h)));
        const { line } = host;
        let assetId: string;
        if (match) {
          assetId = match.id;
          const merged = {
            ips: union(match.ips, host.ips),
            macs: union(match.macs, host.macs),
            hostnames: union(match.hostnames, host.hostnames),
          };
          const changes = fieldChanges(match, merged, ['ips', 'macs', 'hostnames']);
          const newer = !match.lastSeenAt || match.lastSeenAt < seenAt;
          if (Object.keys(changes).length || newer) {
            const updated = {
              ...match,
              ...merged,
              lastSeenAt: newer ? seenAt : match.lastSeenAt,
              updatedAt: deps.clock.now(),
            };
            await repository.updateMany(tx, [updated]);
            written.push(updated);
            await repository.insertEvents(tx, [
              {
                orgId: match.orgId,
                assetId,
                at: seenAt,
                kind: 'seen',
                actor: by,
                source: sourceLabel,
                changes,
              },
            ]);
            note(report, { line, name: match.name, action: 'update', fields: Object.keys(changes) });
          } else {
            note(report, { line, name: match.name, action: 'unchanged' });
          }
        } else {
          const name = await freeName(tx, options.orgId, discoveredName(host));
          const row = newAsset({
            orgId: options.orgId,
            name,
            status: 'discovered',
            ips: host.ips,
            macs: host.macs,
            hostnames: host.hostnames,
            manufacturer: host.vendor,
            notes: host.os ? `Nmap: ${host.os}` : null,
            lastSeenAt: seenAt,
            createdAt: deps.clock.now(),
            updatedAt: deps.clock.now(),
          });
          await repository.insertMany(tx, [row]);
          assetId = row.id;
          written.push(row);
          await repository.insertEvents(tx, [
            {
              orgId: options.orgId,
              assetId,
              at: seenAt,
              kind: 'discovered',
              actor: by,
              source: sourceLabel,
              changes: {},
            },
          ]);
          note(report, { line, name, action: 'create', fields: ['ips', 'macs', 'hostnames'] });
        }
        await repository.upsertServices(
          tx,
          host.ports.filter((p) => p.state === 'open').map((p) => ({ assetId, ...p, lastSeenAt: seenAt })),
        );
        await options.onProgress?.(Math.round((++done / scan.hosts.length) * source.size));
      }
      // The due items of the hosts this scan changed or discovered, from the rows as written.
      await syncAssetDueItems(tx, written, deps);
    });
  }

  async function freeName(tx: Tx, orgId: string, wanted: string): Promise<string> {
    for (let n = 1; ; n++) {
      const name = n === 1 ? wanted : `${wanted} (${n})`;
      if ((await repository.findByNames(tx, orgId, [name])).length === 0) return name;
    }
  }

  return {
    async importAssets(actor: Actor, source: ImportSource, options: ImportOptions): Promise<ImportReport> {
      assertCan(actor, 'assets.manage');
      assertOrgInScope(actor, options.orgId);
      // The organization exists (`orgs.not_found`, not the database refusing its first row); a scan matches its
      // hosts across its sub-organizations too.
      const { orgIds } = await deps.orgs.scopeOf(options.orgId);
      const format = options.format ?? detectFormat(source.name, await readHead(source));
      const resolved = { ...options, format };
      return format === 'nmap'
        ? importNmap(actor, source, resolved, orgIds)
        : importTable(actor, source, resolved);
    },
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function discoveredName(host: NmapHost): string {
  return host.hostnames[0] ?? host.ips[0] ?? host.macs[0] ?? 'unknown host';
}

/** The report with each refused cell's problem in words, in the caller's language. */
export function withMessages(
  report: ImportReport,
  t: (code: string, params?: FieldProblem['params']) => string,
) {
  return {
    ...report,
    lines: report.lines.map((l) => ({
      ...l,
      problems: l.problems?.map((p) => ({ ...p, message: t(p.code, p.params) })),
    })),
  };
}

/** The format of a file from its name and first bytes, when the user did not say. */
function detectFormat(fileName: string, head: Buffer): ImportFormat {
  const text = head.toString('utf8').trimStart();
  if (text.startsWith('<?xml') || text.startsWith('<nmaprun') || /\.xml$/i.test(fileName)) return 'nmap';
  const header = (text.split(/\r?\n/)[0] ?? '').toLowerCase();
  // GLPI's export names the entity and the operating system with a dash: "Operating system - Name".
  if (/(^|[;,])\s*"?entit/.test(header) || header.includes('operating system - name')) return 'glpi';
  return 'csv';
}
