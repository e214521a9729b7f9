import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/core/auth/actor.ts';
import { type Agent, buildOrg, expectOk, setUpTestApp, signedInAgent } from './support/app.ts';

let admin: Agent;
let orgId: string;
let otherOrgId: string;

const t = setUpTestApp();
beforeAll(async () => {
  orgId = (await buildOrg(t, { name: 'Établissement des jetons' })).id;
  otherOrgId = (await buildOrg(t, { name: 'Autre établissement' })).id;
  admin = await signedInAgent(t, { role: 'admin', orgId });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  it('are shown once, scoped to a role and an organization, and journaled under their name', async () => {
    const created = await expectOk(
      admin.request({
        method: 'POST',
        url: '/api/v1/api-tokens',
        payload: { name: 'glpi-sync', role: 'auditor', orgId, expiresInDays: 30 },
      }),
    );
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^vigie_[A-Za-z0-9_-]{43}$/);
    expect(created.body).not.toMatch(/tokenHash|token_hash/);
    const listed = (await expectOk(admin.request({ method: 'GET', url: '/api/v1/api-tokens' }))).body;
    expect(listed).not.toContain(token);
    expect(listed).toContain('glpi-sync');

    const orgs = await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer(token) });
    expect(orgs.statusCode).toBe(200);
    expect(orgs.json().map((o: { id: string }) => o.id)).toEqual([orgId]);
    const journal = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit?limit=5',
      headers: bearer(token),
    });
    expect(journal.statusCode).toBe(200);

    // The role bounds what the token may do; a person's own routes are not for tokens.
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { email: 'x@example.org', displayName: 'X', role: 'employee', orgId },
    });
    expect(write.statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode,
    ).toBe(401);

    const exported = await t.ctx.services.audit.list(cliActor, { action: 'audit.export', limit: 5 });
    expect(exported.rows).toEqual([]);
    await t.ctx.services.audit.exportCsv(
      (await t.ctx.services.apiTokens.authenticate(token, '127.0.0.1'))!,
      {},
    );
    const byToken = await t.ctx.services.audit.list(cliActor, { action: 'audit.export', limit: 5 });
    expect(byToken.rows[0]).toMatchObject({ actorKind: 'token', actorLabel: 'token:glpi-sync', orgId });
    expect(apiToken.expiresAt).toBeTruthy();
  });

  it('stop working when revoked or expired', async () => {
    const create = async (name: string, expiresInDays: number) =>
      (
        await expectOk(
          admin.request({
            method: 'POST',
            url: '/api/v1/api-tokens',
            payload: { name, role: 'it_operator', orgId, expiresInDays },
          }),
        )
      ).json();
    const short = await create('short', 1);
    const revoked = await create('revoked', 30);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer(revoked.token) })).statusCode,
    ).toBe(200);
    await expectOk(admin.request({ method: 'DELETE', url: `/api/v1/api-tokens/${revoked.apiToken.id}` }));
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer(revoked.token) })).statusCode,
    ).toBe(401);

    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer(short.token) })).statusCode,
    ).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer(short.token) })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer('vigie_forged') }))
        .statusCode,
    ).toBe(401);
  });

  it('refuse roles that require MFA, and organizations outside the creator’s scope', async () => {
    // The clock moved past the first administrator's idle timeout: a fresh session.
    admin = await signedInAgent(t, { role: 'admin', orgId });
    const privileged = await admin.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'too-strong', role: 'admin', orgId },
    });
    expect(privileged.statusCode).toBe(422);
    expect(privileged.json().error.code).toBe('tokens.privileged_role');
    const elsewhere = await admin.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'x', role: 'employee', orgId: otherOrgId },
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});
