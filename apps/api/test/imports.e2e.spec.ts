import { IsNull, Not } from 'typeorm';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import ExcelJS from 'exceljs';
import { startTestApp, TestApp } from '../test-utils';

const HEADER =
  'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website';
const row = (name: string, over: Partial<Record<string, string>> = {}): string => {
  const v = {
    name,
    country: 'DE',
    region: 'Bavaria',
    sectors: 'Energy;Health',
    technologies: 'AI',
    scope: 'regional',
    label: 'Gold',
    label_valid_until: '2028-06-30',
    companies: '80',
    smes: '60',
    knowledge_institutions: '4',
    public_bodies: '2',
    industry_associations: '1',
    financial_actors: '1',
    secretariat_size: '5',
    offers: '"Test beds, pilot lines"',
    seeks: 'Partners',
    website: 'https://x.example.org',
    ...over,
  };
  return Object.values(v).join(',');
};

describe('imports (CSV and XLSX, all or nothing)', () => {
  let t: TestApp;
  let org: { Authorization: string };
  let eventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    for (const [kind, name] of [
      ['sector', 'Energy'],
      ['sector', 'Health'],
      ['technology', 'AI'],
    ]) {
      await t.http.post('/api/taxonomy').set(org).send({ kind, name }).expect(201);
    }
    const ev = await t.http
      .post('/api/events')
      .set(org)
      .send({ name: 'Import test', venue: 'V', timezone: 'Europe/Paris', requestDeadline: '2099-01-01T00:00:00Z' })
      .expect(201);
    eventId = ev.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const clusterCount = async (): Promise<number> => (await t.http.get('/api/clusters').set(org).expect(200)).body.total;

  it('rejects a CSV with bad rows naming row and column, importing nothing', async () => {
    const csv = [
      HEADER,
      row('Alpha'),
      row('Beta', { country: 'Germany', smes: 'many' }),
      row('Alpha'),
      row('Gamma', { sectors: 'Space', label: 'platinum' }),
    ].join('\n');
    const res = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(422);
    const paths = res.body.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'row 3, column country',
        'row 3, column smes',
        'row 4, column name',
        'row 5, column label',
        'row 5, column sectors',
      ]),
    );
    expect(paths.some((p: string) => p.startsWith('row 2'))).toBe(false);
    expect(await clusterCount()).toBe(0);
  });

  it('names the file row of a bad CSV row after blank lines and a cell spanning lines', async () => {
    const lines = [
      '',
      HEADER,
      row('Alpha'),
      '',
      row('Beta', { offers: '"Line one\r\nline two"' }),
      row('Gamma', { country: 'Germany' }),
    ];
    const res = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(lines.join('\r\n'))
      .expect(422);
    expect(res.body.fields).toEqual([
      { path: 'row 7, column country', code: expect.any(String), message: expect.stringMatching(/country code/) },
    ]);
    expect(await clusterCount()).toBe(0);
  });

  it('names a missing column and an unreadable file', async () => {
    const res = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send('name,country\nA,DE')
      .expect(422);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([{ path: 'row 1, column region', code: 'unknown', message: 'missing column' }]),
    );
    const broken = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\n"unclosed,`)
      .expect(400);
    expect(broken.body.message).toMatch(/CSV/);
    await t.http.post(`/api/events/${eventId}/imports/clusters`).set(org).send({ not: 'a file' }).expect(400);
  });

  it('imports good CSV rows, registers them for the event, and updates by name on re-import', async () => {
    const csv = [HEADER, row('Alpha'), row('Beta', { sectors: 'Health', website: '' })].join('\r\n');
    const res = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(res.body).toEqual({ rows: 2, created: 2, updated: 0, registered: 2 });
    const again = await t.http
      .post(`/api/events/${eventId}/imports/clusters?createTerms=true`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send([HEADER, row('Alpha', { seeks: 'Space partners', sectors: 'Space' })].join('\n'))
      .expect(200);
    expect(again.body).toEqual({ rows: 1, created: 0, updated: 1, registered: 0 });
    const upper = await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send([HEADER, row('BETA', { sectors: 'Health', website: '' })].join('\n'))
      .expect(200);
    expect(upper.body).toEqual({ rows: 1, created: 0, updated: 1, registered: 0 });
    expect(await clusterCount()).toBe(2);
    const dir = await t.http.get(`/api/events/${eventId}/clusters?sector=space`).set(org).expect(200);
    expect(
      dir.body.items.map((c: { name: string; label: string; offers: string }) => [c.name, c.label, c.offers]),
    ).toEqual([['Alpha', 'gold', 'Test beds, pilot lines']]);
  });

  it('imports delegates from XLSX and rejects unknown clusters and taken e-mails', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Delegates');
    ws.addRow(['Cluster', 'Name', 'E-mail', 'Role']);
    ws.addRow(['Alpha', 'Ana', 'ANA@alpha.example.org', 'Manager']);
    ws.addRow(['Beta', 'Ben', 'ben@beta.example.org', 'Analyst']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.http
      .post(`/api/events/${eventId}/imports/delegates`)
      .set(org)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(buf)
      .expect(200);
    expect(res.body).toEqual({ rows: 2, created: 2, updated: 0, registered: 0 });

    const bad = [
      'cluster,name,email,role',
      'Nowhere,X,x@x.example.org,R',
      'Beta,Ana again,ana@alpha.example.org,R',
      'Beta,Ok,ok@beta.example.org,R',
      'Beta,,not-an-email,R',
    ].join('\n');
    const rej = await t.http
      .post(`/api/events/${eventId}/imports/delegates`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(422);
    expect(rej.body.fields.map((f: { path: string }) => f.path)).toEqual([
      'row 2, column cluster',
      'row 3, column email',
      'row 5, column name',
      'row 5, column email',
    ]);
    const alpha = (await t.http.get('/api/clusters?q=alpha').set(org).expect(200)).body.items[0];
    const beta = (await t.http.get('/api/clusters?q=beta').set(org).expect(200)).body.items[0];
    expect(alpha.delegates.map((d: { email: string }) => d.email)).toEqual(['ana@alpha.example.org']);
    expect(beta.delegates.map((d: { email: string }) => d.email)).toEqual(['ben@beta.example.org']);
  });

  it('takes an optional language column (en/da); a bad value is a row error naming the column (issue 16)', async () => {
    const bad = ['cluster,name,email,role,language', 'Beta,Lis,lis@beta.example.org,R,fr'].join('\n');
    const rej = await t.http
      .post(`/api/events/${eventId}/imports/delegates`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(422);
    expect(rej.body.fields).toEqual([
      expect.objectContaining({ path: 'row 2, column language', message: 'must be en or da', code: 'language' }),
    ]);
    const good = [
      'cluster,name,email,role,language',
      'Beta,Lis,lis@beta.example.org,R,DA',
      'Beta,Ben,ben@beta.example.org,Analyst,',
    ].join('\n');
    await t.http
      .post(`/api/events/${eventId}/imports/delegates`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(good)
      .expect(200);
    const rows = await t.db.manager.find(DelegateEntity, { where: { clusterId: Not(IsNull()) } });
    const lang = new Map(rows.map((d) => [d.email, d.language ?? null]));
    expect(lang.get('lis@beta.example.org')).toBe('da');
    expect(lang.get('ben@beta.example.org')).toBeNull();
  });

  it('reads an XLSX website that Excel turned into a link, and date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Clusters');
    ws.addRow(HEADER.split(','));
    const cells: ExcelJS.CellValue[] = row('Gamma', { offers: 'Test beds' }).split(',');
    cells[7] = new Date(Date.UTC(2029, 0, 31));
    cells[17] = { text: 'www.gamma.example', hyperlink: 'http://www.gamma.example/' };
    ws.addRow(cells);
    ws.addRow(
      row('Delta', { offers: 'Test beds', website: '' })
        .split(',')
        .map((c, i) => (i === 0 ? { text: 'Delta', hyperlink: 'https://delta.example/about' } : c)),
    );
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await t.http
      .post(`/api/events/${eventId}/imports/clusters`)
      .set(org)
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(buf)
      .expect(200);
    const gamma = (await t.http.get('/api/clusters?q=gamma').set(org).expect(200)).body.items[0];
    expect([gamma.website, gamma.labelValidUntil]).toEqual(['http://www.gamma.example/', '2029-01-31']);
    expect((await t.http.get('/api/clusters?q=delta').set(org).expect(200)).body.items[0].name).toBe('Delta');
  });

  it('is for organisers only', async () => {
    const alpha = (await t.http.get('/api/clusters?q=alpha').set(org).expect(200)).body.items[0];
    const token = await t.delegateToken(alpha.delegates[0].id);
    await t.http
      .post(`/api/events/${eventId}/imports/delegates`)
      .set({ Authorization: `Bearer ${token}` })
      .set('Content-Type', 'text/csv')
      .send('cluster,name,email,role')
      .expect(403);
  });
});
