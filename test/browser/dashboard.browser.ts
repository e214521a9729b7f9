import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/core/auth/actor.ts';
import { bufferSource, fileSource } from '../../src/modules/assets/importers/import-source.ts';
import { buildOrg, listAssets, strongPassword } from '../support/app.ts';
import { enrolTotpInFrench } from '../support/browser.ts';
import { setUpBrowserSuite } from '../support/server.ts';

const { server, browser } = setUpBrowserSuite();

/** A new user, and their first sign-in in French through the password change, on the page it leaves open. */
async function signInNewUser(
  user: Parameters<typeof server.ctx.services.users.create>[1] & { email: string },
) {
  const { oneTimePassword } = await server.ctx.services.users.create(cliActor, user);
  const context = await browser().newContext({ locale: 'fr-CA' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Courriel', { exact: true }).fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(oneTimePassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(strongPassword);
  await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill(strongPassword);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  return { context, page };
}

/** A biomedical engineer of a new organization, signed in, on its inventory page, still empty. */
async function onEmptyInventory(orgName: string, email: string, displayName: string) {
  const org = await buildOrg(server, { name: orgName });
  const { context, page } = await signInNewUser({
    email,
    displayName,
    role: 'biomedical_engineer',
    orgId: org.id,
  });
  await page.getByRole('link', { name: 'Inventaire', exact: true }).click();
  await page.getByText('0 actif', { exact: true }).waitFor();
  return { org, context, page };
}

describe('the compliance dashboard in Chromium', () => {
  it('drills down from an obligation to its failing items and to the asset page', async () => {
    const org = await buildOrg(server, { name: 'CISSS de la Côte' });
    await server.ctx.services.assets.importAssets(
      cliActor,
      fileSource(path.resolve('test/fixtures/assets/inventory-en.csv')),
      {
        orgId: org.id,
        format: 'csv',
      },
    );
    const { context, page } = await signInNewUser({
      email: 'auditrice@example.org',
      displayName: 'Auditrice',
      role: 'auditor',
      orgId: org.id,
    });

    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByText('Conformité globale :').waitFor();
    // When, then what: the time and the counts in one sentence ("p.m.." in English before).
    await page.getByText(/^Évaluée le .+ \d\d? h \d\d — 4 exigences mesurées à partir des données/).waitFor();
    const firstRow = page.getByRole('row').filter({ hasText: '1. Inventaire des actifs informationnels' });
    await firstRow.getByText('Partielle').waitFor();
    expect(await firstRow.getByText('2 mesurées, 0 par attestation').count()).toBe(1);
    await page.screenshot({ path: 'test/browser/out/dashboard-evaluated-fr.png', fullPage: true });

    await firstRow.getByRole('link').click();
    await page.getByRole('heading', { name: '1. Inventaire des actifs informationnels', level: 1 }).waitFor();
    const requirement = page.locator('article.requirement').filter({ hasText: 'MSSS-1.2' });
    await requirement.getByText('Éléments en défaut (1)').waitFor();
    await page.screenshot({ path: 'test/browser/out/obligation-1-fr.png', fullPage: true });
    await requirement.getByRole('link', { name: 'PERFUSION-04' }).click();

    await page.getByRole('heading', { name: 'PERFUSION-04', level: 1 }).waitFor();
    expect(
      await page.getByText('MSSS-1.2 : champs manquants : version du système d’exploitation').count(),
    ).toBe(1);
    expect(await page.getByText('Appareil biomédical').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test/browser/out/asset-fr.png', fullPage: true });

    // The auditor reads; the inventory page lists, sorts and searches, but offers no import.
    await page.getByRole('link', { name: 'Inventaire', exact: true }).click();
    await page.getByText('5 actifs').waitFor();
    expect(await page.getByRole('heading', { name: 'Importer un inventaire' }).count()).toBe(0);
    await page.getByLabel("Rechercher (nom, série, modèle, IP, nom d'hôte)").fill('10.20.0.1');
    await page.getByText('1 actif', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'FW-PERIMETRE' }).count()).toBe(1);
    // The toolbar's filters, their totals read off the counts the database keeps (migration 0018).
    await page.getByLabel("Rechercher (nom, série, modèle, IP, nom d'hôte)").fill('');
    await page.getByText('5 actifs').waitFor();
    await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: 'Appareil biomédical' });
    await page.getByText('1 actif', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'PERFUSION-04' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: 'Toutes' });
    await page.getByLabel('Criticité', { exact: true }).selectOption({ label: 'Critique' });
    await page.getByText('3 actifs', { exact: true }).waitFor();
    const listed = await page.locator('tbody tr td:first-child').allTextContents();
    expect(listed).toEqual(['FW-PERIMETRE', 'PERFUSION-04', 'SRV-DOSSIER-01']);
    await context.close();
  });

  it('imports an inventory through the preview, then completes a record and sees the requirement pass', async () => {
    const { org, context, page } = await onEmptyInventory(
      'Hôpital du Fjord',
      'biomed@example.org',
      'Ingénieure biomédicale',
    );
    // A refused file: each line with its problems, a line without a name named by its number alone.
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({
      name: 'erreurs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,category,ip\nPOMPE-01,biomedical,10.0.0.300\n,server,\n'),
    });
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText('Refusé : 2 lignes en erreur, rien n’a été écrit.', { exact: false }).waitFor();
    expect(await page.locator('.panel li').allTextContents()).toEqual(
      expect.arrayContaining([
        'Ligne 2 — POMPE-01 : ip : « 10.0.0.300 » n’est pas une adresse IP valide',
        'Ligne 3 : name : valeur obligatoire manquante',
      ]),
    );
    await page
      .getByLabel('Fichier', { exact: true })
      .setInputFiles(path.resolve('test/fixtures/assets/inventory-en.csv'));
    // The page asks for the import's progress: the server answers line by line (the report, last, shows below).
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/assets/import'));
    await page.getByRole('button', { name: 'Aperçu' }).click();
    expect((await answered).headers()['content-type']).toBe('application/x-ndjson');
    await page.getByText('Aperçu : 5 à créer, 0 à modifier, 0 inchangé. Rien n’est encore écrit.').waitFor();
    // The preview wrote nothing.
    const inOrg = async () =>
      (
        await listAssets(server.ctx, {
          sort: 'name',
          direction: 'asc',
          limit: 100,
          offset: 0,
        })
      ).rows.filter((a) => a.orgId === org.id).length;
    expect(await inOrg()).toBe(0);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Importé : 5 créés, 0 modifié, 0 inchangé.').waitFor();
    await page.getByText('5 actifs').waitFor();
    await page.screenshot({ path: 'test/browser/out/inventory-fr.png', fullPage: true });

    await page.getByRole('link', { name: 'PERFUSION-04' }).click();
    await page.getByRole('heading', { name: 'PERFUSION-04', level: 1 }).waitFor();
    await page.getByText('MSSS-1.2 : champs manquants : version du système d’exploitation').waitFor();
    await page.getByText('Compléter ou corriger la fiche').click();
    await page.getByLabel("Version du système d'exploitation", { exact: true }).fill('4.14');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Cet actif ne fait échouer aucune exigence mesurée.').waitFor();
    expect(await page.getByText('Rehaussement — biomed@example.org (web)').count()).toBe(1);
    await server.ctx.services.compliance.idle();
    const status = await server.ctx.services.compliance.status(cliActor, org.id);
    expect(status!.obligations[0]!.requirements[1]!.status).toBe('met');
    await context.close();
  });

  it('shows how far a large import has gone, batch after batch, then its preview', async () => {
    const { context, page } = await onEmptyInventory(
      'Hôpital de la Baie',
      'grand-import@example.org',
      'Technicien biomédical',
    );
    // The page notes each state the progress shows: this test's process, which also runs the server and its
    // embedded database, cannot look at the page while a batch is being written.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.import-progress')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const rows = Array.from({ length: 5000 }, (_, i) => `POSTE-${i},workstation,Personne ${i % 40}`);
    await page.getByLabel('Fichier', { exact: true }).setInputFiles({
      name: 'postes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,category,owner\n${rows.join('\n')}\n`),
    });
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.getByText(/^Aperçu : 5\s000 à créer/).waitFor();
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    // French writes "20 %" with a narrow no-break space; the file's share grows, then the preview is prepared.
    const shares = seen.flatMap((text) => {
      const share = /^Lecture et vérification : (\d+)\s%\sdu fichier$/.exec(text)?.[1];
      return share ? [Number(share)] : [];
    });
    // One step per batch of 1,000 lines but the last (which reads 100 %), each shown as it came, in order.
    expect(seen[0]).toBe('Lecture et vérification du fichier… (une minute environ pour 100 000 lignes)');
    expect(shares).toHaveLength(4);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.every((share) => share > 0 && share < 100)).toBe(true);
    expect(seen.at(-1)).toBe('Fichier vérifié ; préparation de l’aperçu…');
    expect(await page.locator('.import-progress').count()).toBe(0);
    await context.close();
  });

  it('lets a regional user pick an establishment and see its own dashboard and inventory', async () => {
    const region = await buildOrg(server, { name: 'CISSS des Îles' });
    const hospital = await buildOrg(server, { name: 'Hôpital de l’Étang', parentId: region.id });
    await buildOrg(server, { name: 'CLSC du Havre', parentId: region.id });
    await server.ctx.services.assets.importAssets(
      cliActor,
      fileSource(path.resolve('test/fixtures/assets/inventory-en.csv')),
      {
        orgId: hospital.id,
        format: 'csv',
      },
    );
    const { context, page } = await signInNewUser({
      email: 'region.auditor@example.org',
      displayName: 'Auditeur régional',
      role: 'auditor',
      orgId: region.id,
    });

    // The region's evaluation covers the hospital's assets (evaluated after the import, with those above), and
    // names whose each failing item is.
    await page.getByText('Conformité globale :').waitFor();
    await page.getByRole('link', { name: '1. Inventaire des actifs informationnels' }).first().click();
    await page
      .locator('article.requirement')
      .filter({ hasText: 'MSSS-1.2' })
      .getByText('PERFUSION-04 (Hôpital de l’Étang) : champs manquants')
      .waitFor();
    await page.getByRole('link', { name: 'Inventaire', exact: true }).click();
    await page.getByText('5 actifs').waitFor();
    // The region's list says whose each asset is, and so does the asset's page.
    expect(await page.getByRole('cell', { name: 'Hôpital de l’Étang' }).count()).toBe(5);
    await page.getByRole('link', { name: 'PERFUSION-04' }).click();
    await page.getByRole('heading', { name: 'PERFUSION-04', level: 1 }).waitFor();
    expect(await page.locator('.fact').filter({ hasText: 'Organisation' }).textContent()).toBe(
      'OrganisationHôpital de l’Étang',
    );
    await page.getByRole('link', { name: 'Inventaire', exact: true }).click();
    await page
      .getByLabel('Organisation', { exact: true })
      .selectOption({ label: '\u00a0\u00a0CLSC du Havre' });
    await page.getByText('0 actif', { exact: true }).waitFor();
    // An establishment with none below it lists its own assets only: no column for whose they are.
    expect(await page.getByRole('columnheader', { name: 'Organisation' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByText("Votre organisation n'a pas encore été évaluée.", { exact: false }).waitFor();
    await page
      .getByLabel('Organisation', { exact: true })
      .selectOption({ label: '\u00a0\u00a0Hôpital de l’Étang' });
    const firstRow = page.getByRole('row').filter({ hasText: '1. Inventaire des actifs informationnels' });
    await firstRow.getByText('Partielle').waitFor();
    await context.close();
  });

  it('attests a requirement no check measures yet, with its evidence file, and the requirement is met as declared', async () => {
    const org = await buildOrg(server, { name: 'Clinique du Phare' });
    const { context, page } = await signInNewUser({
      email: 'securite@phare.example.org',
      displayName: 'Responsable de la sécurité',
      role: 'security_officer',
      orgId: org.id,
    });
    await enrolTotpInFrench(page, server.clock.now());
    await page.getByRole('link', { name: '6. Stratégie de sauvegarde des données' }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const requirement = page.locator('article.requirement').filter({ hasText: 'MSSS-6.1' });
    await requirement.getByText('Pas encore évaluée').waitFor();
    await requirement.getByRole('button', { name: 'Attester' }).click();
    const today = server.clock.dayOf(server.clock.now());
    const evidence = Buffer.from('%PDF-1.4 rapport de sauvegarde Veeam du jour');
    await requirement
      .getByLabel('Énoncé (ce qui est fait, par qui)')
      .fill('Sauvegarde quotidienne par Veeam, vérifiée chaque matin par l’équipe TI.');
    await requirement.getByLabel('En vigueur le').fill(today);
    await requirement.getByLabel('Expire le').fill(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    await requirement
      .getByLabel('Pièce justificative')
      .setInputFiles({ name: 'sauvegarde.pdf', mimeType: 'application/pdf', buffer: evidence });
    await requirement.getByRole('button', { name: "Enregistrer l'attestation" }).click();

    await requirement.getByText('Conforme', { exact: true }).waitFor();
    expect(await requirement.getByText('déclarée', { exact: true }).count()).toBe(1);
    const sha256 = createHash('sha256').update(evidence).digest('hex');
    await requirement.getByText(`pièce : sauvegarde.pdf (SHA-256 ${sha256})`, { exact: false }).waitFor();
    // The file downloads as it was given.
    const link = await requirement.getByRole('link', { name: 'télécharger' }).getAttribute('href');
    const downloaded = await page.request.get(new URL(link!, server.url).toString());
    expect(Buffer.from(await downloaded.body())).toEqual(evidence);
    await page.screenshot({ path: 'test/browser/out/attestation-fr.png', fullPage: true });

    const status = await server.ctx.services.compliance.status(cliActor, org.id);
    const declared = status!.obligations[5]!.requirements.find((r) => r.id === 'MSSS-6.1');
    expect(declared).toMatchObject({ status: 'met', mode: 'declared' });
    await context.close();
  });

  it('pages through a long inventory with Next and Previous', async () => {
    const org = await buildOrg(server, { name: 'Centre hospitalier des Îles' });
    const lines = Array.from({ length: 120 }, (_, i) => `POSTE-${String(i).padStart(3, '0')},workstation`);
    await server.ctx.services.assets.importAssets(
      cliActor,
      bufferSource('postes.csv', Buffer.from(`name,category\n${lines.join('\n')}\n`)),
      { orgId: org.id, format: 'csv' },
    );
    const { context, page } = await signInNewUser({
      email: 'postes.auditor@example.org',
      displayName: 'Auditeur',
      role: 'auditor',
      orgId: org.id,
    });
    await page.getByRole('link', { name: 'Inventaire', exact: true }).click();
    await page.getByText('1–50 sur 120').waitFor();
    const next = page.getByRole('button', { name: 'Suivants' });
    // The next page held back by the network: the range and Next stay those of the rows on screen meanwhile (a
    // second click would ask for the same page again).
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/v1\/assets\?.*after=/, async (route) => {
      await held;
      await route.continue();
    });
    const asked = page.waitForRequest(/\/api\/v1\/assets\?.*after=/);
    await next.click();
    await asked;
    expect(await page.getByText('1–50 sur 120').count()).toBe(1);
    expect(await next.isDisabled()).toBe(true);
    release();
    await page.getByText('51–100 sur 120').waitFor();
    expect(await page.getByRole('link', { name: 'POSTE-050' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'POSTE-000' }).count()).toBe(0);
    await next.click();
    await page.getByText('101–120 sur 120').waitFor();
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Précédents' }).click();
    await page.getByText('51–100 sur 120').waitFor();
    expect(await page.getByRole('link', { name: 'POSTE-099' }).count()).toBe(1);
    await context.close();
  });
});
