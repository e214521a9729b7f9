import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { defineError } from '../../../core/errors.ts';
import { normalizeMac } from '../assets.fields.ts';
import type { ImportSource } from './import-source.ts';

// Reads an Nmap XML report (`nmap -oX`): the hosts found up, with their addresses, names, guessed operating
// system and open ports. Entities are never expanded, so a crafted DOCTYPE cannot read files or loop.

export const createNmapSyntaxError = defineError('assets.import.xml_syntax', 422);
export const createNmapFormatError = defineError('assets.import.nmap_format', 422);

export type NmapPort = {
  protocol: string;
  port: number;
  state: string;
  service: string | null;
  product: string | null;
  version: string | null;
};

export type NmapHost = {
  /** The line of the file where the host's element opens, to name it in the import's report. */
  line: number;
  ips: string[];
  macs: string[];
  hostnames: string[];
  vendor: string | null;
  os: string | null;
  ports: NmapPort[];
};

export type NmapReport = { scannedAt: Date | null; hosts: NmapHost[] };

type Attributes = Record<string, string | undefined>;
type XmlHost = {
  status?: Attributes;
  address?: Attributes[];
  hostnames?: { hostname?: Attributes[] } | string;
  ports?: { port?: (Attributes & { state?: Attributes; service?: Attributes })[] } | string;
  os?: { osmatch?: Attributes[] } | string;
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  isArray: (name) => ['host', 'address', 'hostname', 'port', 'osmatch'].includes(name),
});

async function readText(source: ImportSource): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of source.open() as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function readNmapXml(source: ImportSource): Promise<NmapReport> {
  const xml = await readText(source);
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw createNmapSyntaxError({ file: source.name, line: valid.err.line, detail: valid.err.msg });
  const document = parser.parse(xml) as { nmaprun?: { start?: string; host?: XmlHost[] } };
  if (!document.nmaprun || typeof document.nmaprun !== 'object')
    throw createNmapFormatError({ file: source.name });
  const start = Number(document.nmaprun.start);
  const hosts = document.nmaprun.host ?? [];
  const lines = hostLines(xml, hosts.length);
  return {
    scannedAt: Number.isFinite(start) && start > 0 ? new Date(start * 1000) : null,
    hosts: hosts
      .map((host, index) => ({ host, line: lines[index]! }))
      .filter(({ host }) => host.status?.state !== 'down')
      .map(({ host, line }) => hostOf(host, line)),
  };
}

/**
 * The line where each `<host>` element opens, in document order (the parser keeps none). Nmap writes `<host>` only
 * under `<nmaprun>`; `<hosthint>`, `<hostnames>` and `<hosts>` are other names. Should the count differ from the
 * parsed hosts' (a `<host` inside a comment), each host is named by its rank instead.
 */
function hostLines(xml: string, count: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const match of xml.matchAll(/<host[\s>/]/g)) {
    for (let i = xml.indexOf('\n', from); i !== -1 && i < match.index; i = xml.indexOf('\n', i + 1)) line++;
    from = match.index;
    lines.push(line);
  }
  return lines.length === count ? lines : Array.from({ length: count }, (_, i) => i + 1);
}

function hostOf(host: XmlHost, line: number): NmapHost {
  const addresses = host.address ?? [];
  const mac = addresses.find((a) => a.addrtype === 'mac');
  const list = <T>(value: T[] | undefined) => value ?? [];
  const hostnames = typeof host.hostnames === 'object' ? list(host.hostnames.hostname) : [];
  const ports = typeof host.ports === 'object' ? list(host.ports.port) : [];
  const osMatches = typeof host.os === 'object' ? list(host.os.osmatch) : [];
  return {
    line,
    ips: addresses
      .filter((a) => a.addrtype === 'ipv4' || a.addrtype === 'ipv6')
      .map((a) => a.addr!.toLowerCase()),
    macs: mac?.addr ? [normalizeMac(mac.addr)] : [],
    hostnames: [...new Set(hostnames.map((h) => h.name!.toLowerCase()).filter(Boolean))],
    vendor: mac?.vendor ?? null,
    os: osMatches[0]?.name ?? null,
    ports: ports.map((p) => ({
      protocol: p.protocol ?? 'tcp',
      port: Number(p.portid),
      state: p.state?.state ?? 'unknown',
      service: p.service?.name ?? null,
      product: p.service?.product ?? null,
      version: p.service?.version ?? null,
    })),
  };
}
