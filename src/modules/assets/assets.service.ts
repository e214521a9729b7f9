// Inventory (directive obligations 1 and 3): the organization's assets with the directive's fields, their
// history, the end-of-life status of what they run, and their retirement. Owns the assets, critical information
// assets, asset events and discovered services; its checks prove obligations 1 and 3.
import { stringify } from 'csv-stringify/sync';
import {
  type Actor,
  actorLabel,
  assertCan,
  assertOrgInScope,
  orgScope,
  sees,
} from '../../core/auth/actor.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../core/db/database.ts';
import { isUniqueViolation } from '../../core/db/errors.ts';
import { whenCommitted } from '../../core/db/tenant-scope.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DueItemsService } from '../compliance/due-items/due-items.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import { assetColumns, exportRow } from './assets.columns.ts';
import type { ListCursor } from './assets.cursor.ts';
import { syncAssetDueItems } from './assets.due.ts';
import {
  createAssetNameTakenError,
  createAssetNotFoundError,
  createAssetRetiredError,
  createCriticalAssetNotFoundError,
} from './assets.errors.ts';
import { changeKind, fieldChanges, qualified } from './assets.history.ts';
import { createAssetImporter, type ImportOptions } from './assets.import.ts';
import { type AssetListFilter, type AssetRow, createAssetsRepository } from './assets.repository.ts';
import { type AssetFacts, assessAsset, assessmentAt, lifecycleOf, ruleRequirement } from './assets.rules.ts';
import type {
  AssetUpdate,
  CriticalAssetUpdate,
  EolExceptionInput,
  RetireInput,
  RetirementPlanInput,
} from './assets.schemas.ts';
import type { AssetEventKind, AssetSortKey } from './assets.table.ts';
import type { ImportSource } from './importers/import-source.ts';
import type { EndOfLifeIndex } from './obsolescence/end-of-life.ts';

export type AssetsDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'ensurePeople' | 'scopeOf'>;
  dueItems: Pick<DueItemsService, 'sync' | 'openStatement'>;
  endOfLife: () => EndOfLifeIndex;
  /** Takes up end-of-life data imported by another process since this one loaded them. */
  refreshEndOfLife: () => Promise<void>;
  reviewMonths: number;
  /** Told after an import, with the organization whose inventory changed: compliance evaluates before it answers. */
  onChange?: (orgId: string) => Promise<void>;
  /** Told after a person's change to one asset: compliance evaluates in the background, so the edit answers at once. */
  onRecordChange?: (orgId: string) => void;
};

/** From this many rows written, an import is followed by a VACUUM ANALYZE of the inventory. */
const largeImport = 1000;

export type AssetListQuery = Omit<AssetListFilter, 'orgIds'> & {
  orgId?: string | undefined;
  sort: AssetSortKey;
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
  after?: ListCursor | undefined;
};

