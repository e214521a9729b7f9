import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { buildOrg, createAgent, expectOk, setUpTestApp, strongPassword, totpCode } from './support/app.ts';

const t = setUpTestApp();

describe('logs', () => {
  it('never contain a password, code, token or secret across a whole sign-in flow', async () => {
    const org = await buildOrg(t);
    const { oneTimePassword } = await t.ctx.services.users.create(cliActor, {
      email: 'logged@example.org',
      displayName: 'L',
      role: 'admin',
      orgId: org.id,
    });
    const agent = createAgent(t.app);
    await agent.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'logged@example.org', password: 'wrong password here' },
    });
    await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'logged@example.org', password: oneTimePassword },
      }),
    );
    await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { newPassword: strongPassword },
      }),
    );
    const setup = (await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' }))).json();
    const code = await totpCode(setup.secret, t.clock.now());
    const confirmed = (
      await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code } }))
    ).json();
    await expectOk(agent.request({ method: 'GET', url: '/api/v1/me' }));
    await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/sign-out' }));

    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(500);
    const secrets = [
      oneTimePassword,
      strongPassword,
      'wrong password here',
      setup.secret,
      code,
      confirmed.csrfToken,
      confirmed.recoveryCodes[0],
      agent.cookie?.split('=')[1] ?? 'no-cookie',
    ];
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
