import fs from 'node:fs';
import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import { launchBrowser } from './browser.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A test app listening on a free port of localhost, for browser tests. Its public URL is that address, since
 * passkeys are bound to the host name the browser uses.
 */
export async function startTestServer(): Promise<TestApp & { url: string }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const t = await createTestApp({ VIGIE_PUBLIC_URL: url });
  await t.app.listen({ port, host: 'localhost' });
  return { ...t, url };
}

/**
 * A browser test file's server and Chromium, started before its tests and stopped after them. The browser is
 * read through `browser()` since it exists only once the hook has run.
 */
export function setUpBrowserSuite() {
  const server = {} as TestApp & { url: string };
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!fs.existsSync('web/dist/index.html')) throw new Error('build the web app first: npm run build:web');
    Object.assign(server, await startTestServer());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server.close?.();
  });
  return {
    server,
    browser: () => {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
  };
}
