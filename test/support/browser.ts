import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { totpCode } from './app.ts';

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

/**
 * Enrols an authenticator app on the page the password change leaves open, in French, and keeps the recovery codes:
 * the dashboard follows. Answers how many codes were shown.
 */
export async function enrolTotpInFrench(page: Page, now: Date): Promise<number> {
  await page.getByRole('button', { name: 'Afficher le code QR' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByRole('img', { name: /Code QR/ }).waitFor();
  await page.getByLabel('Code à 6 chiffres', { exact: true }).fill(await totpCode(secret, now));
  await page.getByRole('button', { name: 'Activer' }).click();
  // The codes arrive with the server's answer: wait for them before counting.
  await page.getByTestId('recovery-codes').locator('li').first().waitFor();
  const codes = await page.getByTestId('recovery-codes').locator('li').count();
  await page.getByRole('button', { name: "J'ai conservé mes codes" }).click();
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  return codes;
}
