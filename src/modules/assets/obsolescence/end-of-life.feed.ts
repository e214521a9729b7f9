// The end-of-life data in use: the snapshot shipped in data/endoflife until `vigie feeds update` (from the public
// endoflife.date repository, when the machine has network access) or `vigie feeds import FILE` (the same archive
// carried in by hand: hospital networks often have no internet access) stores a newer one in the database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import * as tar from 'tar';
import { type Actor, assertCan } from '../../../core/auth/actor.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Db } from '../../../core/db/database.ts';
import { defineError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { referenceFeeds } from '../assets.table.ts';
import {
  createEndOfLifeIndex,
  type EndOfLifeIndex,
  loadEndOfLifeProducts,
  loadShippedSnapshot,
  type Product,
  parseProductFile,
  type Snapshot,
} from './end-of-life.ts';

export const endOfLifeArchiveUrl =
  'https://codeload.github.com/endoflife-date/endoflife.date/tar.gz/refs/heads/master';

export const createFeedUnreadableError = defineError('assets.feed.unreadable', 422);
export const createFeedUnreachableError = defineError('assets.feed.unreachable', 503);

const feedId = 'endoflife';

/** Products from the repository's archive (.tar.gz, as GitHub serves it) or from a folder of product files. */
export async function readEndOfLifeArchive(file: string): Promise<Product[]> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw createFeedUnreadableError({ file, detail: 'no such file' });
  try {
    if (stat.isDirectory()) {
      const products = path.join(file, 'products');
      return loadEndOfLifeProducts(fs.existsSync(products) ? products : file);
    }
    const texts: { name: string; text: Promise<string> }[] = [];
    await tar.t({
      file,
      filter: (entryPath) => /(^|\/)products\/[^/]+\.md$/.test(entryPath),
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        texts.push({
          name: entry.path,
          text: new Promise((resolve) =>
            entry.on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))),
          ),
        });
      },
    });
    const products = await Promise.all(texts.map(async (t) => parseProductFile(t.name, await t.text)));
    return products.sort((a, b) => a.slug.localeCompare(b.slug));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'assets.feed.unreadable') throw error;
    throw createFeedUnreadableError({ file, detail: error instanceof Error ? error.message : String(error) });
  }
}

export function createEndOfLifeFeed(deps: { db: Db; clock: Clock; audit: Pick<AuditService, 'record'> }) {
  let index: EndOfLifeIndex | undefined;
  let loadedFrom: string | undefined;
  let snapshot: Snapshot | undefined;

  /** The shipped snapshot, read on first use: commands that never look at versions do not pay for it. */
  const shipped = (): Snapshot => {
    snapshot ??= loadShippedSnapshot();
    return snapshot;
  };
  const current = (): EndOfLifeIndex => {
    index ??= createEndOfLifeIndex(shipped().products);
    return index;
  };

  /** Takes up a feed another process imported since this one last looked (one small query). */
  async function refresh(): Promise<void> {
    const [row] = await deps.db
      .select({ sha256: referenceFeeds.sha256 })
      .from(referenceFeeds)
      .where(eq(referenceFeeds.id, feedId));
    if (!row || row.sha256 === loadedFrom) return;
    const [full] = await deps.db.select().from(referenceFeeds).where(eq(referenceFeeds.id, feedId));
    index = createEndOfLifeIndex(full!.content as Product[]);
    loadedFrom = row.sha256;
  }

  async function importFile(actor: Actor, file: string, source = file) {
    assertCan(actor, 'orgs.manage');
    const products = await readEndOfLifeArchive(file);
    if (products.length === 0) throw createFeedUnreadableError({ file, detail: 'no product file found' });
    const sha256 = createHash('sha256').update(JSON.stringify(products)).digest('hex');
    const values = {
      importedAt: deps.clock.now(),
      source,
      sha256,
      itemCount: products.length,
      content: products,
    };
    await deps.db.transaction(async (tx) => {
      await tx
        .insert(referenceFeeds)
        .values({ id: feedId, ...values })
        .onConflictDoUpdate({ target: referenceFeeds.id, set: values });
      await deps.audit.record(
        actor,
        {
          action: 'assets.feed_import',
          details: { feed: feedId, source, products: products.length, sha256 },
        },
        tx,
      );
    });
    await refresh();
    return {
      feed: feedId,
      source,
      products: products.length,
      releases: products.reduce((n, p) => n + p.releases.length, 0),
    };
  }

  return {
    current,
    refresh,
    importFile,

    /** Downloads the repository's archive and imports it; a clear error when the network is not there. */
    async update(actor: Actor, url = endOfLifeArchiveUrl) {
      assertCan(actor, 'orgs.manage');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-feed-'));
      const file = path.join(folder, 'endoflife.tar.gz');
      try {
        let response: Response;
        try {
          response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
        } catch (error) {
          throw createFeedUnreachableError({
            url,
            detail: error instanceof Error ? error.message : String(error),
          });
        }
        if (!response.ok || !response.body)
          throw createFeedUnreachableError({ url, detail: `HTTP ${response.status}` });
        await pipeline(
          Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
          fs.createWriteStream(file),
        );
        return await importFile(actor, file, url);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },

    async status() {
      const [row] = await deps.db
        .select({
          importedAt: referenceFeeds.importedAt,
          source: referenceFeeds.source,
          itemCount: referenceFeeds.itemCount,
        })
        .from(referenceFeeds)
        .where(eq(referenceFeeds.id, feedId));
      if (row) return { feed: feedId, origin: 'imported' as const, ...row };
      const { asOf, products } = shipped();
      return {
        feed: feedId,
        origin: 'shipped' as const,
        source: `data/endoflife (${asOf})`,
        itemCount: products.length,
      };
    },
  };
}

export type EndOfLifeFeed = ReturnType<typeof createEndOfLifeFeed>;
