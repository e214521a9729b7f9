// What the server's thread and the embedded database's thread say to each other (decision 0014). Only data crosses:
// functions (a driver's parsers) cannot, so a query names the types whose text it keeps instead.
import type { Results, RowMode } from '@electric-sql/pglite';

/** PGlite's WebAssembly, compiled once per process (pglite-thread-client.ts). */
export type WasmModules = { pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module };
export type ThreadStart = { dataDir?: string } & WasmModules;

/** What the server's thread asks; each request carries an id, and its reply the same id. */
export type ThreadOperation =
  | {
      op: 'query';
      sql: string;
      params: unknown[];
      rowMode: RowMode;
      /** Types returned as the text PostgreSQL sent, not parsed into numbers, dates or arrays. */
      textTypes: number[];
      blob?: Blob;
      /** The open transaction this query belongs to; none runs it on its own, after any transaction. */
      tx?: number;
    }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };
export type ThreadRequest = { id: number } & ThreadOperation;

/** An error's message and PostgreSQL's fields about it (code, detail, constraint…): what callers test. */
export type ThreadError = { message: string; fields: Record<string, string | number> };

export type ThreadReply =
  | { id: number; value: Results<unknown> | Results[] | number | null }
  | { id: number; error: ThreadError }
  | { ready: true }
  | { id: 0; startError: ThreadError };
