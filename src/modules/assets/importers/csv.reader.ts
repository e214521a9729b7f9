import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { defineError } from '../../../core/errors.ts';
import { type AssetRecord, type ColumnFormat, columnForHeader } from '../assets.columns.ts';
import { FieldError } from '../assets.fields.ts';
import type { ImportSource } from './import-source.ts';

// Reads an inventory spreadsheet saved as CSV: UTF-8 or the Windows-1252 that Excel writes in Quebec and France,
// comma or semicolon separated, headers in English or French (or GLPI's). Whole-file problems stop the import
// with the file and line; a bad cell is reported for its line and field, and reading goes on so that one run
// lists every problem.

export const createImportEncodingError = defineError('assets.import.encoding', 422);
export const createImportUnknownColumnError = defineError('assets.import.unknown_column', 422);
export const createImportNoNameColumnError = defineError('assets.import.no_name_column', 422);
export const createImportSyntaxError = defineError('assets.import.csv_syntax', 422);
export const createImportLineTooLongError = defineError('assets.import.line_too_long', 422);
export const createImportEmptyError = defineError('assets.import.empty', 422);
export const createImportNoRowsError = defineError('assets.import.no_rows', 422);
export const createImportColumnCountError = defineError('assets.import.column_count', 422);
export const createImportQuoteError = defineError('assets.import.quote_not_closed', 422);

/** Longer lines are refused: no inventory row is that long, and it bounds the memory one line can take. */
export const maxLineBytes = 1024 * 1024;

export type FieldProblem = { field: string; code: string; params: Record<string, string | number> };
/** One data line; `bytes` is how far into the file it ends, for a progress bar. */
export type RecordLine = { line: number; bytes: number; record: AssetRecord; problems: FieldProblem[] };

/** UTF-8 when every byte sequence is valid UTF-8, else Windows-1252; UTF-16 and binary files are refused. */
export async function detectEncoding(source: ImportSource): Promise<'utf-8' | 'windows-1252'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  let first = true;
  for await (const chunk of source.open() as AsyncIterable<Buffer>) {
    if (
      first &&
      chunk.length >= 2 &&
      ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
    )
      throw createImportEncodingError({ file: source.name, encoding: 'UTF-16' });
    first = false;
    if (chunk.includes(0)) throw createImportEncodingError({ file: source.name, encoding: 'binary' });
    if (valid) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        valid = false;
      }
    }
  }
  if (valid) {
    try {
      decoder.decode();
    } catch {
      valid = false;
    }
  }
  return valid ? 'utf-8' : 'windows-1252';
}

async function* decode(source: ImportSource, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source.open() as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The separator of the header line: Excel in French locales writes semicolons. */
function delimiterOf(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  const candidates = [';', ',', '\t'].sort((a, b) => count(b) - count(a));
  return candidates[0]!;
}

/** The decoded text with its first line already read, to choose the separator before parsing. */
async function peekHeader(
  chunks: AsyncGenerator<string>,
): Promise<{ header: string; text: AsyncIterable<string> }> {
  const seen: string[] = [];
  let length = 0;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    length += next.value.length;
    if (next.value.includes('\n') || length > maxLineBytes) break;
  }
  const start = seen.join('');
  async function* all() {
    yield start;
    yield* chunks;
  }
  return { header: start.split(/\r?\n/)[0] ?? '', text: all() };
}

export async function* readAssetCsv(source: ImportSource, format: ColumnFormat): AsyncGenerator<RecordLine> {
  const encoding = await detectEncoding(source);
  const { header, text } = await peekHeader(decode(source, encoding));
  if (!header.trim()) throw createImportEmptyError({ file: source.name });
  const parser = parse({
    bom: true,
    delimiter: delimiterOf(header),
    info: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: maxLineBytes,
  });
  Readable.from(text).pipe(parser);

  let columns: (ReturnType<typeof columnForHeader> | undefined)[] | undefined;
  let headers: string[] = [];
  // Memory grows with the names seen, not with the rows.
  const firstLineOf = new Map<string, number>();
  let lines = 0;
  const rows = parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>;
  try {
    for await (const { record: cells, info } of rows) {
      if (!columns) {
        headers = cells.map((h) => h.trim());
        columns = headers.map((h, index) => {
          const column = columnForHeader(h, format);
          if (!column && format === 'csv' && h)
            throw createImportUnknownColumnError({
              file: source.name,
              line: 1,
              column: h,
              position: index + 1,
            });
          return column;
        });
        if (!columns.some((c) => c?.key === 'name'))
          throw createImportNoNameColumnError({ file: source.name });
        continue;
      }
      const record: AssetRecord = { name: '', values: {} };
      const problems: FieldProblem[] = [];
      cells.forEach((raw, index) => {
        const column = columns![index];
        if (!column) return;
        const cell = (format === 'glpi' ? raw.replaceAll('$$##$$', ';') : raw).trim();
        try {
          column.read(cell, record);
        } catch (error) {
          if (!(error instanceof FieldError)) throw error;
          problems.push({ field: headers[index]!, code: error.code, params: error.params });
        }
      });
      // Problems name the column as the file's header does (`nom` in a French file).
      const nameHeader = headers[columns.findIndex((c) => c?.key === 'name')]!;
      if (!record.name) problems.unshift({ field: nameHeader, code: 'assets.field.required', params: {} });
      else {
        // The name is the natural key: a second line with it would silently overwrite the first.
        const first = firstLineOf.get(record.name);
        if (first === undefined) firstLineOf.set(record.name, info.lines);
        else
          problems.push({
            field: nameHeader,
            code: 'assets.field.duplicate',
            params: { value: record.name, line: first },
          });
      }
      lines++;
      yield { line: info.lines, bytes: info.bytes, record, problems };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      if (error.code === 'CSV_MAX_RECORD_SIZE')
        throw createImportLineTooLongError({ file: source.name, line, limit: '1 MB' });
      if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        const found = (error as CsvError & { record?: unknown[] }).record?.length ?? 0;
        throw createImportColumnCountError({ file: source.name, line, expected: headers.length, found });
      }
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw createImportQuoteError({ file: source.name, line });
      throw createImportSyntaxError({ file: source.name, line, detail: error.message });
    }
    throw error;
  } finally {
    parser.destroy();
  }
  if (!columns) throw createImportEmptyError({ file: source.name });
  // A header alone is most often the wrong sheet or an export that went wrong: said, rather than "0 created".
  if (lines === 0) throw createImportNoRowsError({ file: source.name });
}
