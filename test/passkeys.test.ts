import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { buildOrg, createAgent, expectOk, setUpTestApp, strongPassword } from './support/app.ts';

const t = setUpTestApp({ VIGIE_PUBLIC_URL: 'https://vigie.cisss.example' });

describe('passkey ceremonies over HTTP', () => {
  it('bind options to the public host, use each challenge once, and refuse a forged response', async () => {
    const org = await buildOrg(t);
    const { oneTimePassword } = await t.ctx.services.users.create(cliActor, {
      email: 'pk@example.org',
      displayName: 'PK',
      role: 'admin',
      orgId: org.id,
    });
    const agent = createAgent(t.app);
    await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'pk@example.org', password: oneTimePassword },
      }),
    );
    await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { newPassword: strongPassword },
      }),
    );

    const forged = {
      name: 'forged',
      response: {
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'e30', attestationObject: 'AA' },
        clientExtensionResults: {},
      },
    };
    const early = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/registration',
      payload: forged,
    });
    expect(early.statusCode).toBe(409);

    const options = (
      await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/passkeys/registration-options' }))
    ).json();
    expect(options.rp).toEqual({ name: 'Vigie', id: 'vigie.cisss.example' });
    expect(options.user.name).toBe('pk@example.org');
    const refused = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/registration',
      payload: forged,
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('auth.invalid_code');
    // The challenge went with the failed attempt.
    expect(
      (await agent.request({ method: 'POST', url: '/api/v1/auth/passkeys/registration', payload: forged }))
        .statusCode,
    ).toBe(409);

    const { rows } = await t.ctx.services.audit.list(cliActor, { action: 'auth.mfa_enrol', limit: 5 });
    expect(rows[0]).toMatchObject({ outcome: 'failure', details: { method: 'passkey' } });
    // A session that has not proven a factor cannot ask for sign-in options.
    expect(
      (await agent.request({ method: 'POST', url: '/api/v1/auth/passkeys/authentication-options' }))
        .statusCode,
    ).toBe(409);
  });
});
