import {
  formatSoftware,
  normalizeWord,
  parseCategory,
  parseCriticality,
  parseDate,
  parseHosting,
  parseHostnames,
  parseIps,
  parseMacs,
  parseSoftware,
  parseYesNo,
  splitList,
} from './assets.fields.ts';
import type { InstalledSoftware } from './assets.table.ts';
import type { AssetCategory, Criticality, Hosting } from './assets.vocabulary.ts';

// The inventory's file columns: one table says, for each column, its English and French names, how a cell is
// read and how a field is written back. The CSV import, the GLPI import and the CSV export all use it.

/** The asset fields that files carry, besides the name, the holder and the critical information assets. */
export type AssetValues = {
  category: AssetCategory | null;
  osName: string | null;
  osVersion: string | null;
  components: string | null;
  functions: string | null;
  hosting: Hosting | null;
  hostContact: string | null;
  criticality: Criticality | null;
  internetExposed: boolean | null;
  ips: string[];
  macs: string[];
  hostnames: string[];
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  site: string | null;
  software: InstalledSoftware[];
  acquiredOn: string | null;
  inServiceOn: string | null;
  notes: string | null;
};

/** One asset as a file describes it; absent columns leave the asset's fields as they are. */
export type AssetRecord = {
  name: string;
  values: Partial<AssetValues>;
  /** The holder's full name or e-mail; null clears it. */
  owner?: string | null;
  criticalAssets?: string[];
};

type ExportableAsset = AssetValues & { name: string; owner: string | null; criticalAssets: string[] };

type Column = {
  /** The English name, also the export's header. */
  key: string;
  french: string;
  aliases?: readonly string[];
  read(cell: string, record: AssetRecord): void;
  write(asset: ExportableAsset): string;
};

const text =
  (field: keyof AssetValues) =>
  (cell: string, record: AssetRecord): void => {
    (record.values as Record<string, unknown>)[field] = cell || null;
  };
const writeText = (field: keyof AssetValues) => (asset: ExportableAsset) =>
  (asset[field] as string | null) ?? '';

function parsed<T>(field: keyof AssetValues, parse: (cell: string) => T, empty: T) {
  return (cell: string, record: AssetRecord): void => {
    (record.values as Record<string, unknown>)[field] = cell ? parse(cell) : empty;
  };
}

