import type { Command } from 'commander';

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
  /** A message in the operator's language (LANG) for a code, for commands that report several problems. */
  t(code: string, params?: Record<string, string | number>): string;
  /** A progress bar on a terminal's standard error; does nothing elsewhere (pipes, CI, JSON output). */
  progress(total: number, unit: string): Progress;
};

export type Progress = { update(done: number): void; stop(): void };

export class UsageError extends Error {}

/** Wraps a command's action: opens what it needs, maps errors to messages and exit codes, closes. */
export type CommandRunner<S> = <A extends unknown[]>(
  // A number resolved is the exit code; anything else means success.
  action: (services: S, io: CliIo, ...args: A) => Promise<unknown>,
) => (...args: A) => Promise<void>;

export type CommandRegistrar<S> = (program: Command, run: CommandRunner<S>) => void;
