import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDbKind } from './support/database.ts';
import { freePort } from './support/server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-serve-'));
let database: TestDatabase | undefined;
afterAll(async () => {
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `vigie serve` as the README starts it; resolves once healthy with what it printed, then stops it. */
async function serveOnce(env: NodeJS.ProcessEnv): Promise<{ output: string; health: unknown }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/vigie.mjs', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), VIGIE_DATA_DIR: dataDir, VIGIE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`vigie serve did not become healthy:\n${output}`);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => (r.ok ? r.json() : undefined),
        () => undefined,
      );
      if (health) return { output, health };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve),
    );
  }
}

describe('vigie serve', () => {
  it('creates the first administrator with a one-time password on an empty database, and only then', async () => {
    const env: NodeJS.ProcessEnv = {};
    if (testDbKind === 'postgresql') {
      database = await createTestDatabase({ migrate: false });
      env.DATABASE_URL = database.url;
    }
    const first = await serveOnce(env);
    expect(first.health).toEqual({ status: 'ok', database: testDbKind, migrations: 'current' });
    expect(first.output).toContain('e-mail:            admin@vigie.local');
    expect(first.output).toMatch(/one-time password: [A-Za-z0-9]{20}\n/);
    expect(first.output).not.toMatch(/"level"/);

    const second = await serveOnce(env);
    expect(second.output).not.toMatch(/one-time password/);
    // The lock file went with the process: the data folder is free again.
    expect(fs.existsSync(path.join(dataDir, 'vigie.lock'))).toBe(false);
  });
});
