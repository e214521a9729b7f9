import { PGlite, type QueryOptions } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamedStatements } from './pglite-named-statements.ts';

// Texts run twice become named statements of PGlite's session; the answers must not change.
describe('named statements on PGlite', () => {
  let lite: PGlite;
  let statements: ReturnType<typeof createNamedStatements>;
  const keepText = (text: string) => text;
  const run = async (text: string, params: unknown[] = [], options: QueryOptions = {}) =>
    (await (statements.query(text, params, options, false) ?? lite.query(text, params, options))).rows;
  const kept = async () =>
    (
      await lite.query<{ statement: string }>(
        'select statement from pg_prepared_statements order by statement',
      )
    ).rows.map((row) => row.statement);

  beforeAll(async () => {
    lite = await PGlite.create();
    statements = createNamedStatements(lite, 2);
    await lite.exec(
      `create table pumps (id int primary key, name text unique, seen timestamptz, facts jsonb)`,
    );
  });
  afterAll(() => lite.close());

  it('answers as PGlite’s query does, parameters serialized by their type', async () => {
    const insert = 'insert into pumps values ($1, $2, $3, $4) returning id, seen, facts';
    const seen = new Date('2026-12-07T03:00:00Z');
    const first = await run(insert, [1, 'POMPE-01', seen, { site: 'Urgence' }]);
    const second = await run(insert, [2, 'POMPE-02', seen, { site: 'Urgence' }]);
    expect(second).toEqual([{ id: 2, seen, facts: { site: 'Urgence' } }]);
    expect(first).toEqual([{ id: 1, seen, facts: { site: 'Urgence' } }]);
    const select = 'select name, seen from pumps where id = any($1::int[]) order by id';
    const asPglite = await run(select, [[1, 2]], { rowMode: 'array', parsers: { 1184: keepText } });
    const asNamed = await run(select, [[1, 2]], { rowMode: 'array', parsers: { 1184: keepText } });
    expect(asNamed).toEqual(asPglite);
    expect(asNamed).toEqual([
      ['POMPE-01', '2026-12-07 03:00:00+00'],
      ['POMPE-02', '2026-12-07 03:00:00+00'],
    ]);
    expect(await kept()).toContain(select);
  });

  it('keeps PostgreSQL’s fields on an error, and the statement for the next run', async () => {
    const insert = 'insert into pumps (id, name) values ($1, $2)';
    await run(insert, [3, 'POMPE-03']);
    const error = await run(insert, [4, 'POMPE-03']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', constraint: 'pumps_name_key', query: insert });
    await run(insert, [4, 'POMPE-04']);
    expect(await run('select count(*)::int as n from pumps')).toEqual([{ n: 4 }]);
  });

  it('parses a statement again when its table changed under it', async () => {
    const select = 'select * from pumps where id = $1';
    await run(select, [1]);
    await run(select, [1]);
    await lite.exec('alter table pumps add column firmware text');
    expect(await run(select, [1])).toEqual([expect.objectContaining({ id: 1, firmware: null })]);
  });

  it('keeps at most as many statements as it was told, closing the least recently run', async () => {
    const texts = [
      'select 1 as a where $1::int > 0',
      'select 2 as b where $1::int > 0',
      'select 3 as c where $1::int > 0',
    ];
    for (const text of texts) {
      await run(text, [1]);
      await run(text, [1]);
    }
    expect(await kept()).toEqual(texts.slice(1).sort());
  });

  it('leaves to PGlite a text seen once, and statements that have no plan to keep', () => {
    expect(statements.query('select 42 as once', [], {}, false)).toBeUndefined();
    expect(statements.query('vacuum pumps', [], {}, false)).toBeUndefined();
    expect(statements.query('vacuum pumps', [], {}, false)).toBeUndefined();
  });
});
