import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { generate } from 'otplib';

// A real `vigie serve` process, as an operator starts it, for the benchmarks.
export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output: string;
  dataDir: string;
  stop(): Promise<void>;
};

/** Starts a server; on the data folder of a previous one when given (a warm start), else on a new one. */
export async function startServer(options: {
  port: number;
  databaseUrl?: string;
  dataDir?: string;
}): Promise<ServerProcess & { startMs: number }> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VIGIE_DATA_DIR: dataDir,
    PORT: String(options.port),
    VIGIE_LOG_LEVEL: 'warn',
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/vigie.mjs', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: ServerProcess = {
    url: `http://127.0.0.1:${options.port}`,
    child,
    output: '',
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
  child.stdout?.on('data', (d) => {
    server.output += String(d);
  });
  child.stderr?.on('data', (d) => {
    server.output += String(d);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`server did not become healthy:\n${server.output}`);
    const ok = await fetch(`${server.url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ...server, startMs: performance.now() - started };
}

/** Signs the first administrator in through the whole flow and answers its session cookie. */
export async function signInFirstAdmin(server: ServerProcess): Promise<string> {
  const password = server.output.match(/one-time password: (\S+)/)?.[1];
  if (!password) throw new Error('no one-time password printed');
  let cookie = '';
  let csrf = '';
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie,
        'x-csrf-token': csrf,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const json = (await response.json()) as { csrfToken?: string; secret?: string };
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
    if (json.csrfToken) csrf = json.csrfToken;
    return json;
  };
  await call('POST', '/api/v1/auth/sign-in', { email: 'admin@vigie.local', password });
  await call('POST', '/api/v1/auth/password', { newPassword: 'Benchmark passphrase 2026' });
  const setup = await call('POST', '/api/v1/auth/totp/setup');
  await call('POST', '/api/v1/auth/totp/confirm', { code: await generate({ secret: setup.secret! }) });
  return cookie;
}

/**
 * 50 clients on one URL of a running server for 10 s, after 2 s of the same load that are not counted: the figures
 * are those of a server in service (its code compiled, its pools' connections open), not of its first second, which
 * in a 10-s run made most of the 1 % slowest answers.
 */
export async function loadUrl(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  await autocannon({ url, connections: 50, duration: 2, headers });
  // The warm-up's last requests may still wait in the server (for the pool, or for PGlite's one connection): one
  // more request of the same kind queues behind them, and answers once they are through.
  await fetch(url, { headers });
  return autocannon({ url, connections: 50, duration: 10, headers });
}

/**
 * How long `url` took, asked one at a time every 50 ms while `work` runs: how long a request that needs no database
 * (the web app's page) waits while the server is under load.
 */
export async function probing<T>(
  url: string,
  work: () => Promise<T>,
): Promise<{ result: T; latency: { p50: number; p99: number; max: number; count: number } }> {
  const latencies: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(url).then((response) => response.arrayBuffer());
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  let result: T;
  try {
    result = await work();
  } finally {
    running = false;
    await probe;
  }
  latencies.sort((a, b) => a - b);
  const at = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
  return { result, latency: { p50: at(0.5), p99: at(0.99), max: at(1), count: latencies.length } };
}
