import { describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { buildOrg, setUpTestApp } from './support/app.ts';

// Behind a TLS-terminating reverse proxy (VIGIE_TRUST_PROXY=true), requests that came over HTTPS get the
// __Host- cookie, Secure, and HSTS.
const t = setUpTestApp({ VIGIE_TRUST_PROXY: 'true' });

describe('behind a TLS proxy', () => {
  it('sets a __Host- Secure cookie and HSTS for HTTPS requests, and reads that cookie back', async () => {
    const org = await buildOrg(t);
    const { oneTimePassword } = await t.ctx.services.users.create(cliActor, {
      email: 'tls@example.org',
      displayName: 'T',
      role: 'employee',
      orgId: org.id,
    });
    const https = { 'x-forwarded-proto': 'https' };
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: https,
      payload: { email: 'tls@example.org', password: oneTimePassword },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-vigie_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(signIn.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { ...https, cookie: cookie.split(';')[0]! },
    });
    expect(session.json().stage).toBe('password_change');
    // The same cookie over plain HTTP is not the session cookie there.
    const plain = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(plain.statusCode).toBe(401);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('ends a session at the absolute timeout even while it is in use', async () => {
    const org = await buildOrg(t);
    const { oneTimePassword } = await t.ctx.services.users.create(cliActor, {
      email: 'long@example.org',
      displayName: 'L',
      role: 'employee',
      orgId: org.id,
    });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'long@example.org', password: oneTimePassword },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const session = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    // Active every 25 minutes (under the 30-minute idle limit) for 11 h 40: still signed in.
    for (let i = 0; i < 28; i++) {
      t.clock.advance(25 * 60_000);
      expect((await session()).statusCode).toBe(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await session()).statusCode).toBe(401);
  });
});
