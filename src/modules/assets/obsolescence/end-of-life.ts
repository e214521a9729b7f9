import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { addMonths, isoDay } from '../../../core/clock.ts';

// End-of-life dates of operating systems and software (directive obligation 3), from the endoflife.date data
// shipped in data/endoflife (MIT). Matches an asset's product and version to a release cycle and says where that
// cycle stands on a given day.

export const shippedSnapshotFile = fileURLToPath(
  new URL('../../../../data/endoflife/products.json', import.meta.url),
);

// eol and eoas are a date, or a boolean when the source knows only whether support ended.
const dateOrFlag = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.boolean()]).optional();

const frontMatterSchema = z.looseObject({
  title: z.string(),
  identifiers: z.array(z.looseObject({ cpe: z.string().optional(), purl: z.string().optional() })).optional(),
  releases: z.array(
    z.looseObject({
      releaseCycle: z.union([z.string(), z.number()]).transform(String),
      releaseLabel: z.string().optional(),
      releaseDate: z.string().optional(),
      eoas: dateOrFlag,
      eol: dateOrFlag,
      eoes: dateOrFlag,
    }),
  ),
});

export type Release = {
  cycle: string;
  label: string;
  releaseDate: string | undefined;
  /** End of security support: a date, true (ended, date unknown) or false (not announced). */
  eol: string | boolean | undefined;
  /** End of extended (often paid) support. */
  eoes: string | boolean | undefined;
};

export type Product = { slug: string; title: string; cpes: string[]; purls: string[]; releases: Release[] };

export type EndOfLifeStatus = 'supported' | 'ending_soon' | 'extended_support' | 'ended' | 'unknown';

export type EndOfLifeMatch = {
  product: Product;
  release: Release;
  status: EndOfLifeStatus;
  eolDate: string | undefined;
};

/** Letters and digits only, lower case: "Windows Server" and "windows-server" compare equal. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A version as cycles are written: "2008 R2" → "2008-r2", "7.2.8" stays. */
function cycleForm(version: string): string {
  return version.trim().toLowerCase().replace(/\s+/g, '-');
}

