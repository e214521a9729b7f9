import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from './database.ts';
import { isUniqueViolation } from './errors.ts';
import {
  EmbeddedDatabaseStoppedError,
  type PgliteThreadClient,
  startPgliteThread,
} from './pglite-thread-client.ts';

// The embedded database on its own thread (decision 0014), through the client that Drizzle's driver is given.
describe('the embedded database on its own thread', () => {
  let client: PgliteThreadClient;
  beforeAll(async () => {
    client = await startPgliteThread({});
    await client.exec('create table t (id int primary key, name text unique)');
  });
  afterAll(() => client.close());

  it('leaves the server’s thread free while a query runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      const ticksAtAnswer = await client.query('select pg_sleep(0.3)').then(() => ticks);
      // On the server's own thread, the timer could not have run until the sleep had ended.
      expect(ticksAtAnswer).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(timer);
    }
  });

  it('passes parameters, rows by name or by position, and the types whose text the driver keeps', async () => {
    const byName = await client.query<{ n: number; at: unknown }>(
      "select $1::int + 1 as n, timestamptz '2026-12-07 10:00+00' as at",
      [41],
    );
    expect(byName.rows).toEqual([{ n: 42, at: expect.any(Date) }]);
    const byPosition = await client.query(
      "select $1::text as a, timestamptz '2026-12-07 10:00+00' as at",
      ['x'],
      {
        rowMode: 'array',
        parsers: { 1184: (text: string) => text },
      },
    );
    expect(byPosition.rows).toEqual([['x', '2026-12-07 10:00:00+00']]);
  });

  it('refuses a parser that would change the text, rather than dropping it silently', async () => {
    const refused = client.query('select 1', [], { parsers: { 1184: (text: string) => new Date(text) } });
    await expect(refused).rejects.toThrow(/only keeps a type's text; type 1184 has another parser/);
  });

  it('keeps PostgreSQL’s fields on an error (code, constraint, detail)', async () => {
    await client.query(`insert into t values (1, 'PERFUSION-04')`);
    const error = await client.query(`insert into t values (2, 'PERFUSION-04')`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: '23505',
      constraint: 't_name_key',
      detail: 'Key (name)=(PERFUSION-04) already exists.',
    });
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('commits a transaction, rolls back one that throws, and runs other queries after it', async () => {
    await client.transaction(async (tx) => {
      await tx.query(`insert into t values (10, 'committed')`);
    });
    const failed = client.transaction(async (tx) => {
      await tx.query(`insert into t values (11, 'rolled back')`);
      throw new Error('the import found a bad line');
    });
    await expect(failed).rejects.toThrow('the import found a bad line');

    const names = 'select array_agg(name order by id) as names from t where id >= 10';
    // Run once before: the second run is a named statement (pglite-named-statements.ts), which must wait the same.
    expect((await client.query<{ names: string[] }>(names)).rows[0]?.names).toEqual(['committed']);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const open = client.transaction(async (tx) => {
      await tx.query(`insert into t values (12, 'seen once committed')`);
      await held;
    });
    // Sent while the transaction is open: PGlite has one connection, so it waits for the commit.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = client.query<{ names: string[] }>(names);
    release();
    await open;
    expect((await outside).rows[0]?.names).toEqual(['committed', 'seen once committed']);
  });

  it('reads a file given as a blob (COPY … FROM /dev/blob)', async () => {
    await client.exec('create table copied (a int, b text)');
    await client.query("copy copied from '/dev/blob' with (format csv)", [], {
      blob: new Blob(['1,École\n2,Hôpital\n']),
    });
    expect((await client.query('select b from copied order by a')).rows).toEqual([
      { b: 'École' },
      { b: 'Hôpital' },
    ]);
  });
});

describe('an embedded database thread that stops on its own', () => {
  it('fails the query it ran and every later one, saying why, and says it has failed', async () => {
    // A result larger than the thread's heap: the thread dies, as it would on a real exhaustion of memory.
    const small = await startPgliteThread({ resourceLimits: { maxOldGenerationSizeMb: 64 } });
    const huge = small.query("select g, repeat('x', 200) as t from generate_series(1, 500000) g");
    await expect(huge).rejects.toThrow(/^the embedded database stopped: .*memory/);
    const reason = await small.failure;
    expect(reason).toBeInstanceOf(EmbeddedDatabaseStoppedError);
    await expect(small.query('select 1')).rejects.toBe(reason);
    await small.close();
  });
});

describe('closing the embedded database', () => {
  it('lets the work already started finish, then refuses more', async () => {
    const closing = await startPgliteThread({});
    await closing.exec('create table w (n int)');
    // A request's handler: queries one after the other, with its own work between them. The server stops
    // meanwhile; HTTP no longer counts the request if its client has gone.
    const handler = async () => {
      for (let n = 1; n <= 5; n++) {
        await closing.query('insert into w values ($1)', [n]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return (await closing.query<{ n: number }>('select count(*)::int as n from w')).rows[0]?.n;
    };
    const work = handler();
    await new Promise((resolve) => setTimeout(resolve, 8));
    const closed = closing.close();
    expect(await work).toBe(5);
    await closed;
    await expect(closing.query('select 1')).rejects.toThrow('the embedded database is closed');
  });
});

describe('Drizzle on the embedded database’s thread', () => {
  const things = pgTable('things', {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  });
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite' });
    await database.db.execute(
      sql`create table things (id int primary key, name text not null, seen_at timestamptz not null)`,
    );
  });
  afterAll(() => database.close());

  it('maps dates, and undoes a savepoint without the whole transaction', async () => {
    const seenAt = new Date('2026-12-07T03:00:00.000Z');
    await database.db.transaction(async (tx) => {
      await tx.insert(things).values({ id: 1, name: 'POMPE-01', seenAt });
      await tx
        .transaction(async (inner) => {
          await inner.insert(things).values({ id: 2, name: 'POMPE-02', seenAt });
          inner.rollback();
        })
        .catch(() => {});
    });
    expect(await database.db.select().from(things)).toEqual([{ id: 1, name: 'POMPE-01', seenAt }]);
  });

  it('does the upkeep autovacuum would (PGlite has none): dead rows reclaimed, statistics refreshed', async () => {
    await database.db.execute(
      sql`insert into things select g, 'P-' || g, now() from generate_series(10, 1009) g`,
    );
    await database.db.execute(sql`update things set name = name || '-b' where id >= 10`);
    const stats = async () =>
      (
        await queryRows<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
          database.db,
          sql`select n_dead_tup::int as dead, last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
              from pg_stat_all_tables where relname = 'things'`,
        )
      )[0];
    expect(await stats()).toMatchObject({ vacuumed: false, analyzed: false });
    await database.maintain?.();
    expect(await stats()).toEqual({ dead: 0, vacuumed: true, analyzed: true });
  });

  it('answers no more once closed, and says so', async () => {
    const other = await openDatabase({ kind: 'pglite' });
    await other.close();
    expect(await other.ping()).toBe(false);
    const error = await queryRows(other.db, sql`select 1`).catch((e: unknown) => e);
    expect(String((error as Error).cause ?? error)).toMatch(/the embedded database is closed/);
  });
});
