import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { createUsersRepository } from '../src/modules/users/users.repository.ts';
import {
  buildOrg,
  createAgent,
  expectOk,
  setUpTestApp,
  signedInAgent,
  strongPassword,
  totpCode,
} from './support/app.ts';

const t = setUpTestApp();

/** What the ALTCHA widget does in the browser: fetch a challenge, solve it, send the payload. */
async function solvedHumanCheck(): Promise<string> {
  const challenge = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/human-check' })).json();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

async function journal(action: string) {
  const { rows } = await t.ctx.services.audit.list(cliActor, { action, limit: 100 });
  return rows;
}

describe('signing in', () => {
  it('takes a new administrator through password change and TOTP enrolment before anything else', async () => {
    const org = await buildOrg(t);
    const { oneTimePassword } = await t.ctx.services.users.create(cliActor, {
      email: 'first.admin@example.org',
      displayName: 'First Admin',
      role: 'admin',
      orgId: org.id,
    });
    const agent = createAgent(t.app);
    const signIn = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'First.Admin@example.org', password: oneTimePassword },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().stage).toBe('password_change');
    expect(signIn.json().user).not.toHaveProperty('passwordHash');

    // Half-signed-in sessions reach nothing but the sign-in steps.
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' })).statusCode).toBe(409);

    const weak = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { newPassword: 'password1234' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('users.weak_password');

    const changed = await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { newPassword: strongPassword },
      }),
    );
    expect(changed.json().stage).toBe('mfa_enrolment');

    const setup = await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' }));
    expect(setup.json().uri).toMatch(/^otpauth:\/\/totp\/Vigie:first\.admin%40example\.org\?/);
    expect(setup.json().qrCode).toMatch(/^data:image\/png;base64,/);
    const wrong = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);

    const confirmed = await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        payload: { code: await totpCode(setup.json().secret, t.clock.now()) },
      }),
    );
    expect(confirmed.json().stage).toBe('active');
    expect(confirmed.json().recoveryCodes).toHaveLength(10);

    const me = await expectOk(agent.request({ method: 'GET', url: '/api/v1/me' }));
    expect(me.json().user).toMatchObject({
      email: 'first.admin@example.org',
      role: 'admin',
      mfaEnabled: true,
    });
    expect(me.json().permissions).toContain('users.manage');
    expect(me.body).not.toMatch(/secret|passwordHash|password_hash|argon2/i);
    expect(me.body).not.toContain(setup.json().secret);
  });

  it('issues a new session identifier at each step; the old cookie stops working', async () => {
    const agent = await signedInAgent(t, { role: 'security_officer' });
    const activeCookie = agent.cookie;
    t.clock.advance(31_000);
    await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/sign-out' }));
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: activeCookie! } }))
        .statusCode,
    ).toBe(401);
  });

  it('asks the second factor at every sign-in, accepts each TOTP code once, and each recovery code once', async () => {
    const first = await signedInAgent(t, { role: 'admin', email: 'mfa.user@example.org' });
    t.clock.advance(31_000);
    const agent = createAgent(t.app);
    const signIn = await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'mfa.user@example.org', password: strongPassword },
      }),
    );
    expect(signIn.json().stage).toBe('mfa');
    const code = await totpCode(first.totpSecret!, t.clock.now());
    await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/mfa', payload: { code } }));
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    // The same code, replayed in the same 30-second step by another client, is refused.
    const replay = createAgent(t.app);
    await expectOk(
      replay.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'mfa.user@example.org', password: strongPassword },
      }),
    );
    const replayed = await replay.request({ method: 'POST', url: '/api/v1/auth/mfa', payload: { code } });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe('auth.invalid_code');

    const recovery = first.recoveryCodes![0]!;
    await expectOk(
      replay.request({
        method: 'POST',
        url: '/api/v1/auth/mfa',
        payload: { recoveryCode: recovery.toLowerCase() },
      }),
    );
    const again = createAgent(t.app);
    await expectOk(
      again.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'mfa.user@example.org', password: strongPassword },
      }),
    );
    expect(
      (await again.request({ method: 'POST', url: '/api/v1/auth/mfa', payload: { recoveryCode: recovery } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await journal('auth.mfa')).some(
        (e) => e.outcome === 'failure' && e.actorLabel === 'mfa.user@example.org',
      ),
    ).toBe(true);
  });

  it('never lets a password reset bypass MFA', async () => {
    const agent = await signedInAgent(t, { role: 'admin', email: 'reset.me@example.org' });
    const { oneTimePassword } = await t.ctx.services.users.resetPassword(cliActor, agent.userId!);
    // The reset ended every session of the account.
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const fresh = createAgent(t.app);
    const signIn = await expectOk(
      fresh.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'reset.me@example.org', password: oneTimePassword },
      }),
    );
    expect(signIn.json().stage).toBe('mfa');
    expect(
      (
        await fresh.request({
          method: 'POST',
          url: '/api/v1/auth/password',
          payload: { newPassword: 'Another long passphrase 9' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('refuses a wrong password with one message whether or not the account exists, and journals both', async () => {
    const agent = createAgent(t.app);
    const unknown = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@example.org', password: 'whatever it is' },
    });
    const wrong = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'mfa.user@example.org', password: 'not the password' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    const failures = (await journal('auth.sign_in')).filter((e) => e.outcome === 'failure');
    expect(failures.map((e) => e.details.reason)).toEqual(
      expect.arrayContaining(['unknown_account', 'bad_password']),
    );
  });

  it('asks for the human check after repeated failures, blocks the source, and never locks the account', async () => {
    await signedInAgent(t, { role: 'employee', email: 'target@example.org' });
    const attempt = (remoteAddress: string, password: string, altcha?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress,
        payload: { email: 'target@example.org', password, altcha },
      });
    const attacker = '203.0.113.9';
    for (let i = 0; i < 3; i++) expect((await attempt(attacker, `guess number ${i}`)).statusCode).toBe(401);
    const asked = await attempt(attacker, 'guess number 3');
    expect(asked.statusCode).toBe(428);
    expect(asked.json().error.code).toBe('auth.human_check_required');

    // A solved challenge lets one more try through; the same solution cannot be used twice.
    const payload = await solvedHumanCheck();
    expect((await attempt(attacker, 'guess number 4', payload)).statusCode).toBe(401);
    expect((await attempt(attacker, 'guess number 5', payload)).statusCode).toBe(428);
    expect((await attempt(attacker, 'guess number 6', 'bm90IGEgcGF5bG9hZA==')).statusCode).toBe(428);

    // A source with ten recent failures is refused outright, even with the right password.
    const repository = createUsersRepository();
    for (let i = 0; i < 10; i++)
      await repository.recordFailure(t.database.db, '203.0.113.50', 'target@example.org', t.clock.now());
    const blocked = await attempt('203.0.113.50', strongPassword, await solvedHumanCheck());
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.source_blocked');

    // The owner, elsewhere, is asked the human check (the account drew failures) but is never locked out.
    const owner = '198.51.100.7';
    expect((await attempt(owner, strongPassword)).statusCode).toBe(428);
    expect((await attempt(owner, strongPassword, await solvedHumanCheck())).statusCode).toBe(200);
  });

  it('replaces the authenticator app from an active session only after the password is confirmed', async () => {
    const agent = await signedInAgent(t, { role: 'admin', email: 'replace.totp@example.org' });
    const early = await agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' });
    t.clock.advance(6 * 60_000);
    expect((await agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' })).json().error.code).toBe(
      'auth.reauth_required',
    );
    expect(early.statusCode).toBe(200);
    await expectOk(
      agent.request({ method: 'POST', url: '/api/v1/auth/reauth', payload: { password: strongPassword } }),
    );
    const setup = (await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' }))).json();
    const confirmed = await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        payload: { code: await totpCode(setup.secret, t.clock.now()) },
      }),
    );
    expect(confirmed.json()).toMatchObject({ stage: 'active', recoveryCodes: expect.any(Array) });
    // The old recovery codes are gone with the old factor set.
    t.clock.advance(31_000);
    const next = createAgent(t.app);
    await expectOk(
      next.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'replace.totp@example.org', password: strongPassword },
      }),
    );
    expect(
      (
        await next.request({
          method: 'POST',
          url: '/api/v1/auth/mfa',
          payload: { recoveryCode: agent.recoveryCodes![0] },
        })
      ).statusCode,
    ).toBe(401);
    await expectOk(
      next.request({
        method: 'POST',
        url: '/api/v1/auth/mfa',
        payload: { code: await totpCode(setup.secret, t.clock.now()) },
      }),
    );
  });

  it('ends a session after the idle timeout', async () => {
    const agent = await signedInAgent(t, { role: 'employee' });
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await agent.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const agent = await signedInAgent(t, { role: 'employee' });
    const r = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: { cookie: agent.cookie! },
      payload: { locale: 'en-CA' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('request.csrf');
    const ok = await agent.request({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'en-CA' },
    });
    expect(ok.json().locale).toBe('en-CA');
    // The user's language now drives error messages.
    const err = await agent.request({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'xx' },
    });
    expect(err.statusCode).toBe(400);
    expect(err.json().error.message).toMatch(/^The request is invalid: body\.locale/);
  });

  it('lists and revokes the user’s own sessions, and asks the password again before changing it', async () => {
    const agent = await signedInAgent(t, { role: 'employee', email: 'two.sessions@example.org' });
    const other = createAgent(t.app);
    await expectOk(
      other.request({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'two.sessions@example.org', password: strongPassword },
      }),
    );
    const list = (await expectOk(agent.request({ method: 'GET', url: '/api/v1/me/sessions' }))).json();
    expect(list).toHaveLength(2);
    const otherSession = list.find((s: { current: boolean }) => !s.current);
    await expectOk(agent.request({ method: 'DELETE', url: `/api/v1/me/sessions/${otherSession.id}` }));
    expect((await other.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);

    const noCurrent = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { newPassword: 'A different passphrase 77' },
    });
    expect(noCurrent.json().error.code).toBe('auth.reauth_required');
    await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: strongPassword, newPassword: 'A different passphrase 77' },
      }),
    );
  });

  it('sets hardened cookies and security headers, and answers malformed JSON without a stack trace', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'request.malformed_json', message: expect.any(String) } });
    // Field errors too come in the caller's language.
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 42, password: 'x' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/^La requête est invalide : body\.email: Entrée invalide/);
    expect(invalid.json().error.details).toEqual([
      { field: 'body.email', message: expect.stringMatching(/attendu/) },
    ]);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');

    const org = await buildOrg(t);
    const { oneTimePassword } = await t.ctx.services.users.create(cliActor, {
      email: 'cookie@example.org',
      displayName: 'C',
      role: 'employee',
      orgId: org.id,
    });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'cookie@example.org', password: oneTimePassword },
    });
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const overTls = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'cookie@example.org', password: oneTimePassword },
    });
    // Without a trusted proxy, a forwarded header is ignored: the cookie stays the plain one.
    expect(String(overTls.headers['set-cookie'])).toMatch(/^vigie_session=/);
  });
});
