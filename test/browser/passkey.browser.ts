import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/core/auth/actor.ts';
import { buildOrg, strongPassword } from '../support/app.ts';
import { setUpBrowserSuite } from '../support/server.ts';

const { server, browser } = setUpBrowserSuite();

describe('passkeys in Chromium', () => {
  it('enrols a passkey as the second factor, signs in with it, and manages passkeys from the account', async () => {
    const org = await buildOrg(server);
    const { oneTimePassword } = await server.ctx.services.users.create(cliActor, {
      email: 'passkey.officer@example.org',
      displayName: 'Passkey Officer',
      role: 'security_officer',
      orgId: org.id,
    });
    const context = await browser().newContext({ locale: 'fr-CA' });
    const page = await context.newPage();
    // A virtual authenticator stands in for the fingerprint reader or the USB key.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const authenticatorOptions = {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    } as const;
    const first = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: authenticatorOptions });

    const signIn = async (password: string) => {
      await page.getByLabel('Courriel', { exact: true }).fill('passkey.officer@example.org');
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
    };
    await page.goto(server.url);
    await signIn(oneTimePassword);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(strongPassword);
    await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill(strongPassword);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();

    await page.getByLabel('Nom de cette clé', { exact: true }).fill('Virtual key');
    await page.getByRole('button', { name: "Créer la clé d'accès" }).click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.getByRole('button', { name: "J'ai conservé mes codes" }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await signIn(strongPassword);
    await page.getByRole('button', { name: "Utiliser une clé d'accès" }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();

    // From the account page: the only factor of a security officer cannot be removed; a second one can be added.
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByLabel('Mot de passe actuel', { exact: true }).first().fill(strongPassword);
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByRole('button', { name: 'Retirer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/dernier deuxième facteur/);
    // A second device: the first one already holds a key for this account and would refuse another.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first.authenticatorId });
    await cdp.send('WebAuthn.addVirtualAuthenticator', { options: authenticatorOptions });
    await page.getByLabel('Nom de cette clé', { exact: true }).fill('Deuxième clé');
    await page.getByRole('button', { name: "Créer la clé d'accès" }).click();
    await page.getByRole('button', { name: "J'ai conservé mes codes" }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Retirer' }).count()).toBe(2);
    await page.getByRole('button', { name: 'Retirer' }).first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Retirer' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'Deuxième clé' }).count()).toBe(1);

    const { rows } = await server.ctx.services.audit.list(cliActor, { action: 'auth.mfa', limit: 5 });
    expect(rows[0]).toMatchObject({
      actorLabel: 'passkey.officer@example.org',
      outcome: 'success',
      details: { method: 'passkey' },
    });
    await context.close();
  });
});
