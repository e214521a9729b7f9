import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll } from 'vitest';
import { type AppContext, openAppContext } from '../../src/app/context.ts';
import { buildHttpApp } from '../../src/app/http.ts';
import { cliActor } from '../../src/core/auth/actor.ts';
import type { Role } from '../../src/core/auth/permissions.ts';
import { type Clock, clockIn } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/core/config/config.ts';
import { createLogger } from '../../src/core/log.ts';
import type { AssetSummary } from '../../src/modules/assets/assets.repository.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export type TestClock = Clock & { advance(ms: number): void };

/** A clock in the configured time zone's calendar, as the app's, that the test moves by hand from the real time. */
export function createTestClock(timeZone: string): TestClock {
  let offset = 0;
  const time = { now: () => new Date(Date.now() + offset) };
  return {
    ...clockIn(timeZone, time),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export type TestApp = {
  ctx: AppContext;
  clock: TestClock;
  app: FastifyInstance;
  database: TestDatabase;
  /** Every line the server logged, for tests that check what logs may not contain. */
  logs: string[];
  dataDir: string;
  close(): Promise<void>;
};

export async function createTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-test-'));
  const config = loadConfig({ VIGIE_DATA_DIR: dataDir, VIGIE_LOG_LEVEL: 'info', ...env });
  const clock = createTestClock(config.timeZone);
  const ctx = await openAppContext(config, { role: 'test', migrate: false, database, time: clock });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildHttpApp(ctx, createLogger({ level: 'info', destination }));
  await app.ready();
  return {
    ctx,
    clock,
    app,
    database,
    logs,
    dataDir,
    async close() {
      await app.close();
      await ctx.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
/** The file's app: made before its tests, closed after them. Hooks run in order, so later ones can use it. */
export function setUpTestApp(env: NodeJS.ProcessEnv = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await createTestApp(env));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}

export type Agent = {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  cookie: string | undefined;
  csrfToken: string | undefined;
  totpSecret?: string;
  recoveryCodes?: string[];
  userId?: string;
};

let agentCount = 0;

/**
 * Each agent comes from its own address (TEST-NET-1, never routed), as separate browsers would: failures
 * counted per source in one test do not spill into another.
 */
export function createAgent(app: FastifyInstance): Agent {
  agentCount++;
  const remoteAddress = `192.0.2.${agentCount % 250}`;
  const agent: Agent = {
    cookie: undefined,
    csrfToken: undefined,
    async request(options) {
      const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
      if (agent.cookie) headers.cookie = agent.cookie;
      if (agent.csrfToken && options.method && options.method !== 'GET')
        headers['x-csrf-token'] ??= agent.csrfToken;
      const response = await app.inject({ remoteAddress, ...options, headers });
      const setCookie = response.cookies.find((c) => c.name === 'vigie_session');
      if (setCookie) agent.cookie = setCookie.value ? `vigie_session=${setCookie.value}` : undefined;
      const body = response.headers['content-type']?.toString().includes('application/json')
        ? response.json()
        : undefined;
      if (body && typeof body.csrfToken === 'string') agent.csrfToken = body.csrfToken;
      return response;
    },
  };
  return agent;
}

export const strongPassword = 'Correct horse battery staple 42';

let sequence = 0;

/** Makes an organization (under `parentId` when given) as the operator would with the CLI. */
export async function buildOrg(
  t: TestApp,
  input: { name?: string; kind?: 'region' | 'establishment' | 'site'; parentId?: string } = {},
) {
  sequence++;
  return t.ctx.services.orgs.create(cliActor, {
    name: input.name ?? `Organisation ${sequence}`,
    kind: input.kind ?? (input.parentId ? 'establishment' : 'region'),
    parentId: input.parentId ?? null,
  });
}

export async function totpCode(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * An account of the given role, signed in through the real HTTP flow: one-time password, new password,
 * TOTP enrolment when the role requires it.
 */
export async function signedInAgent(
  t: TestApp,
  input: { role: Role; orgId?: string; email?: string },
): Promise<Agent> {
  sequence++;
  const orgId = input.orgId ?? (await buildOrg(t)).id;
  const email = input.email ?? `user${sequence}-${input.role}@example.org`;
  const { user, oneTimePassword } = await t.ctx.services.users.create(cliActor, {
    email,
    displayName: `Person ${sequence}`,
    role: input.role,
    orgId,
  });
  const agent = createAgent(t.app);
  agent.userId = user.id;
  await expectOk(
    agent.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: oneTimePassword },
    }),
  );
  const changed = await expectOk(
    agent.request({ method: 'POST', url: '/api/v1/auth/password', payload: { newPassword: strongPassword } }),
  );
  if (changed.json().stage === 'mfa_enrolment') {
    const setup = await expectOk(agent.request({ method: 'POST', url: '/api/v1/auth/totp/setup' }));
    agent.totpSecret = setup.json().secret;
    const confirmed = await expectOk(
      agent.request({
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        payload: { code: await totpCode(agent.totpSecret!, t.clock.now()) },
      }),
    );
    agent.recoveryCodes = confirmed.json().recoveryCodes;
  }
  return agent;
}

export async function expectOk<T extends { statusCode: number; body: string }>(
  response: Promise<T>,
): Promise<T> {
  const r = await response;
  if (r.statusCode >= 300) throw new Error(`expected success, got ${r.statusCode}: ${r.body}`);
  return r;
}

/** A listed asset as a client reads it: the summary's fields, timestamps as ISO text. */
export type ListedAsset = Omit<AssetSummary, 'reviewedAt' | 'updatedAt'> & {
  reviewedAt: string | null;
  updatedAt: string;
};

/** A page of the inventory as a client reads it: the service's answer, its rows' JSON parsed. */
export async function listAssets(
  ctx: AppContext,
  query: Parameters<AppContext['services']['assets']['list']>[1],
) {
  const answer = await ctx.services.assets.list(cliActor, query);
  return { ...answer, rows: answer.rows.map((row) => JSON.parse(row) as ListedAsset) };
}

/** The first asset, in name order, whose name, serial, model or address matches `search` (the list's search box). */
export async function firstListed(ctx: AppContext, search: string, orgId?: string): Promise<ListedAsset> {
  const { rows } = await listAssets(ctx, {
    search,
    orgId,
    sort: 'name',
    direction: 'asc',
    limit: 1,
    offset: 0,
  });
  if (!rows[0]) throw new Error(`no asset matches ${search}`);
  return rows[0];
}
