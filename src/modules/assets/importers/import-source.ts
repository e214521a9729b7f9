import fs from 'node:fs';
import { Readable } from 'node:stream';

/** A file to import, opened as many times as the importer needs to read it (encoding detection, then parsing). */
export type ImportSource = {
  /** The file's name, shown in every error. */
  name: string;
  size: number;
  open(): Readable;
};

export function fileSource(file: string): ImportSource {
  return { name: file, size: fs.statSync(file).size, open: () => fs.createReadStream(file) };
}

export function bufferSource(name: string, content: Buffer): ImportSource {
  return { name, size: content.length, open: () => Readable.from([content]) };
}

/** The file's first bytes, to tell its format. */
export async function readHead(source: ImportSource, bytes = 4096): Promise<Buffer> {
  const stream = source.open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) return chunk.subarray(0, bytes);
    return Buffer.alloc(0);
  } finally {
    stream.destroy();
  }
}
