import { beforeAll, describe, expect, it } from 'vitest';
import { type Role, roleCan, roles } from '../src/core/auth/permissions.ts';
import { type Agent, buildOrg, setUpTestApp, signedInAgent } from './support/app.ts';

const agents = new Map<Role, Agent>();
let orgId: string;

const t = setUpTestApp();
beforeAll(async () => {
  orgId = (await buildOrg(t)).id;
  for (const role of roles) agents.set(role, await signedInAgent(t, { role, orgId }));
});

// Paths with parameters are called with values of the right shape; what matters is whether the access
// check lets the call through (anything but 401/403) or not.
function concreteUrl(url: string): string {
  return url.replace(
    ':id',
    url.includes('/me/sessions/') ? 'nosuchsession' : '00000000-0000-4000-8000-000000000000',
  );
}

describe('every route against every role', () => {
  it('declares an access rule on every API route', () => {
    expect(t.app.routeAccessTable.length).toBeGreaterThan(20);
    const publicRoutes = t.app.routeAccessTable
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/v1/auth/human-check',
      'POST /api/v1/auth/sign-in',
    ]);
  });

  it('allows exactly the roles whose permissions the route declares', async () => {
    const outcomes: string[] = [];
    for (const route of t.app.routeAccessTable) {
      if (route.url === '/api/v1/auth/sign-out' || route.url === '/api/v1/auth/sign-in') continue;
      for (const role of roles) {
        const agent = agents.get(role)!;
        const response = await agent.request({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          payload: route.method === 'GET' ? undefined : {},
        });
        const denied = response.statusCode === 403 && response.json().error.code === 'auth.forbidden';
        const access = route.access;
        const expectedDenied = typeof access === 'object' && !roleCan(role, access.permission);
        if (denied !== expectedDenied || response.statusCode === 401) {
          outcomes.push(
            `${route.method} ${route.url} as ${role}: ${response.statusCode} ${response.body.slice(0, 80)}`,
          );
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    for (const route of t.app.routeAccessTable.filter((r) => r.access !== 'public')) {
      const response = await t.app.inject({ method: route.method as 'GET', url: concreteUrl(route.url) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
