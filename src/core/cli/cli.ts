import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Locale } from '../i18n/locale.ts';

// What every CLI command shares: human output by default, JSON for scripts, exit codes 0 success,
// 1 failure, 2 bad usage.
export type CliFormat = 'human' | 'json';

export type CliIo = {
  format: CliFormat;
  /** Prints the human text, or the JSON value when --format json was asked. */
  result(human: string, json: unknown): void;
  /** Raw output (a CSV file) on standard output. */
  write(text: string): void;
  /** Progress and notes for a person, on standard error so JSON output stays clean. */
  note(text: string): void;
  /** The operator's language, from LANG: French (Quebec) unless it names English. */
  locale: Locale;
  /** A message in the operator's language for a code: every human text a command prints goes through it. */
  t(code: string, params?: Record<string, string | number>): string;
  /** A progress bar on a terminal's standard error; does nothing elsewhere (pipes, CI, JSON output). */
  progress(total: number, unit: string): Progress;
};

export type Progress = { update(done: number): void; stop(): void };

/** Bad usage (exit code 2), reported by a message code so that the operator reads it in their language. */
export class UsageError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** Reads an option's value that `schema` must accept: otherwise bad usage (exit code 2) naming the option. */
const accepted =
  (schema: z.ZodType<string>, code: string) =>
  (option: string) =>
  (value: string): string => {
    if (!schema.safeParse(value).success) throw new UsageError(code, { option, value });
    return value;
  };

/**
 * An option that names a row by its id (`--org`, `--parent`, `--evaluation`): a UUID, refused here rather than by
 * the database's first statement that meets it.
 */
export const idOf = accepted(z.uuid(), 'cli.usage.not_an_id');

/** An option that gives an e-mail address, as the API's schemas require it (an account signs in with it). */
export const emailOf = accepted(z.email(), 'cli.usage.not_an_email');

/**
 * Writes a command's output file (`--out`) whole or not at all: beside it first, then renamed over it, so that a
 * failure half-way leaves no half-written export or report. A file error names the file the operator gave, not its
 * partial copy (the CLI words it: `cli.file.*`).
 */
export async function writeWhole(
  file: string,
  content: string | Buffer | AsyncIterable<string>,
): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    // A string or a buffer is one chunk; an iterable, one chunk per part as it comes.
    await pipeline(Readable.from(content), fs.createWriteStream(partial));
    await fs.promises.rename(partial, file);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    const failed = error as NodeJS.ErrnoException;
    if (failed.path === partial) failed.path = file;
    throw error;
  }
}

/** Wraps a command's action: opens what it needs, maps errors to messages and exit codes, closes. */
export type CommandRunner<S> = <A extends unknown[]>(
  // A number resolved is the exit code; anything else means success.
  action: (services: S, io: CliIo, ...args: A) => Promise<unknown>,
) => (...args: A) => Promise<void>;

export type CommandRegistrar<S> = (program: Command, run: CommandRunner<S>) => void;
