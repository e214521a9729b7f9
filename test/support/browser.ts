import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

// Debian's Chromium, with the flags that keep it from reaching out to a network this machine does not have.
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `browser tests need Chromium at ${executablePath}: apt-get install -y chromium (or set VIGIE_CHROMIUM)`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
