import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/core/auth/actor.ts';
import { buildOrg, strongPassword } from '../support/app.ts';
import { enrolTotpInFrench } from '../support/browser.ts';
import { setUpBrowserSuite } from '../support/server.ts';

const { server, browser } = setUpBrowserSuite();

describe('the web app in Chromium', () => {
  it('signs in, enrols TOTP, switches to English, opens the journal and signs out', async () => {
    const org = await buildOrg(server, { name: 'CISSS du navigateur' });
    const { oneTimePassword } = await server.ctx.services.users.create(cliActor, {
      email: 'browser.admin@example.org',
      displayName: 'Admin Navigateur',
      role: 'admin',
      orgId: org.id,
    });
    const context = await browser().newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Connexion à Vigie' }).count()).toBe(1);
    await page.getByLabel('Courriel', { exact: true }).fill('browser.admin@example.org');
    await page.getByLabel('Mot de passe', { exact: true }).fill(oneTimePassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(strongPassword);
    await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill(strongPassword);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();

    expect(await enrolTotpInFrench(page, server.clock.now())).toBe(10);
    // The catalog arrives after the page: wait for its rows rather than counting an empty table.
    await page.getByText('Pas encore évaluée', { exact: true }).first().waitFor();
    expect(await page.getByText('Pas encore évaluée', { exact: true }).count()).toBe(13);
    await page.screenshot({ path: 'test/browser/out/dashboard-fr.png' });

    // Each obligation page lists its requirements from the catalog.
    await page.getByRole('link', { name: '2. Gestion des vulnérabilités' }).first().click();
    await page.getByRole('heading', { name: '2. Gestion des vulnérabilités', level: 1 }).waitFor();
    expect(await page.locator('article.requirement').count()).toBe(11);
    expect(await page.getByText('Réaliser des balayages régulièrement', { exact: false }).count()).toBe(1);
    await page.screenshot({ path: 'test/browser/out/obligation-2-fr.png', fullPage: true });
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    expect((await server.ctx.services.users.findByEmail(cliActor, 'browser.admin@example.org')).locale).toBe(
      'en-CA',
    );

    await page.getByRole('link', { name: 'Audit journal' }).click();
    await page.getByRole('heading', { name: 'Audit journal' }).waitFor();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.getByText('auth.mfa_enrol').count()).toBeGreaterThan(0);
    expect(await table.getByText('auth.sign_in').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test/browser/out/journal-en.png' });

    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByText('Create a token', { exact: true }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('glpi-sync');
    await page.getByRole('button', { name: 'Create a token' }).click();
    const token = (await page.getByTestId('api-token').textContent())!.trim();
    const withToken = await page.request.get(`${server.url}/api/v1/orgs`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.status()).toBe(200);
    await page.getByRole('cell', { name: 'glpi-sync' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Vigie' }).waitFor();
    // The session is gone on the server too.
    expect((await page.request.get(`${server.url}/api/v1/me`)).status()).toBe(401);
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});
