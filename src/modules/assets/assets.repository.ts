import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  Column,
  desc,
  eq,
  inArray,
  ne,
  type Placeholder,
  type SQL,
  type Subquery,
  sql,
} from 'drizzle-orm';
import { type AnyPgColumn, QueryBuilder } from 'drizzle-orm/pg-core';
import { builtOnce } from '../../core/db/built-once.ts';
import { bulkInsert, bulkUpdate, insertStatement, updateStatement } from '../../core/db/bulk.ts';
import { containsPattern, type Executor, queryRows, textArray, uuidArray } from '../../core/db/database.ts';
import { organizations, people } from '../orgs/orgs.table.ts';
import { encodeCursor, type ListCursor } from './assets.cursor.ts';
import { type AssetFacts, factFields } from './assets.rules.ts';
import {
  type AssetSortKey,
  assetCounts,
  assetCriticalAssets,
  assetEvents,
  assetListSortParts,
  assetServices,
  assets,
  criticalInformationAssets,
  sortedValueIs,
} from './assets.table.ts';
import { type AssetStatus, assetStatuses } from './assets.vocabulary.ts';

export type AssetRow = typeof assets.$inferSelect;
export type AssetEventRow = typeof assetEvents.$inferSelect;
export type NewAssetEvent = typeof assetEvents.$inferInsert;
export type AssetServiceRow = typeof assetServices.$inferSelect;

/** An import batch's rows to write, worked out before any is sent. */
export type AssetBatch = {
  inserts: AssetRow[];
  updates: AssetRow[];
  /** The critical-asset links of new assets and of `relinked` ones, whose old links go. */
  links: { assetId: string; criticalAssetId: string }[];
  relinked: string[];
  events: NewAssetEvent[];
};

/** The columns an asset keeps from its creation: a row written back leaves them as they are. */
const writtenOnce = ['orgId', 'createdAt'];

/** A complete row for a new asset: every column the caller does not give is empty (bulk inserts need them all). */
export function newAsset(
  values: Pick<AssetRow, 'orgId' | 'name' | 'status' | 'createdAt' | 'updatedAt'> & Partial<AssetRow>,
): AssetRow {
  return {
    // Its id is known before it is written: its history, links and due items are built with it, without waiting
    // for its insert to answer.
    id: randomUUID(),
    category: null,
    holderId: null,
    osName: null,
    osVersion: null,
    components: null,
    functions: null,
    hosting: null,
    hostContact: null,
    criticality: null,
    internetExposed: null,
    ips: [],
    macs: [],
    hostnames: [],
    manufacturer: null,
    model: null,
    serial: null,
    firmware: null,
    site: null,
    software: [],
    acquiredOn: null,
    inServiceOn: null,
    notes: null,
    reviewedAt: null,
    lastSeenAt: null,
    retirementPlannedOn: null,
    retiredOn: null,
    retirementReason: null,
    dataWiped: null,
    eolExceptionReason: null,
    eolExceptionApprovedBy: null,
    eolExceptionExpiresOn: null,
    ...values,
  };
}

/**
 * The facts the compliance rules read, selected by raw SQL and mapped by each column's own mapping: drizzle's
 * general row mapping took 40 % of a full evaluation at 100,000 assets.
 */
const factSelection = sql.join(
  factFields.map((f) => sql`${assets[f]} as ${sql.identifier(f)}`),
  sql`, `,
);
/** The columns whose driver value needs mapping (timestamps, JSON); the others keep what the driver gives. */
const factMappings = factFields.flatMap((f) => {
  const column = assets[f] as Column & { mapFromDriverValue(value: unknown): unknown };
  if (column.mapFromDriverValue === Column.prototype.mapFromDriverValue) return [];
  return [[f, (value: unknown) => column.mapFromDriverValue(value)] as const];
});

function factsOf(row: Record<string, unknown>): AssetFacts {
  for (const [field, map] of factMappings) if (row[field] !== null) row[field] = map(row[field]);
  return row as AssetFacts;
}

/** One batch of an organization's facts, after a name (exported for the test that reads its plan). */
export function factsBatch(orgId: string, afterName: string | undefined, batchSize: number): SQL {
  // A scalar sub-query probes the links' index for each row of the batch. Written as EXISTS, PostgreSQL hashes
  // every link of every organization once per batch instead: 30 ms a batch at 100,000 links.
  return sql`select ${factSelection},
      coalesce((select true from ${assetCriticalAssets} l where l.asset_id = ${assets.id} limit 1), false)
        as "hasCriticalAssets"
    from ${assets}
    where ${assets.orgId} = ${orgId} ${afterName === undefined ? sql`` : sql`and ${assets.name} > ${afterName}`}
    order by ${assets.name} limit ${batchSize}`;
}

/** Beyond this many assets, a list says "more than 10,000" rather than counting them all. */
export const countCap = 10_000;