/** One product file of the endoflife.date repository (Markdown with YAML front matter); throws naming the file. */
export function parseProductFile(fileName: string, text: string): Product {
  const frontMatter = text.split(/^---\s*$/m)[1];
  const parsed = frontMatterSchema.safeParse(parse(frontMatter ?? ''));
  if (!parsed.success)
    throw new Error(
      `${fileName}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
    );
  const data = parsed.data;
  return {
    slug: path.basename(fileName).replace(/\.md$/, ''),
    title: data.title,
    cpes: (data.identifiers ?? []).flatMap((i) => (i.cpe ? [i.cpe] : [])),
    purls: (data.identifiers ?? []).flatMap((i) => (i.purl ? [i.purl] : [])),
    releases: data.releases.map((r) => ({
      cycle: r.releaseCycle,
      label: r.releaseLabel ?? `${data.title} ${r.releaseCycle}`,
      releaseDate: r.releaseDate,
      eol: r.eol,
      eoes: r.eoes,
    })),
  };
}

/** The products of a folder of the endoflife.date repository's product files, in name order. */
export function loadEndOfLifeProducts(folder: string): Product[] {
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => parseProductFile(file, fs.readFileSync(path.join(folder, file), 'utf8')));
}

/** The shipped snapshot: endoflife.date's products as of a day, in the form an imported feed is stored. */
export type Snapshot = { source: string; asOf: string; products: Product[] };

/**
 * The shipped snapshot, already parsed: reading the YAML of the repository's 464 product files took 1.4–1.9 s, which
 * every command and every server start paid the first time it looked at a version; the JSON takes 15 ms.
 */
export function loadShippedSnapshot(): Snapshot {
  return JSON.parse(fs.readFileSync(shippedSnapshotFile, 'utf8')) as Snapshot;
}

/** A snapshot as the file holds it: one product a line, so that a refreshed snapshot's diff shows what changed. */
export function snapshotText({ products, ...about }: Snapshot): string {
  const lines = products.map((p) => JSON.stringify(p)).join(',\n');
  return `${JSON.stringify(about).slice(0, -1)},"products":[\n${lines}\n]}\n`;
}

const soonMonths = 6;

/** Where a release stands on a day: ended, only under extended support, ending within six months, or supported. */
export function statusOn(release: Release, day: string): EndOfLifeStatus {
  const passed = (d: string | boolean | undefined) => (typeof d === 'string' ? d <= day : d === true);
  if (release.eol === undefined) return 'unknown';
  if (passed(release.eol))
    return passed(release.eoes) || release.eoes === undefined || release.eoes === false
      ? 'ended'
      : 'extended_support';
  if (typeof release.eol === 'string') {
    if (release.eol <= isoDay(addMonths(new Date(`${day}T00:00:00Z`), soonMonths))) return 'ending_soon';
  }
  return 'supported';
}

/** The release a version belongs to: the same cycle, else the longest cycle the version extends ("7.2.8" → 7.2). */
function releaseOf(product: Product, version: string): Release | undefined {
  const v = cycleForm(version);
  const exact = product.releases.find((r) => r.cycle.toLowerCase() === v);
  if (exact) return exact;
  const extends_ = (longer: string, shorter: string) =>
    longer.startsWith(shorter) && /^[.-]/.test(longer.slice(shorter.length));
  const parents = product.releases.filter((r) => extends_(v, r.cycle.toLowerCase()));
  if (parents.length) return parents.sort((a, b) => b.cycle.length - a.cycle.length)[0];
  // A version less precise than the cycles ("2008 R2" for "2008-r2-sp1"): only when a single cycle fits.
  const children = product.releases.filter((r) => extends_(r.cycle.toLowerCase(), v));
  return children.length === 1 ? children[0] : undefined;
}

/** What names a product: its CPE, its package URL, or its name and version. */
export type ProductRef = {
  name?: string | undefined;
  version?: string | undefined;
  cpe?: string | undefined;
  purl?: string | undefined;
};

export function createEndOfLifeIndex(products: Product[]) {
  const byName = new Map<string, Product>();
  for (const p of products) {
    byName.set(squash(p.slug), p);
    byName.set(squash(p.title), p);
  }

  function fromName(
    name: string,
    version: string | undefined,
  ): { product: Product; version: string } | undefined {
    if (version) {
      const product = byName.get(squash(name));
      if (product) return { product, version };
    }
    // "Windows Server 2008 R2": the longest leading words that name a product; the rest is the version.
    const words = name.trim().split(/\s+/);
    for (let n = words.length - 1; n >= 1; n--) {
      const product = byName.get(squash(words.slice(0, n).join(' ')));
      if (product) return { product, version: [words.slice(n).join(' '), version].filter(Boolean).join(' ') };
    }
    return undefined;
  }

  function fromCpe(cpe: string): { product: Product; version: string } | undefined {
    const parts = cpe.split(':');
    const prefix = parts.slice(0, 5).join(':');
    const product = products.find((p) => p.cpes.some((c) => c === prefix));
    const version = parts[5];
    return product && version && version !== '*' && version !== '-' ? { product, version } : undefined;
  }

  function fromPurl(purl: string): { product: Product; version: string } | undefined {
    const [base, version] = purl.split('@');
    const product = products.find((p) => p.purls.some((u) => u === base));
    return product && version ? { product, version: version.split(/[?#]/)[0]! } : undefined;
  }

  function matchNow(input: ProductRef, day: string): EndOfLifeMatch | undefined {
    const found =
      (input.cpe && fromCpe(input.cpe)) ||
      (input.purl && fromPurl(input.purl)) ||
      (input.name && fromName(input.name, input.version)) ||
      undefined;
    if (!found) return undefined;
    const release = releaseOf(found.product, found.version);
    if (!release) return undefined;
    return {
      product: found.product,
      release,
      status: statusOn(release, day),
      eolDate: typeof release.eol === 'string' ? release.eol : undefined,
    };
  }

  // An inventory repeats the same few hundred systems and versions: each is matched once per day.
  const memo = new Map<string, EndOfLifeMatch | undefined>();
  const memoLimit = 50_000;

  return {
    /** Matches by CPE, then purl, then name and version; undefined when no product or cycle fits. */
    match(input: ProductRef, day: string): EndOfLifeMatch | undefined {
      const key = [day, input.cpe, input.purl, input.name, input.version].join('\u0000');
      if (memo.has(key)) return memo.get(key);
      if (memo.size >= memoLimit) memo.clear();
      const result = matchNow(input, day);
      memo.set(key, result);
      return result;
    },
  };
}

export type EndOfLifeIndex = ReturnType<typeof createEndOfLifeIndex>;
