/**
 * Issue 9, item 4, on SQLite and PostgreSQL: taxonomy terms with English and Danish labels (add, rename, clear the
 * Danish one), merging a term into another (every cluster moves, clusters with both keep one link, all in one
 * transaction), and a cluster import that no longer creates unknown terms: it lists them with a look-alike
 * suggestion, refuses the file until each is mapped, then maps or creates each as told.
 */
import { ClusterTermEntity } from '../src/clusters/cluster.entity';
import { TaxonomyTermEntity } from '../src/taxonomy/taxonomy-term.entity';
import { clusterBody, startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

interface Term {
  id: string;
  kind: string;
  name: string;
  nameDa: string | null;
  clusters?: number;
}

const HEADER =
  'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website';
const row = (name: string, sectors: string, technologies: string): string =>
  `${name},DK,Midtjylland,${sectors},${technologies},national,gold,,10,5,1,1,1,0,2,Pilots,Partners,`;

describe.each(['sqlite', 'postgres'] as const)('taxonomy page and import mapping (%s)', (db) => {
  let t: TestApp;
  let org: string;
  let eventId: string;
  const auth = (): [string, string] => ['Authorization', `Bearer ${org}`];
  const add = async (kind: string, name: string, nameDa?: string): Promise<Term> =>
    (
      await t.http
        .post('/api/taxonomy')
        .set(...auth())
        .send({ kind, name, ...(nameDa ? { nameDa } : {}) })
        .expect(201)
    ).body;
  const usage = async (): Promise<Term[]> =>
    (
      await t.http
        .get('/api/taxonomy/usage')
        .set(...auth())
        .expect(200)
    ).body;
  const cluster = async (i: number, sectors: string[], technologies: string[] = []): Promise<string> =>
    (
      await t.http
        .post('/api/clusters')
        .set(...auth())
        .send(clusterBody(i, { sectors, technologies }))
        .expect(201)
    ).body.id;
  const sectorsOf = async (id: string): Promise<string[]> =>
    (
      await t.http
        .get(`/api/clusters/${id}`)
        .set(...auth())
        .expect(200)
    ).body.sectors;
  const importCsv = (csv: string, query: Record<string, string> = {}) =>
    t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .query(query)
      .set(...auth())
      .set('Content-Type', 'text/csv')
      .send(csv);

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    eventId = (
      await t.http
        .post('/api/events')
        .set(...auth())
        .send({
          name: 'Taxonomy test',
          venue: 'Hall',
          timezone: 'Europe/Copenhagen',
          requestDeadline: '2099-01-01T00:00:00Z',
          days: [{ date: '2027-05-11', startTime: '09:00', endTime: '10:00', meetingMinutes: 30, breaks: [] }],
          tables: [{ name: 'T1', seats: 4 }],
        })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds terms with English and Danish labels, renames either, and refuses a name in use', async () => {
    const energy = await add('sector', 'Energy', 'Energi');
    expect(energy).toMatchObject({ kind: 'sector', name: 'Energy', nameDa: 'Energi' });
    const health = await add('sector', 'Health');
    expect(health.nameDa).toBeNull();
    const renamed = await t.http
      .patch(`/api/taxonomy/${health.id}`)
      .set(...auth())
      .send({ nameDa: 'Sundhed' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Health', nameDa: 'Sundhed' });
    await t.http
      .patch(`/api/taxonomy/${health.id}`)
      .set(...auth())
      .send({ name: 'Health care' })
      .expect(200);
    const clash = await t.http
      .patch(`/api/taxonomy/${health.id}`)
      .set(...auth())
      .send({ name: 'energy' });
    expect(clash.status).toBe(409);
    const dup = await t.http
      .post('/api/taxonomy')
      .set(...auth())
      .send({ kind: 'sector', name: 'ENERGY' });
    expect(dup.status).toBe(409);
    await t.http
      .patch(`/api/taxonomy/${energy.id}`)
      .set(...auth())
      .send({ nameDa: null })
      .expect(200);
    const bad = await t.http
      .patch(`/api/taxonomy/${energy.id}`)
      .set(...auth())
      .send({ nameDa: 'line\nbreak' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].path).toBe('nameDa');
    const list = await usage();
    expect(list.filter((x) => x.kind === 'sector').map((x) => [x.name, x.nameDa])).toEqual([
      ['Energy', null],
      ['Health care', 'Sundhed'],
    ]);
  });

  it('merges a term into another: every cluster moves, in one transaction', async () => {
    const agri = await add('sector', 'Agri-food');
    const agrifood = await add('sector', 'Agrifood', 'Fødevarer');
    const robotics = await add('technology', 'Robotics');
    const onlyOld = await cluster(1, ['Agri-food']);
    const both = await cluster(2, ['Agri-food', 'Agrifood']);
    const onlyNew = await cluster(3, ['Agrifood']);
    const other = await cluster(4, ['Energy'], ['Robotics']);

    const wrongKind = await t.http
      .post(`/api/taxonomy/${agri.id}/merge`)
      .set(...auth())
      .send({ intoTermId: robotics.id });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.fields[0].path).toBe('intoTermId');
    const self = await t.http
      .post(`/api/taxonomy/${agri.id}/merge`)
      .set(...auth())
      .send({ intoTermId: agri.id });
    expect(self.status).toBe(422);
    const missing = await t.http
      .post('/api/taxonomy/00000000-0000-0000-0000-000000000000/merge')
      .set(...auth())
      .send({ intoTermId: agri.id });
    expect(missing.status).toBe(404);
    expect((await usage()).find((x) => x.id === agri.id)?.clusters).toBe(2);

    const merged = await t.http
      .post(`/api/taxonomy/${agri.id}/merge`)
      .set(...auth())
      .send({ intoTermId: agrifood.id })
      .expect(200);
    expect(merged.body).toEqual({
      term: { id: agrifood.id, kind: 'sector', name: 'Agrifood', nameDa: 'Fødevarer' },
      moved: 1,
      hadBoth: 1,
    });
    expect(await sectorsOf(onlyOld)).toEqual(['Agrifood']);
    expect(await sectorsOf(both)).toEqual(['Agrifood']);
    expect(await sectorsOf(onlyNew)).toEqual(['Agrifood']);
    expect(await sectorsOf(other)).toEqual(['Energy']);
    expect(await t.db.manager.countBy(TaxonomyTermEntity, { id: agri.id })).toBe(0);
    expect(await t.db.manager.countBy(ClusterTermEntity, { termId: agri.id })).toBe(0);
    expect((await usage()).find((x) => x.id === agrifood.id)?.clusters).toBe(3);
    const gone = await t.http
      .post(`/api/taxonomy/${agri.id}/merge`)
      .set(...auth())
      .send({ intoTermId: agrifood.id });
    expect(gone.status).toBe(404);
  });

  it('lists the unknown terms of an import with look-alikes, refuses the file until each is mapped, then maps or creates', async () => {
    const csv = [
      HEADER,
      row('Jutland Food', 'Agri-food', 'Robotics;Quantum sensing'),
      row('Funen Food', 'agri food;Energy', 'Robotic'),
    ].join('\n');
    const termsBefore = await t.db.manager.count(TaxonomyTermEntity);
    const unknown = await t.http
      .post(`/api/events/${eventId}/imports/clusters/unknown-terms`)
      .set(...auth())
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    const agrifood = (await usage()).find((x) => x.name === 'Agrifood');
    const robotics = (await usage()).find((x) => x.name === 'Robotics');
    expect(unknown.body).toEqual([
      { kind: 'sector', name: 'Agri-food', rows: [2], suggestion: { id: agrifood?.id, name: 'Agrifood' } },
      { kind: 'technology', name: 'Quantum sensing', rows: [2], suggestion: null },
      { kind: 'sector', name: 'agri food', rows: [3], suggestion: { id: agrifood?.id, name: 'Agrifood' } },
      { kind: 'technology', name: 'Robotic', rows: [3], suggestion: { id: robotics?.id, name: 'Robotics' } },
    ]);

    // Unmapped: refused at the row and column, nothing imported or created.
    const refused = await importCsv(csv);
    expect(refused.status).toBe(422);
    expect((refused.body.fields as { path: string }[]).map((f) => f.path)).toEqual([
      'row 2, column sectors',
      'row 2, column technologies',
      'row 3, column sectors',
      'row 3, column technologies',
    ]);
    // Partly mapped: the rest is still refused.
    const partly = await importCsv(csv, {
      terms: JSON.stringify([{ kind: 'sector', name: 'Agri-food', termId: agrifood?.id }]),
    });
    expect(partly.status).toBe(422);
    expect(await t.db.manager.count(TaxonomyTermEntity)).toBe(termsBefore);

    const badJson = await importCsv(csv, { terms: '{not json' });
    expect(badJson.status).toBe(422);
    expect(badJson.body.fields[0].path).toBe('terms');
    const wrongKind = await importCsv(csv, {
      terms: JSON.stringify([{ kind: 'technology', name: 'Robotic', termId: agrifood?.id }]),
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.fields[0].path).toBe('terms[0].termId');

    const done = await importCsv(csv, {
      terms: JSON.stringify([
        { kind: 'sector', name: 'Agri-food', termId: agrifood?.id },
        { kind: 'sector', name: 'agri food', termId: agrifood?.id },
        { kind: 'technology', name: 'Robotic', termId: robotics?.id },
        { kind: 'technology', name: 'Quantum sensing' },
      ]),
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ rows: 2, created: 2, registered: 2 });
    const names = (await usage()).map((x) => x.name);
    expect(names).toContain('Quantum sensing');
    expect(names).not.toContain('Agri-food');
    expect(names).not.toContain('agri food');
    expect(names).not.toContain('Robotic');
    expect(await t.db.manager.count(TaxonomyTermEntity)).toBe(termsBefore + 1);
    const dir = await t.http
      .get(`/api/events/${eventId}/clusters`)
      .set(...auth())
      .expect(200);
    const byName = new Map(
      (dir.body.items as { name: string; sectors: string[]; technologies: string[] }[]).map((c) => [c.name, c]),
    );
    expect(byName.get('Jutland Food')).toMatchObject({
      sectors: ['Agrifood'],
      technologies: ['Quantum sensing', 'Robotics'],
    });
    expect(byName.get('Funen Food')).toMatchObject({ sectors: ['Agrifood', 'Energy'], technologies: ['Robotics'] });
    // createTerms=true still adds every unknown term at once (for scripts).
    const scripted = await importCsv([HEADER, row('Zealand Food', 'Blue economy', '')].join('\n'), {
      createTerms: 'true',
    });
    expect(scripted.status).toBe(200);
    expect((await usage()).map((x) => x.name)).toContain('Blue economy');
  });
});
