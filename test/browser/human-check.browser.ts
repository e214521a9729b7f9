import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/core/auth/actor.ts';
import { buildOrg } from '../support/app.ts';
import { setUpBrowserSuite } from '../support/server.ts';

const { server, browser } = setUpBrowserSuite();

describe('the human check in Chromium', () => {
  it('appears after repeated failures, solves under the CSP, and lets the right password through', async () => {
    const org = await buildOrg(server);
    const { oneTimePassword } = await server.ctx.services.users.create(cliActor, {
      email: 'human@example.org',
      displayName: 'Human',
      role: 'employee',
      orgId: org.id,
    });
    const context = await browser().newContext({ locale: 'en-CA' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(server.url);
    await page.getByLabel('E-mail', { exact: true }).fill('human@example.org');
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong password ${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/confirm that you are a person/);
    const widget = page.getByTestId('human-check').locator('altcha-widget');
    await widget.waitFor();
    const state = widget.locator('[data-state]').first();
    expect(await state.getAttribute('data-state')).toBe('unverified');
    // What a person does: tick the box; the browser then works out the proof of work.
    await widget.locator('label').first().click();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 30_000 }).toBe('verified');

    await page.getByLabel('Password', { exact: true }).fill(oneTimePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.screenshot({ path: 'test/browser/out/human-check.png' });
    expect(problems.filter((p) => !/status of 40[13]|428/.test(p))).toEqual([]);
    await context.close();
  });
});