export type AssetListFilter = {
  orgIds: readonly string[] | undefined;
  status?: AssetRow['status'] | 'active' | undefined;
  category?: AssetRow['category'] | undefined;
  criticality?: AssetRow['criticality'] | undefined;
  internetExposed?: boolean | undefined;
  search?: string | undefined;
};

export type AssetListPage = {
  sort: AssetSortKey;
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
  after?: ListCursor | undefined;
};

/**
 * What the text of a list's queries depends on, their values aside: each text is built once per shape (decision
 * 0010). `orgs` is how many organizations the list names (`all`: no filter), `search` how a search applies: through
 * the search's own indexes (`matching`), as the matches' ids (`ids`), or tested on each row (`inRow`).
 */
type ListShape = {
  orgs: number | 'all';
  status: 'active' | AssetStatus | 'any';
  category: boolean;
  criticality: boolean;
  exposed: boolean;
  search: 'none' | 'matching' | 'ids' | 'inRow';
};

/**
 * A page's shape: the list's, its sort, whether it starts after a cursor, whether its count rides along, and how
 * many rows it reads: in the text for a first page or one after a cursor (a prepared statement, see `pageRows`),
 * else `bound` from its values, with its offset.
 */
type PageShape = ListShape & {
  sort: AssetSortKey;
  direction: 'asc' | 'desc';
  after: boolean;
  counted: boolean;
  rows: number | 'bound';
};

/**
 * A row count written into a query's text. Drizzle binds every number it is given, and PostgreSQL estimates a
 * bound LIMIT at a tenth of the table: its generic plan then looks far dearer than the plan made for the values,
 * and is never chosen. The count is an integer checked here, never text from a request.
 */
function rowCount(rows: number): Placeholder {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`not a row count: ${rows}`);
  return sql.raw(String(rows)) as unknown as Placeholder;
}

function shapeOf(filter: AssetListFilter): ListShape {
  return {
    orgs: filter.orgIds ? filter.orgIds.length : 'all',
    status: filter.status ?? 'any',
    category: filter.category !== undefined,
    criticality: filter.criticality !== undefined,
    exposed: filter.internetExposed !== undefined,
    search: filter.search ? 'matching' : 'none',
  };
}

/** The shape of a list's page, its count riding along or not. */
function pageShapeOf(shape: ListShape, page: AssetListPage, counted: boolean): PageShape {
  return {
    ...shape,
    sort: page.sort,
    direction: page.direction,
    after: page.after !== undefined,
    counted,
    // One row more than the page says whether another page follows.
    rows: page.offset === 0 ? page.limit + 1 : 'bound',
  };
}

/** The values of a list's placeholders, whichever of its queries runs (a query ignores those it does not name). */
function valuesOf(filter: AssetListFilter, page: AssetListPage): Record<string, unknown> {
  const values: Record<string, unknown> = {
    category: filter.category,
    criticality: filter.criticality,
    exposed: filter.internetExposed,
    orgs: JSON.stringify(filter.orgIds ?? []),
    ...searchValues(filter.search ?? ''),
    // One row more than the page says whether another page follows.
    limit: page.limit + 1,
    offset: page.offset,
    reach: page.offset + page.limit + 1,
  };
  filter.orgIds?.forEach((id, i) => {
    values[`org${i}`] = id;
  });
  if (page.after) Object.assign(values, cursorValues(page.after));
  return values;
}

/** The organizations' placeholders, org0, org1, …: their number is part of a list's shape. */
const orgsOf = (count: number) => Array.from({ length: count }, (_, i) => sql.placeholder(`org${i}`));

/** The values of `afterCursor`'s placeholders. */
export function cursorValues(cursor: ListCursor): Record<string, unknown> {
  const values: Record<string, unknown> = { afterName: cursor.name, afterId: cursor.id };
  cursor.values.forEach((value, i) => {
    values[`after${i}`] = value;
  });
  return values;
}

/**
 * Rows after a cursor's row, in its sort: (parts…, name, id) compared as one row value, which the sort's index
 * serves. The cursor's values are placeholders (`cursorValues`), each cast to its part's type (a fixed list, never
 * text from the cursor).
 * Each value is a sub-select, which the planner sees as a value known only when the statement runs, in every plan.
 * A plan made for the values estimated the rows left from the comparison's first part (sorted by criticality, "no
 * criticality": false for almost every asset, so one row left after any cursor), looked cheaper than the prepared
 * statement's generic plan, and PostgreSQL planned the page again at each request (1 ms of a 3 ms page at 100,000
 * assets).
 */