export function createAssetsService(deps: AssetsDeps) {
  const repository = createAssetsRepository();
  const importer = createAssetImporter(deps);

  async function getInScope(actor: Actor, id: string): Promise<AssetRow> {
    const asset = await repository.findById(deps.db, id);
    if (!asset || !sees(actor, asset.orgId)) throw createAssetNotFoundError({ id });
    return asset;
  }

  /** An asset a person may still change: in the actor's organizations and not retired. */
  async function activeInScope(actor: Actor, id: string): Promise<AssetRow> {
    assertCan(actor, 'assets.manage');
    const asset = await getInScope(actor, id);
    if (asset.status === 'retired') throw createAssetRetiredError({ name: asset.name });
    return asset;
  }

  /** Writes a change to one asset with its history entry and its journal entry, in one transaction. */
  async function change(
    actor: Actor,
    asset: AssetRow,
    next: AssetRow,
    kind: AssetEventKind | undefined,
    auditAction: string,
  ): Promise<AssetRow> {
    const changes = fieldChanges(
      asset,
      next,
      Object.keys(next).filter((key) => key !== 'updatedAt' && key !== 'reviewedAt'),
    );
    const eventKind = kind ?? changeKind(Object.keys(changes));
    const now = deps.clock.now();
    try {
      await deps.db.transaction(async (tx) => {
        await repository.updateMany(tx, [{ ...next, updatedAt: now }]);
        await syncAssetDueItems(tx, [next], { ...deps, clock: { ...deps.clock, now: () => now } });
        await repository.insertEvents(tx, [
          {
            orgId: asset.orgId,
            assetId: asset.id,
            at: now,
            kind: eventKind,
            actor: actorLabel(actor),
            source: 'web',
            changes,
          },
        ]);
        await deps.audit.record(
          actor,
          {
            action: auditAction,
            orgId: asset.orgId,
            target: { type: 'asset', id: asset.id },
            details: { name: next.name, fields: Object.keys(changes) },
          },
          tx,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw createAssetNameTakenError({ name: next.name });
      throw error;
    }
    deps.onRecordChange?.(asset.orgId);
    return { ...next, updatedAt: now };
  }

  return {
    /** A page of the inventory: the actor's organizations, or one of them and those below it (`orgId`). */
    async list(actor: Actor, query: AssetListQuery) {
      assertCan(actor, 'assets.read');
      const { sort, direction, limit, offset, after, orgId, ...filter } = query;
      if (orgId) assertOrgInScope(actor, orgId);
      const orgIds = orgId ? (await deps.orgs.scopeOf(orgId)).orgIds : orgScope(actor);
      return repository.list(deps.db, { ...filter, orgIds }, { sort, direction, limit, offset, after });
    },

    /** One asset with everything its page shows: software lifecycle, history, services, and what it fails. */
    async get(actor: Actor, id: string) {
      assertCan(actor, 'assets.read');
      const asset = await getInScope(actor, id);
      await deps.refreshEndOfLife();
      // One after the other: a request's queries share one connection (decision 0007).
      const events = await repository.eventsOf(deps.db, id);
      const services = await repository.servicesOf(deps.db, id);
      const criticalAssets = await repository.criticalAssetNamesOf(deps.db, id);
      const holder = asset.holderId ? await repository.personName(deps.db, asset.holderId) : null;
      const on = assessmentAt(deps.clock, deps.clock.now(), deps.reviewMonths, deps.endOfLife());
      const facts: AssetFacts = { ...asset, hasCriticalAssets: criticalAssets.length > 0 };
      const lifecycle = lifecycleOf(asset, on.endOfLife, on.today);
      const problems = assessAsset(facts, on).flatMap((a) =>
        a.problem ? [{ requirementId: ruleRequirement[a.rule], reason: a.problem }] : [],
      );
      return {
        asset: { ...asset, holderName: holder, criticalAssets: criticalAssets.map((c) => c.name) },
        criticalAssets,
        lifecycle: lifecycle.map((e) => ({
          of: e.of,
          product: e.match.product.title,
          cycle: e.match.release.label,
          status: e.match.status,
          eolDate: e.match.eolDate ?? null,
        })),
        events,
        services,
        problems,
      };
    },

    async importAssets(actor: Actor, source: ImportSource, options: ImportOptions) {
      await deps.refreshEndOfLife();
      const report = await importer.importAssets(actor, source, options);
      const written = report.outcome === 'applied' ? report.counts.create + report.counts.update : 0;
      if (written >= largeImport) await whenCommitted(() => repository.tidy(deps.db));
      if (written > 0) await deps.onChange?.(options.orgId);
      return report;
    },

    async update(actor: Actor, id: string, input: AssetUpdate) {
      const asset = await activeInScope(actor, id);
      const next: AssetRow = {
        ...asset,
        ...input,
        status: qualified(asset.status),
        reviewedAt: deps.clock.now(),
      };
      return change(actor, asset, next, undefined, 'assets.update');
    },

    /** A person confirms the record is right as it stands (MSSS-1.1: reviewed within the period). */
    async review(actor: Actor, id: string) {
      const asset = await activeInScope(actor, id);
      return change(
        actor,
        asset,
        { ...asset, status: qualified(asset.status), reviewedAt: deps.clock.now() },
        'reviewed',
        'assets.review',
      );
    },

    async planRetirement(actor: Actor, id: string, input: RetirementPlanInput) {
      const asset = await activeInScope(actor, id);
      return change(
        actor,
        asset,
        { ...asset, retirementPlannedOn: input.targetDate },
        'retirement_planned',
        'assets.plan_retirement',
      );
    },

    async retire(actor: Actor, id: string, input: RetireInput) {
      const asset = await activeInScope(actor, id);
      return change(
        actor,
        asset,
        {
          ...asset,
          status: 'retired',
          retiredOn: input.retiredOn,
          retirementReason: input.reason,
          dataWiped: input.dataWiped,
        },
        'retired',
        'assets.retire',
      );
    },

    /** An approved exception to running an ended version (MSSS-3.1): who approved, why, until when. */
    async approveEolException(actor: Actor, id: string, input: EolExceptionInput) {
      const asset = await activeInScope(actor, id);
      return change(
        actor,
        asset,
        {
          ...asset,
          eolExceptionReason: input.reason,
          eolExceptionApprovedBy: actorLabel(actor),
          eolExceptionExpiresOn: input.expiresOn,
        },
        'exception_approved',
        'assets.approve_eol_exception',
      );
    },

    /**
     * The assets in service in the import's columns, so an exported file re-imports unchanged (discovered hosts
     * wait for a person to qualify them; retired assets are out of the inventory).
     */
    async *exportCsv(actor: Actor, orgId: string): AsyncGenerator<string> {
      assertCan(actor, 'assets.read');
      if (!sees(actor, orgId)) throw createAssetNotFoundError({ id: orgId });
      const { orgIds } = await deps.orgs.scopeOf(orgId);
      let header = true;
      for await (const batch of repository.eachInService(deps.db, orgIds)) {
        yield stringify(
          batch.map((a) => exportRow({ ...a, owner: a.holderName })),
          { header, columns: assetColumns.map((c) => c.key) },
        );
        header = false;
      }
      if (header) yield stringify([], { header, columns: assetColumns.map((c) => c.key) });
      await deps.audit.record(actor, { action: 'assets.export', orgId });
    },

    /** A critical information asset's criticality and description (what its loss would do to patients). */
    async updateCriticalAsset(actor: Actor, id: string, input: CriticalAssetUpdate) {
      assertCan(actor, 'assets.manage');
      const row = await repository.findCriticalAsset(deps.db, id);
      if (!row || !sees(actor, row.orgId)) throw createCriticalAssetNotFoundError({ id });
      await deps.db.transaction(async (tx) => {
        await repository.updateCriticalAsset(tx, id, input);
        await deps.audit.record(
          actor,
          {
            action: 'assets.update_critical_asset',
            orgId: row.orgId,
            target: { type: 'critical_asset', id },
            details: { name: row.name, criticality: input.criticality },
          },
          tx,
        );
      });
    },

    async listCriticalAssets(actor: Actor) {
      assertCan(actor, 'assets.read');
      return repository.listCriticalAssets(deps.db, orgScope(actor));
    },
  };
}

export type AssetsService = ReturnType<typeof createAssetsService>;