export const assetColumns: readonly Column[] = [
  {
    key: 'name',
    french: 'nom',
    aliases: ['nom_du_systeme', 'system_name'],
    read: (cell, record) => {
      record.name = cell;
    },
    write: (a) => a.name,
  },
  {
    key: 'category',
    french: 'categorie',
    aliases: ['type'],
    read: parsed('category', parseCategory, null),
    write: (a) => a.category ?? '',
  },
  {
    key: 'owner',
    french: 'detenteur',
    aliases: ['holder', 'responsable', 'proprietaire'],
    read: (cell, record) => {
      record.owner = cell || null;
    },
    write: (a) => a.owner ?? '',
  },
  {
    key: 'os_name',
    french: 'se_nom',
    aliases: ['systeme_exploitation', 'os'],
    read: text('osName'),
    write: writeText('osName'),
  },
  {
    key: 'os_version',
    french: 'se_version',
    aliases: ['version_systeme_exploitation'],
    read: text('osVersion'),
    write: writeText('osVersion'),
  },
  { key: 'components', french: 'composants', read: text('components'), write: writeText('components') },
  { key: 'functions', french: 'fonctions', read: text('functions'), write: writeText('functions') },
  {
    key: 'critical_assets',
    french: 'actifs_critiques',
    aliases: ['actifs_informationnels_critiques'],
    read: (cell, record) => {
      record.criticalAssets = splitList(cell, /[;|\n]/);
    },
    write: (a) => a.criticalAssets.join('; '),
  },
  {
    key: 'hosting',
    french: 'hebergement',
    read: parsed('hosting', parseHosting, null),
    write: (a) => a.hosting ?? '',
  },
  {
    key: 'host_contact',
    french: 'contact_hebergeur',
    read: text('hostContact'),
    write: writeText('hostContact'),
  },
  {
    key: 'criticality',
    french: 'criticite',
    read: parsed('criticality', parseCriticality, null),
    write: (a) => a.criticality ?? '',
  },
  {
    key: 'internet_exposed',
    french: 'expose_internet',
    aliases: ['expose_a_internet'],
    read: parsed('internetExposed', parseYesNo, null),
    write: (a) => (a.internetExposed === null ? '' : a.internetExposed ? 'yes' : 'no'),
  },
  {
    key: 'ip',
    french: 'adresse_ip',
    aliases: ['ips', 'ip_address'],
    read: parsed('ips', parseIps, []),
    write: (a) => a.ips.join('; '),
  },
  {
    key: 'mac',
    french: 'adresse_mac',
    aliases: ['macs', 'mac_address'],
    read: parsed('macs', parseMacs, []),
    write: (a) => a.macs.join('; '),
  },
  {
    key: 'hostname',
    french: 'nom_hote',
    aliases: ['hostnames', 'nom_d_hote'],
    read: parsed('hostnames', parseHostnames, []),
    write: (a) => a.hostnames.join('; '),
  },
  {
    key: 'manufacturer',
    french: 'fabricant',
    read: text('manufacturer'),
    write: writeText('manufacturer'),
  },
  { key: 'model', french: 'modele', read: text('model'), write: writeText('model') },
  {
    key: 'serial',
    french: 'numero_serie',
    aliases: ['numero_de_serie', 'serial_number'],
    read: text('serial'),
    write: writeText('serial'),
  },
  { key: 'firmware', french: 'micrologiciel', read: text('firmware'), write: writeText('firmware') },
  {
    key: 'site',
    french: 'site',
    aliases: ['lieu', 'location'],
    read: text('site'),
    write: writeText('site'),
  },
  {
    key: 'software',
    french: 'logiciels',
    read: parsed('software', parseSoftware, []),
    write: (a) => formatSoftware(a.software),
  },
  {
    key: 'acquired_on',
    french: 'date_acquisition',
    read: parsed('acquiredOn', parseDate, null),
    write: (a) => a.acquiredOn ?? '',
  },
  {
    key: 'in_service_on',
    french: 'date_mise_en_service',
    read: parsed('inServiceOn', parseDate, null),
    write: (a) => a.inServiceOn ?? '',
  },
  { key: 'notes', french: 'notes', aliases: ['remarques'], read: text('notes'), write: writeText('notes') },
];

/**
 * GLPI's computer list exported as CSV (Computers → Export → CSV), in English or French: its column names
 * mapped onto Vigie's. GLPI writes several values of one cell separated by `$$##$$`.
 */
const glpiColumnNames: Record<string, string> = {
  name: 'name',
  nom: 'name',
  type: 'category',
  operating_system_name: 'os_name',
  systeme_d_exploitation_nom: 'os_name',
  operating_system_version: 'os_version',
  systeme_d_exploitation_version: 'os_version',
  manufacturer: 'manufacturer',
  fabricant: 'manufacturer',
  model: 'model',
  modele: 'model',
  serial_number: 'serial',
  numero_de_serie: 'serial',
  location: 'site',
  lieu: 'site',
  user: 'owner',
  utilisateur: 'owner',
  technician_in_charge_of_the_hardware: 'owner',
  responsable_technique: 'owner',
  network_ip: 'ip',
  ip_address: 'ip',
  adresse_ip: 'ip',
  reseau_adresse_ip: 'ip',
  network_port_mac: 'mac',
  mac_address: 'mac',
  adresse_mac: 'mac',
  ports_reseau_adresse_mac: 'mac',
  components_processor: 'components',
  composants_processeur: 'components',
  comments: 'notes',
  commentaires: 'notes',
  software_name: 'software',
  logiciels_nom: 'software',
};

export type ColumnFormat = 'csv' | 'glpi';

/** The column each header names, by English or French name or alias; undefined for an unknown header. */
export function columnForHeader(header: string, format: ColumnFormat): Column | undefined {
  const word = normalizeWord(header).replace(/^_+|_+$/g, '');
  const key = format === 'glpi' ? glpiColumnNames[word] : word;
  return assetColumns.find(
    (c) => c.key === key || (format === 'csv' && (c.french === word || c.aliases?.includes(word))),
  );
}

export function exportRow(asset: ExportableAsset): string[] {
  return assetColumns.map((c) => c.write(asset));
}
