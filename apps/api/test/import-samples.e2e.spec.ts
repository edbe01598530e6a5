import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../test-utils';

// The sample files the README points new organisers to must import as they are.
const sample = (name: string): string => readFileSync(join(__dirname, '../../../fixtures/import', name), 'utf8');

describe('the sample import files in fixtures/import', () => {
  let t: TestApp;
  let org: { Authorization: string };
  let eventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    const ev = await t.http
      .post('/api/events')
      .set(org)
      .send({ name: 'Samples', venue: 'Hall', timezone: 'Europe/Copenhagen', requestDeadline: '2099-01-01T00:00:00Z' })
      .expect(201);
    eventId = ev.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the sample clusters (creating their taxonomy terms) and then their delegates', async () => {
    const clusters = sample('clusters.csv');
    const delegates = sample('delegates.csv');
    // Without createTerms the unknown sectors are row errors and nothing is stored.
    const refused = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(clusters)
      .expect(422);
    expect(refused.body.fields.map((f: { path: string }) => f.path)).toContain('row 2, column sectors');
    expect((await t.http.get('/api/clusters').set(org).expect(200)).body.total).toBe(0);

    await t.http
      .post(`/api/events/${eventId}/imports/clusters?createTerms=true`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(clusters)
      .expect(200);
    await t.http
      .post(`/api/events/${eventId}/imports/delegates`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(delegates)
      .expect(200);
    const list = await t.http.get('/api/clusters').set(org).expect(200);
    expect(list.body.total).toBe(3);
    const dir = await t.http.get(`/api/events/${eventId}/clusters?q=pilot`).set(org).expect(200);
    const names = (dir.body.items as { name: string }[]).map((c) => c.name).sort();
    expect(names).toEqual(['Bavarian Robotics Network', 'Danish Food Tech Cluster']);
  });
});
