import { isIP } from 'node:net';
import type { InstalledSoftware } from './assets.table.ts';
import type { AssetCategory, Criticality, Hosting } from './assets.vocabulary.ts';

// How the values people type in a spreadsheet become the inventory's fields: French or English words, the
// separators Excel users use, addresses checked and normalized. Shared by every importer and the asset edit.

/** A value that cannot be read; the importer names the line and the field, the code says what is wrong. */
export class FieldError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** Lower case without accents, spaces and dashes as underscores: "Équipement biomédical" → "equipement_biomedical". */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-/']+/g, '_');
}

function vocabulary<T extends string>(words: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, synonyms] of Object.entries(words) as [T, readonly string[]][]) {
    for (const word of [value, ...synonyms]) map.set(normalizeWord(word), value);
  }
  return map;
}

const categoryWords = vocabulary<AssetCategory>({
  workstation: ['poste de travail', 'poste', 'ordinateur', 'desktop', 'laptop', 'portable'],
  server: ['serveur'],
  biomedical: [
    'biomedical device',
    'medical device',
    'équipement biomédical',
    'appareil biomédical',
    'dispositif médical',
    'biomédical',
  ],
  building_automation: [
    'building automation',
    'bms',
    'gtb',
    'gtc',
    'immotique',
    'domotique',
    'bâtiment intelligent',
    'automatisation du bâtiment',
    'contrôle du bâtiment',
  ],
  network: [
    'network equipment',
    'équipement réseau',
    'réseau',
    'switch',
    'router',
    'routeur',
    'firewall',
    'pare-feu',
  ],
  mobile: ['mobile device', 'appareil mobile', 'téléphone', 'tablette', 'smartphone', 'tablet', 'phone'],
  other: ['other networked equipment', 'autre', 'autre équipement réseauté', 'iot', 'objet connecté'],
});

const criticalityWords = vocabulary<Criticality>({
  low: ['faible', 'basse', 'bas'],
  medium: ['moyenne', 'moyen', 'modérée', 'moderate'],
  high: ['élevée', 'élevé', 'haute', 'haut'],
  critical: ['critique', 'vitale', 'very high', 'très élevée'],
});

const hostingWords = vocabulary<Hosting>({
  on_premises: [
    'on premises',
    'on-premise',
    'on premise',
    'internal',
    'local',
    'sur place',
    'interne',
    'sur site',
    'local',
  ],
  third_party: [
    'third party',
    'external',
    'hosted',
    'cloud',
    'tiers',
    'externe',
    'hébergé',
    'infonuagique',
    'impartition',
  ],
});

const yes = new Set(['yes', 'y', 'true', '1', 'oui', 'o', 'vrai', 'x']);
const no = new Set(['no', 'n', 'false', '0', 'non', 'faux']);

function fromVocabulary<T>(map: Map<string, T>, text: string, code: string): T {
  const value = map.get(normalizeWord(text));
  if (value === undefined) throw new FieldError(code, { value: text });
  return value;
}

export const parseCategory = (text: string) => fromVocabulary(categoryWords, text, 'assets.field.category');
export const parseCriticality = (text: string) =>
  fromVocabulary(criticalityWords, text, 'assets.field.criticality');
export const parseHosting = (text: string) => fromVocabulary(hostingWords, text, 'assets.field.hosting');

export function parseYesNo(text: string): boolean {
  const word = normalizeWord(text);
  if (yes.has(word)) return true;
  if (no.has(word)) return false;
  throw new FieldError('assets.field.yes_no', { value: text });
}

/** Several values in one cell, separated by semicolons, commas, pipes or line breaks. */
export function splitList(text: string, separators = /[;,|\n]/): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An IP address as the inventory keeps it (IPv6 in lower case), so that a search or a scan finds it. */
export function normalizeIp(ip: string): string {
  const kind = isIP(ip);
  if (kind === 0) throw new FieldError('assets.field.ip', { value: ip });
  return kind === 6 ? ip.toLowerCase() : ip;
}

export const parseIps = (text: string) => splitList(text, /[;,\s]+/).map(normalizeIp);

const macPattern = /^[0-9a-f]{2}([:-]?)[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;

/** MAC addresses as aa:bb:cc:dd:ee:ff, whatever separator the source used. */
export function normalizeMac(mac: string): string {
  const trimmed = mac.trim();
  if (!macPattern.test(trimmed)) throw new FieldError('assets.field.mac', { value: mac });
  const hex = trimmed.replace(/[:-]/g, '').toLowerCase();
  return hex.match(/../g)!.join(':');
}

export const parseMacs = (text: string) => splitList(text, /[;,\s]+/).map(normalizeMac);

const hostnamePattern =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?)*\.?$/i;

/** A host name in lower case without its final dot, as DNS and Nmap compare them. */
export function normalizeHostname(hostname: string): string {
  if (!hostnamePattern.test(hostname)) throw new FieldError('assets.field.hostname', { value: hostname });
  return hostname.toLowerCase().replace(/\.$/, '');
}

export const parseHostnames = (text: string) => splitList(text, /[;,\s]+/).map(normalizeHostname);

/**
 * Installed software, one entry per item separated by semicolons or line breaks, each entry
 * `name|version|vendor|identifier` with the trailing parts optional; the identifier is a CPE (`cpe:2.3:…`)
 * or a package URL (`pkg:…`).
 */
export function parseSoftware(text: string): InstalledSoftware[] {
  return splitList(text, /[;\n]/).map((entry) => {
    const [name, version, vendor, id] = entry.split('|').map((p) => p.trim());
    if (!name) throw new FieldError('assets.field.software', { value: entry });
    const item: InstalledSoftware = { name };
    if (version) item.version = version;
    if (vendor) item.vendor = vendor;
    if (id?.startsWith('cpe:')) item.cpe = id;
    else if (id?.startsWith('pkg:')) item.purl = id;
    else if (id) throw new FieldError('assets.field.software_id', { value: id });
    return item;
  });
}

export function formatSoftware(software: readonly InstalledSoftware[]): string {
  return software
    .map((s) => {
      const parts = [s.name, s.version ?? '', s.vendor ?? '', s.cpe ?? s.purl ?? ''];
      while (parts.length > 1 && parts.at(-1) === '') parts.pop();
      return parts.join('|');
    })
    .join('; ');
}

export function parseDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match ? new Date(`${match[0]}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.trim())
    throw new FieldError('assets.field.date', { value: text });
  return text.trim();
}
