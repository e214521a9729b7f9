import { describe, expect, it } from 'vitest';
import { buildOrg, expectOk, setUpTestApp, signedInAgent } from './support/app.ts';

const t = setUpTestApp();

describe('organizations isolate their data', () => {
  it('lets a user of one establishment read and write nothing of another', async () => {
    const region = await buildOrg(t, { name: 'CISSS Test' });
    const estA = await buildOrg(t, { name: 'Hôpital A', parentId: region.id });
    const estB = await buildOrg(t, { name: 'Hôpital B', parentId: region.id });
    const siteA = await buildOrg(t, { name: 'Site A1', kind: 'site', parentId: estA.id });
    const adminA = await signedInAgent(t, { role: 'admin', orgId: estA.id });
    const auditorA = await signedInAgent(t, { role: 'auditor', orgId: estA.id });
    const adminB = await signedInAgent(t, { role: 'admin', orgId: estB.id });
    const regional = await signedInAgent(t, { role: 'auditor', orgId: region.id });

    const orgsOfA = (await expectOk(adminA.request({ method: 'GET', url: '/api/v1/orgs' }))).json();
    expect(orgsOfA.map((o: { id: string }) => o.id).sort()).toEqual([estA.id, siteA.id].sort());
    expect((await adminA.request({ method: 'GET', url: `/api/v1/orgs/${estB.id}` })).statusCode).toBe(404);

    const usersOfA = (await expectOk(auditorA.request({ method: 'GET', url: '/api/v1/users' }))).json();
    expect(usersOfA.every((u: { orgId: string }) => u.orgId === estA.id)).toBe(true);
    expect(usersOfA.some((u: { id: string }) => u.id === adminB.userId)).toBe(false);

    // Writes into the other establishment are refused, whatever the role.
    const createInB = await adminA.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'intruder@example.org', displayName: 'X', role: 'employee', orgId: estB.id },
    });
    expect(createInB.statusCode).toBe(403);
    expect(
      (
        await adminA.request({
          method: 'PATCH',
          url: `/api/v1/users/${adminB.userId}`,
          payload: { disabled: true },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await adminA.request({
          method: 'POST',
          url: '/api/v1/orgs',
          payload: { name: 'Site B2', kind: 'site', parentId: estB.id },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await adminA.request({
          method: 'POST',
          url: '/api/v1/people',
          payload: { orgId: estB.id, fullName: 'Someone' },
        })
      ).statusCode,
    ).toBe(403);

    // The journal of A shows nothing of B; the region's auditor sees both.
    const journalA = (
      await expectOk(auditorA.request({ method: 'GET', url: '/api/v1/audit?limit=500' }))
    ).json();
    expect(
      journalA.entries.every((e: { orgId: string | null }) => e.orgId === estA.id || e.orgId === siteA.id),
    ).toBe(true);
    const journalRegion = (
      await expectOk(regional.request({ method: 'GET', url: '/api/v1/audit?limit=500' }))
    ).json();
    expect(journalRegion.entries.some((e: { orgId: string }) => e.orgId === estB.id)).toBe(true);
  });

  it('lets an administrator manage the accounts of its own subtree', async () => {
    const est = await buildOrg(t, { name: 'Hôpital C' });
    const admin = await signedInAgent(t, { role: 'admin', orgId: est.id });
    const created = await expectOk(
      admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          email: 'New.Person@Example.org',
          displayName: 'New Person',
          role: 'manager',
          orgId: est.id,
        },
      }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().user.email).toBe('new.person@example.org');
    expect(created.json().oneTimePassword).toHaveLength(20);
    const duplicate = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'new.person@example.org', displayName: 'Again', role: 'manager', orgId: est.id },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('users.email_taken');
    const self = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${admin.userId}`,
      payload: { role: 'employee' },
    });
    expect(self.json().error.code).toBe('users.self_change');
  });
});
