import { describe, expect, it } from 'vitest';
import { expectOk, setUpTestApp, signedInAgent } from './support/app.ts';

const t = setUpTestApp();

describe('the compliance frameworks API', () => {
  it('serves the MSSS directive catalog to any signed-in user, and names an unknown framework', async () => {
    const agent = await signedInAgent(t, { role: 'employee' });
    const catalog = (
      await expectOk(agent.request({ method: 'GET', url: '/api/v1/compliance/frameworks/msss-directive' }))
    ).json();
    expect(catalog.framework).toMatchObject({ id: 'msss-directive', version: '2023-11-20' });
    expect(catalog.obligations).toHaveLength(13);
    expect(catalog.obligations[1].requirements[2]).toMatchObject({
      id: 'MSSS-2.3',
      evaluation: 'attestation',
    });
    const unknown = await agent.request({ method: 'GET', url: '/api/v1/compliance/frameworks/nist-csf' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toEqual({
      code: 'compliance.framework_not_found',
      message: 'Référentiel introuvable : nist-csf.',
    });
  });
});