export function afterCursor(sort: AssetSortKey, direction: 'asc' | 'desc'): SQL {
  const parts = assetListSortParts[sort];
  const left = sql.join([...parts.map((p) => p.expr), assets.name, assets.id], sql`, `);
  const right = sql.join(
    [
      ...parts.map((p, i) => sql`(select ${sql.placeholder(`after${i}`)}::${sql.raw(p.type)})`),
      sql`(select ${sql.placeholder('afterName')}::text)`,
      sql`(select ${sql.placeholder('afterId')}::uuid)`,
    ],
    sql`, `,
  );
  return direction === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

/** What a list says of its size: the count up to the cap, and whether there are more. */
function capped(counted: number) {
  return { total: Math.min(counted, countCap), more: counted > countCap };
}

/** A row of the inventory list: the columns it shows and filters on, not the whole record. */
export type AssetSummary = Pick<
  AssetRow,
  | 'id'
  | 'orgId'
  | 'name'
  | 'status'
  | 'category'
  | 'criticality'
  | 'internetExposed'
  | 'osName'
  | 'osVersion'
  | 'ips'
  | 'macs'
  | 'hostnames'
  | 'manufacturer'
  | 'model'
  | 'serial'
  | 'site'
  | 'reviewedAt'
  | 'retiredOn'
  | 'updatedAt'
> & { holderName: string | null };

const summaryColumns: Record<keyof AssetSummary, Column> = {
  id: assets.id,
  orgId: assets.orgId,
  name: assets.name,
  status: assets.status,
  category: assets.category,
  criticality: assets.criticality,
  internetExposed: assets.internetExposed,
  holderName: people.fullName,
  osName: assets.osName,
  osVersion: assets.osVersion,
  ips: assets.ips,
  macs: assets.macs,
  hostnames: assets.hostnames,
  manufacturer: assets.manufacturer,
  model: assets.model,
  serial: assets.serial,
  site: assets.site,
  reviewedAt: assets.reviewedAt,
  retiredOn: assets.retiredOn,
  updatedAt: assets.updatedAt,
};

/** Each summary column under its own name, as the page's query selects them before they are written as JSON. */
const summarySelection = Object.fromEntries(
  Object.entries(summaryColumns).map(([key, column]) => [key, sql`${column}`.as(key)]),
);

/** A summary as PostgreSQL wrote it, a JSON object of `AssetSummary`'s fields: sent to the client as it is. */
export type AssetSummaryJson = string & { readonly summaryJson: unique symbol };

/**
 * Timestamps (the summary's columns that drizzle reads as `Date`) written as JavaScript writes them (`toISOString`:
 * UTC, milliseconds, `Z`), as every other answer has them.
 */
const isTimestamp = (column: Column) => column.columnType === 'PgTimestamp';
const isoTimestamp = (value: SQL) =>
  sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A page's rows, each as one JSON text that PostgreSQL writes from the summary's columns (`row_to_json` of exactly
 * those, in their order), with the count and the row's sort values beside it (decision 0012). Reading twenty
 * fields of fifty rows and writing them out again was half of the server's time on a list page; PostgreSQL does it
 * on its own processes, the server's one thread only joins the texts. Written over the page's finished rows (a
 * subquery), so that a page by offset writes no JSON for the rows it skips.
 */
function asJsonRows(page: SQL): SQL {
  const fields = sql.join(
    Object.entries(summaryColumns).map(([key, column]) => {
      const value = sql`p.${sql.identifier(key)}`;
      return sql`${isTimestamp(column) ? isoTimestamp(value) : value} as ${sql.identifier(key)}`;
    }),
    sql`, `,
  );
  return sql`select row_to_json(r)::text as "json", p."counted", p."sortValues"
    from (${page}) p cross join lateral (select ${fields}) r`;
}

/** A page's row as the driver reads it: its JSON, the page's count, and the row's sort values. */
type PageRow = { json: AssetSummaryJson; counted: number | null; sortValues: string[] };

/** A page of the list as the service answers it: `rows` are JSON texts, joined into the answer unparsed. */
export type AssetListAnswer = { total: number; more: boolean; next: string | null; rows: AssetSummaryJson[] };

/**
 * A status written into a query's text, as `rowCount` writes a row count, and for the same reason: bound, it leaves
 * PostgreSQL's generic plan to guess from the status's distinct values alone, and where every asset is in service
 * it estimates `status <> $1` at no row, so the plan made for the values wins at every run and each page is planned
 * again (1.4 of the region list's 4 ms of database time). A status is one of the vocabulary's, checked here, never
 * text from a request.
 */
function statusLiteral(status: AssetStatus): SQL {
  if (!assetStatuses.includes(status)) throw new Error(`not an asset status: ${status}`);
  return sql.raw(`'${status}'`);
}

/** The status filter on either table that has one: `active` is every status but retired. */
function statusIs(column: typeof assets.status | typeof assetCounts.status, status: ListShape['status']) {
  if (status === 'any') return undefined;
  return status === 'active'
    ? sql`${column} <> ${statusLiteral('retired')}`
    : sql`${column} = ${statusLiteral(status)}`;
}

/** How a filter on the category or the criticality is written on a table: `=` unless the table says otherwise. */
type ValueIs = (key: 'category' | 'criticality') => SQL;

/**
 * The list's filters but the search, on either table that has their columns: the assets, or their kept counts.
 * `valueIs` writes the category's and the criticality's (on the assets, as their sort's index reads them).
 */
function facetsOf(
  table: typeof assets | typeof assetCounts,
  shape: ListShape,
  valueIs: ValueIs = (key) => eq(table[key], sql.placeholder(key)),
): (SQL | undefined)[] {
  return [
    shape.orgs === 'all' ? undefined : inArray(table.orgId, orgsOf(shape.orgs)),
    statusIs(table.status, shape.status),
    shape.category ? valueIs('category') : undefined,
    shape.criticality ? valueIs('criticality') : undefined,
    shape.exposed ? eq(table.internetExposed, sql.placeholder('exposed')) : undefined,
  ];
}

/** A filter on the assets' category or criticality, as that sort's index serves it (`sortedValueIs`). */
const sortedFilter: ValueIs = (key) => sortedValueIs(key, sql`${sql.placeholder(key)}::text`);

function whereOf(shape: ListShape): SQL | undefined {
  // The matches were found under the list's filters: their ids are the page's whole condition.
  if (shape.search === 'ids') return sql`${assets.id} = any(${uuidArray(sql.placeholder('ids'))})`;
  return and(
    ...facetsOf(assets, shape, sortedFilter),
    shape.search === 'matching' ? sql`${assets.id} in (${matchingIds(shape)})` : undefined,
    shape.search === 'inRow' ? matchesInRow() : undefined,
  );
}

/** The search's two values as vigie_assets_matching() takes them, bound from `searchValues`. */
const searchArguments = sql`${sql.placeholder('pattern')}, ${sql.placeholder('exact')}`;

/** The statuses a list keeps, as vigie_assets_matching() filters them (NULL: any). */
function statusesOf(status: ListShape['status']): SQL {
  if (status === 'any') return sql`null`;
  const kept = status === 'active' ? assetStatuses.filter((s) => s !== 'retired') : [status];
  return sql`array[${sql.join(kept.map(statusLiteral), sql`, `)}]::text[]`;
}

/**
 * The ids of at most `maxRows` assets (all when undefined) whose name, serial number or model holds the search, or
 * that have it as an exact address or host name, under the list's organizations and status: matched by
 * vigie_assets_matching() (migrations 0013 and 0016, decision 0009), which keeps its own indexes where row-level
 * security lets them serve, and applies the same scope.
 */
function matchingIds(shape: ListShape, maxRows?: number): SQL {
  const orgs = shape.orgs === 'all' ? sql`null` : uuidArray(sql.placeholder('orgs'));
  const most = maxRows === undefined ? sql`null` : rowCount(maxRows);
  return sql`select m.id from vigie_assets_matching(${orgs}, ${statusesOf(shape.status)}, ${searchArguments}, ${most}) as m(id)`;
}

/**
 * The same test as vigie_assets_matching()'s (migration 0015), made on the asset's own row, for a search past the
 * cap. PostgreSQL estimates the inlined `LIKE` at a few rows,
 * and for a few rows it would read every match and sort them (200 ms at 100,000 assets); `coalesce` hides the test
 * from that estimate (one row in two), nearer the truth past the cap (one in ten at least), so the sort's index is
 * walked up to the page's end.
 */
export function matchesInRow(): SQL {
  const text = sql`vigie_asset_search_text(${assets.name}, ${assets.serial}, ${assets.model})`;
  // The pattern folded once for the whole walk (a scalar subquery), as vigie_asset_matches() wants it (migration
  // 0016), not once per row tested.
  const folded = sql`(select vigie_fold(${sql.placeholder('pattern')}))`;
  return sql`coalesce(vigie_asset_matches(${text}, ${assets.ips}, ${assets.hostnames}, ${folded}, ${sql.placeholder('exact')}), false)`;
}

/**
 * What the search box holds, as the search takes it: a LIKE pattern, which the database folds (lower case, no
 * accents: migration 0016) as it folded each asset's text, and an exact address or host name, in lower case.
 */
export function searchValues(search: string): { pattern: string; exact: string } {
  return { pattern: containsPattern(search), exact: search.toLowerCase() };
}

/**
 * How many assets a list's filters keep, as SQL, read off the counts the database keeps per organization, status,
 * category, criticality and exposure (migration 0018): a sum over a few rows, where counting the assets themselves
 * up to the cap took 20–25 ms for a category of 14,000 assets. A search is counted with its matches (`matchRows`).
 */
function countOf(shape: ListShape): SQL {
  if (shape.search !== 'none') throw new Error('a search is counted with its matches');
  return sql`select coalesce(sum(${assetCounts.count}), 0)::int as n from ${assetCounts}
    where ${and(...facetsOf(assetCounts, shape)) ?? sql`true`}`;
}

const builder = new QueryBuilder();

/** A list's count alone (a page past the end has no row to carry it). */
const countRows = builtOnce<ListShape, { n: number }>(countOf);

/**
 * A search's matches under the list's filters, up to one past the cap, as one row: how many, and within the cap
 * their ids as JSON, bound as they come to the page's `ids`, rather than up to 10,001 rows for the server to read
 * and write back. The function alone applies the organizations and the status, and stops at the cap; another
 * filter needs the matches' assets read.
 * A named statement: its own plan is the same whatever the search (the function's call, estimated at a fixed number
 * of rows); the function plans the search itself for each value, inside (migration 0016). Unnamed, it was parsed and
 * planned at each search (0.3 ms of a 1.2 ms search by address).
 */
const matchRows = builtOnce<ListShape, { n: number; ids: string | null }>(
  (shape) => {
    const filtered = shape.category || shape.criticality || shape.exposed;
    const matches = filtered
      ? builder
          .select({ id: assets.id })
          .from(assets)
          .where(whereOf(shape))
          .limit(rowCount(countCap + 1))
          .getSQL()
      : matchingIds(shape, countCap + 1);
    return sql`select count(*)::int as n,
      case when count(*) <= ${rowCount(countCap)} then coalesce(json_agg(m.id), '[]')::text end as ids
    from (${matches}) m`;
  },
  { prepare: () => true },
);

/**
 * A page of the list: its rows in order, one more than the page, each as JSON with its sort values (and the
 * count). The pages a person reads most, the first and those after a cursor, are prepared statements: planned once
 * per connection (parsing and planning took twice as long as running it). A search's page is one of them: its plan
 * cannot depend on the search's value, since it reads the matches' ids (an array built before the condition, which
 * no plan sees into) or tests each row under the estimate `matchesInRow` fixes; prepared, a search by IP address
 * answers 30 % more requests a second under load. An offset's best plan depends on how far it goes: planned at each
 * run.
 */
const pageRows = builtOnce<PageShape, PageRow>((shape) => asJsonRows(pageQuery(shape)), {
  prepare: (shape) => shape.rows !== 'bound',
});

/** The page's rows with the summary's columns, in order. */
function pageQuery(shape: PageShape): SQL {
  const order = shape.direction === 'asc' ? asc : desc;
  const fixed = shape.rows === 'bound' ? undefined : shape.rows;
  const limit = sql.placeholder('limit');
  const offset = sql.placeholder('offset');
  const parts = assetListSortParts[shape.sort];
  // Within one organization a name is unique (assets_org_name_unique): the name ends the order, as the name's own
  // index ends (it holds the id, but not as a key). Ordered by the id too, PostgreSQL sorted that index's rows again
  // by name and id (an incremental sort), which doubled each establishment's read: a fifth of a region's page.
  // Across organizations two may hold the same name: the id ends the order.
  const inOneOrganization = [...parts.map((p) => order(p.expr)), order(assets.name)];
  const inOrder = [...inOneOrganization, order(assets.id)];
  const inItsOrder = shape.orgs === 1 ? inOneOrganization : inOrder;
  const afterRow = shape.after ? afterCursor(shape.sort, shape.direction) : undefined;
  const extras = {
    // `counted`, when asked, rides along as a subquery PostgreSQL computes once: one round trip.
    counted: sql`(${shape.counted ? countOf(shape) : sql`null`})::int`.as('counted'),
    sortValues: sql`array[${sql.join(
      parts.map((p) => sql`(${p.expr})::text`),
      sql`, `,
    )}]::text[]`.as('sortValues'),
  };
  // What a page's rows are chosen by: their ids and sort values, all that the sort's index holds.
  const keys = {
    id: assets.id,
    name: assets.name,
    ...Object.fromEntries(parts.map((p, i) => [`part${i}`, sql`${p.expr}`.as(`part${i}`)])),
  };
  const partsOf = (source: Record<string, unknown>) =>
    parts.map((_, i) => order(sql`${source[`part${i}`] as SQL.Aliased}`));
  /** The chosen rows read whole, with their holder, in the page's order. */
  const wholeRows = (chosen: Subquery & { id: AnyPgColumn; name: AnyPgColumn }) =>
    builder
      .select({ ...summarySelection, ...extras })
      .from(chosen)
      .innerJoin(assets, eq(assets.id, chosen.id))
      .leftJoin(people, eq(people.id, assets.holderId))
      .orderBy(...partsOf(chosen as unknown as Record<string, unknown>), order(chosen.name), order(chosen.id))
      .getSQL();
  if (
    typeof shape.orgs === 'number' &&
    shape.orgs > 1 &&
    (shape.search === 'none' || shape.search === 'inRow')
  ) {
    /*
     * A page over several organizations (a region and its establishments): each one's index is read in order up
     * to the page's end, and only those rows are merged, where `org_id in (…)` would sort every asset of them all
     * (a search past the cap, tested on each row, tested them all: 250–380 ms at 100,000 assets over ten
     * establishments). The merge carries keys only; the page's own rows alone are then read whole (three times
     * less work than merging whole rows, at ten establishments). A search's matches by id are few: sorted alone.
     */
    const each = builder
      .select(keys)
      .from(assets)
      .where(and(eq(assets.orgId, organizations.id), whereOf({ ...shape, orgs: 'all' }), afterRow))
      .orderBy(...inOneOrganization)
      .limit(fixed ? rowCount(fixed) : sql.placeholder('reach'))
      .as('each_org');
    const eachFields = each as unknown as Record<string, unknown>;
    const mergedRows = builder
      .select({
        id: each.id,
        name: each.name,
        ...Object.fromEntries(parts.map((_, i) => [`part${i}`, eachFields[`part${i}`] as SQL.Aliased])),
      })
      .from(organizations)
      .crossJoinLateral(each)
      .where(inArray(organizations.id, orgsOf(shape.orgs)))
      .orderBy(...partsOf(eachFields), order(each.name), order(each.id));
    return wholeRows(
      (fixed ? mergedRows.limit(rowCount(fixed)) : mergedRows.limit(limit).offset(offset)).as('page_rows'),
    );
  }
  if (!fixed) {
    // A page by offset: the rows it skips are read as keys only, and only the page's rows whole, with their
    // holder (at 9,950 rows skipped, 17 ms → 6–9 ms).
    return wholeRows(
      builder
        .select(keys)
        .from(assets)
        .where(and(whereOf(shape), afterRow))
        .orderBy(...inItsOrder)
        .limit(limit)
        .offset(offset)
        .as('page_rows'),
    );
  }
  return builder
    .select({ ...summarySelection, ...extras })
    .from(assets)
    .leftJoin(people, eq(people.id, assets.holderId))
    .where(and(whereOf(shape), afterRow))
    .orderBy(...inItsOrder)
    .limit(rowCount(fixed))
    .getSQL();
}

/** The statement of a list's page without a search, and its values, as `list` runs it (for the tests of its plan). */
export function listPageQuery(
  filter: AssetListFilter,
  page: AssetListPage,
): { query: SQL; values: Record<string, unknown> } {
  if (filter.search) throw new Error('a search runs its matches first');
  return {
    query: asJsonRows(pageQuery(pageShapeOf(shapeOf(filter), page, true))),
    values: valuesOf(filter, page),
  };
}

export function createAssetsRepository() {
  return {
    async findById(db: Executor, id: string): Promise<AssetRow | undefined> {
      const rows = await db.select().from(assets).where(eq(assets.id, id));
      return rows[0];
    },

    /**
     * After a large import: fresh statistics for the planner, and the GIN indexes' pending entries merged (a search
     * that must read 100,000 pending entries takes milliseconds where it should take microseconds), by
     * vigie_tidy_assets() (migration 0013), which runs as the tables' owner. Then the visibility map, for reads
     * from the index alone: VACUUM needs the owner too, so a plain role skips it with a warning and leaves it to
     * autovacuum (PGlite has none, and runs as its superuser). Outside any transaction: VACUUM cannot run in one.
     * The search's own table too, where the role may reach it: an import that changed most assets left as many
     * dead entries in its trigram index, and on PGlite, which has no autovacuum, a narrow search stayed five times
     * slower (2–3 ms → 13–16 ms at 100,000 assets) until a VACUUM.
     */
    async tidy(db: Executor): Promise<void> {
      await db.execute(sql`select vigie_tidy_assets()`);
      await db.execute(sql`vacuum assets`);
      const [lookup] = await queryRows<{ reachable: boolean }>(
        db,
        sql`select has_schema_privilege('vigie_private', 'usage') as reachable`,
      );
      if (lookup?.reachable) await db.execute(sql`vacuum vigie_private.asset_lookup`);
    },

    async hasAssets(db: Executor, orgId: string): Promise<boolean> {
      const rows = await db.select({ id: assets.id }).from(assets).where(eq(assets.orgId, orgId)).limit(1);
      return rows.length > 0;
    },

    async findByNames(db: Executor, orgId: string, names: readonly string[]): Promise<AssetRow[]> {
      if (names.length === 0) return [];
      return db
        .select()
        .from(assets)
        .where(and(eq(assets.orgId, orgId), inArray(assets.name, [...names])));
    },

    /**
     * Assets of the organizations carrying any of these MACs, IPs or host names: Nmap's matching candidates. Matched
     * by vigie_assets_at() (migration 0014), whose indexes serve under row-level security, then read by id.
     */
    async findByAddresses(
      db: Executor,
      orgIds: readonly string[],
      keys: { macs: string[]; ips: string[]; hostnames: string[] },
    ): Promise<AssetRow[]> {
      const at = sql`select m.id from vigie_assets_at(${uuidArray(orgIds)}, ${textArray(keys.macs)},
        ${textArray(keys.ips)}, ${textArray(keys.hostnames)}) as m(id)`;
      return db
        .select()
        .from(assets)
        .where(and(sql`${assets.id} in (${at})`, ne(assets.status, 'retired')));
    },

    async insertMany(db: Executor, rows: AssetRow[]): Promise<void> {
      await bulkInsert(db, assets, rows);
    },

    /** Writes whole rows back in one statement (all but the organization and the creation time). */
    updateMany(db: Executor, rows: AssetRow[]): Promise<void> {
      return bulkUpdate(db, assets, rows, writtenOnce);
    },

    async insertEvents(db: Executor, events: NewAssetEvent[]): Promise<void> {
      await bulkInsert(db, assetEvents, events);
    },

    /**
     * The statements that write a batch of an import, in order: its new assets, the assets it changes (written back
     * whole), the critical-asset links of those it relinks (old ones deleted) and of its new ones, and their
     * history. Built before their turn (bulk.ts): the next batch is worked out while the database runs these.
     */
    batchStatements(batch: AssetBatch): SQL[] {
      return [
        insertStatement(assets, batch.inserts),
        updateStatement(assets, batch.updates, writtenOnce),
        batch.relinked.length
          ? sql`delete from ${assetCriticalAssets} where ${assetCriticalAssets.assetId} = any(${uuidArray(batch.relinked)})`
          : undefined,
        insertStatement(assetCriticalAssets, batch.links),
        insertStatement(assetEvents, batch.events),
      ].filter((statement) => statement !== undefined);
    },

    async eventsOf(db: Executor, assetId: string): Promise<AssetEventRow[]> {
      return db
        .select()
        .from(assetEvents)
        .where(eq(assetEvents.assetId, assetId))
        .orderBy(desc(assetEvents.at), desc(assetEvents.id));
    },

    async list(db: Executor, filter: AssetListFilter, page: AssetListPage): Promise<AssetListAnswer> {
      const list = shapeOf(filter);
      const values = valuesOf(filter, page);
      /** The page's rows, and where the next one starts (after its last row) when one more row came back. */
      const paged = (rows: PageRow[]) => {
        const more = rows.length > page.limit;
        if (more) rows.pop();
        const last = rows.at(-1);
        let next: string | null = null;
        if (last && more) {
          // The last row's name and id, from its JSON: one row parsed, rather than two more columns on every row.
          const { name, id } = JSON.parse(last.json) as Pick<AssetSummary, 'name' | 'id'>;
          next = encodeCursor({
            sort: page.sort,
            direction: page.direction,
            values: last.sortValues,
            name,
            id,
          });
        }
        return { rows: rows.map((r) => r.json), next, counted: rows[0]?.counted ?? undefined };
      };
      if (filter.search) {
        // A search matches few assets: fetch them through the search indexes first, then sort only those (left
        // to itself, the planner walks the whole inventory in name order, hoping for an early match).
        const [{ n, ids } = { n: 0, ids: '[]' }] = await matchRows(db, list, values);
        // Past the cap, matches are many (one row in ten at least): the sort's index is read in order and each row
        // tested in place, up to the page's end, a few hundred rows for a first page. Looking each row up in the
        // matches instead would run the whole trigram match again, 20–35 ms at 15,000 matches.
        const { rows, next } = paged(
          await pageRows(
            db,
            pageShapeOf({ ...list, search: ids === null ? 'inRow' : 'ids' }, page, false),
            ids === null ? values : { ...values, ids },
          ),
        );
        return { rows, next, ...capped(n) };
      }
      // Counting 100,000 rows on every page costs more than the page: the count is read off the kept counts, and
      // the list says "more than 10,000" beyond the cap, as a search's does.
      const { rows, next, counted } = paged(await pageRows(db, pageShapeOf(list, page, true), values));
      // A page past the end has no row to carry the count: it is asked for alone.
      const total =
        counted ?? (page.offset === 0 && !page.after ? 0 : ((await countRows(db, list, values))[0]?.n ?? 0));
      return { rows, next, ...capped(total) };
    },
    /** The assets in service of the organizations (the inventory proper), in batches, in name order. */
    async *eachInService(
      db: Executor,
      orgIds: readonly string[] | undefined,
      batchSize = 5000,
    ): AsyncGenerator<(AssetRow & { holderName: string | null; criticalAssets: string[] })[]> {
      let after = '';
      for (;;) {
        const rows = await db
          .select({
            asset: assets,
            holderName: people.fullName,
            criticalAssets: sql<string[]>`coalesce((
              select array_agg(c.name order by c.name) from ${assetCriticalAssets} l
              join ${criticalInformationAssets} c on c.id = l.critical_asset_id
              where l.asset_id = ${assets.id}), '{}')`,
          })
          .from(assets)
          .leftJoin(people, eq(people.id, assets.holderId))
          .where(
            and(
              orgIds ? inArray(assets.orgId, [...orgIds]) : undefined,
              eq(assets.status, 'in_service'),
              sql`${assets.name} > ${after}`,
            ),
          )
          .orderBy(asc(assets.name))
          .limit(batchSize);
        if (rows.length === 0) return;
        yield rows.map((r) => ({ ...r.asset, holderName: r.holderName, criticalAssets: r.criticalAssets }));
        after = rows.at(-1)!.asset.name;
        if (rows.length < batchSize) return;
      }
    },

    /**
     * What the compliance rules read of every asset of the organizations, in batches: organization by organization,
     * in name order, which the (organization, name) index serves however many organizations the database holds.
     * A batch of 1,000 rows is read and mapped in a few milliseconds, during which the server's requests wait; one
     * of 5,000 held them 25–60 ms, for no faster an evaluation.
     */
    async *scanFacts(
      db: Executor,
      orgIds: readonly string[],
      batchSize = 1000,
    ): AsyncGenerator<AssetFacts[]> {
      const batch = (orgId: string, after: string | undefined) => {
        const rows = queryRows<Record<string, unknown>>(db, factsBatch(orgId, after, batchSize));
        // Read ahead: if the scan stops before it is awaited, its failure must not go unhandled.
        rows.catch(() => {});
        return rows;
      };
      for (const orgId of orgIds) {
        let next = batch(orgId, undefined);
        for (;;) {
          const rows = await next;
          const full = rows.length === batchSize;
          // The next batch is asked for before this one is mapped and assessed: PostgreSQL reads it meanwhile, on
          // another core, rather than waiting for the rules to finish.
          if (full) next = batch(orgId, rows.at(-1)!.name as string);
          if (rows.length > 0) yield rows.map(factsOf);
          if (!full) break;
        }
      }
    },

    async criticalAssetsOf(db: Executor, assetIds: readonly string[]): Promise<Map<string, string[]>> {
      const links = new Map<string, string[]>();
      if (assetIds.length === 0) return links;
      const rows = await db
        .select({ assetId: assetCriticalAssets.assetId, id: assetCriticalAssets.criticalAssetId })
        .from(assetCriticalAssets)
        .where(inArray(assetCriticalAssets.assetId, [...assetIds]));
      for (const r of rows) links.set(r.assetId, [...(links.get(r.assetId) ?? []), r.id]);
      return links;
    },

    async criticalAssetsByName(db: Executor, orgId: string): Promise<Map<string, string>> {
      const rows = await db
        .select({ id: criticalInformationAssets.id, name: criticalInformationAssets.name })
        .from(criticalInformationAssets)
        .where(eq(criticalInformationAssets.orgId, orgId));
      return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
    },

    async insertCriticalAssets(
      db: Executor,
      orgId: string,
      names: string[],
    ): Promise<{ id: string; name: string }[]> {
      if (names.length === 0) return [];
      return db
        .insert(criticalInformationAssets)
        .values(names.map((name) => ({ orgId, name })))
        .returning({ id: criticalInformationAssets.id, name: criticalInformationAssets.name });
    },

    async listCriticalAssets(db: Executor, orgIds: readonly string[] | undefined) {
      const rows = await queryRows<{
        id: string;
        org_id: string;
        name: string;
        criticality: string | null;
        description: string | null;
        assets: number;
      }>(
        db,
        sql`select c.id, c.org_id, c.name, c.criticality, c.description,
              (select count(*)::int from ${assetCriticalAssets} l where l.critical_asset_id = c.id) as assets
            from ${criticalInformationAssets} c
            ${orgIds ? sql`where c.org_id = any(${uuidArray(orgIds)})` : sql``}
            order by c.name`,
      );
      return rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        name: r.name,
        criticality: r.criticality,
        description: r.description,
        assets: r.assets,
      }));
    },

    async findCriticalAsset(db: Executor, id: string) {
      const rows = await db
        .select()
        .from(criticalInformationAssets)
        .where(eq(criticalInformationAssets.id, id));
      return rows[0];
    },

    async updateCriticalAsset(
      db: Executor,
      id: string,
      values: {
        criticality: (typeof criticalInformationAssets.$inferSelect)['criticality'];
        description: string | null;
      },
    ) {
      await db.update(criticalInformationAssets).set(values).where(eq(criticalInformationAssets.id, id));
    },

    async criticalAssetNamesOf(db: Executor, assetId: string) {
      return db
        .select({
          id: criticalInformationAssets.id,
          name: criticalInformationAssets.name,
          criticality: criticalInformationAssets.criticality,
        })
        .from(assetCriticalAssets)
        .innerJoin(
          criticalInformationAssets,
          eq(criticalInformationAssets.id, assetCriticalAssets.criticalAssetId),
        )
        .where(eq(assetCriticalAssets.assetId, assetId))
        .orderBy(asc(criticalInformationAssets.name));
    },

    async personName(db: Executor, personId: string): Promise<string | null> {
      const rows = await db.select({ name: people.fullName }).from(people).where(eq(people.id, personId));
      return rows[0]?.name ?? null;
    },

    async upsertServices(db: Executor, rows: AssetServiceRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(assetServices)
        .values(rows)
        .onConflictDoUpdate({
          target: [assetServices.assetId, assetServices.protocol, assetServices.port],
          set: {
            state: sql`excluded.state`,
            service: sql`excluded.service`,
            product: sql`excluded.product`,
            version: sql`excluded.version`,
            lastSeenAt: sql`excluded.last_seen_at`,
          },
        });
    },

    async servicesOf(db: Executor, assetId: string): Promise<AssetServiceRow[]> {
      return db
        .select()
        .from(assetServices)
        .where(eq(assetServices.assetId, assetId))
        .orderBy(asc(assetServices.protocol), asc(assetServices.port));
    },
  };
}
