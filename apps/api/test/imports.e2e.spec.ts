import { IsNull, Not } from 'typeorm';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import ExcelJS from 'exceljs';
import { startTestApp, TestApp } from '../test-utils';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER =
  'name,country,region,sectors,technologies,scope,label,label_valid_until,companies,smes,knowledge_institutions,public_bodies,industry_associations,financial_actors,secretariat_size,offers,seeks,website';
/** A row's cells (`offers` quoted, as a CSV of any delimiter may hold it). */
const values = (name: string, over: Partial<Record<string, string>> = {}): string[] => {
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
  return Object.values(v).map((x) => x ?? '');
};
const row = (name: string, over: Partial<Record<string, string>> = {}): string => values(name, over).join(',');

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
      row('Beta', { country: 'Atlantis', smes: 'many' }),
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
      row('Gamma', { country: 'Atlantis' }),
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

  // Files as organisers bring them: Excel in Danish and German locales, Google Sheets, several sheets.
  const postFile = (kind: 'clusters' | 'delegates', body: string | Buffer, type = 'text/csv') =>
    t.http.post(`/api/events/${eventId}/imports/${kind}`).set(org).set('Content-Type', type).send(body);
  const cluster = async (name: string) =>
    (
      await t.http
        .get(`/api/clusters?q=${encodeURIComponent(name)}`)
        .set(org)
        .expect(200)
    ).body.items[0];
  /** Windows-1252 bytes of `s` (Latin-1 letters as they are, the euro sign as 0x80). */
  const cp1252 = (s: string): Buffer => Buffer.from(s.replace(/€/g, '\x80'), 'latin1');

  it("reads Excel's Windows-1252 and UTF-8 semicolon files (with a sep= line) without mangling æøå or €", async () => {
    const semi = (name: string, over: Partial<Record<string, string>> = {}): string =>
      values(name, { sectors: '"Energy;Health"', region: 'Sjælland', offers: 'Møder, 5 € pr. time', ...over }).join(
        ';',
      );
    const file = [HEADER.replace(/,/g, ';'), semi('Fødevare Øst')].join('\r\n');
    await postFile('clusters', cp1252(file)).expect(200);
    const got = await cluster('Fødevare');
    expect([got.name, got.region, got.offers]).toEqual(['Fødevare Øst', 'Sjælland', 'Møder, 5 € pr. time']);
    // Excel's "CSV UTF-8": a byte-order mark, and some files start with Excel's own `sep=;` line.
    const utf8 = `\ufeffsep=;\r\n${[HEADER.replace(/,/g, ';'), semi('Süßwaren Größe', { country: 'de' })].join('\r\n')}`;
    await postFile('clusters', utf8).expect(200);
    expect((await cluster('Süßwaren')).region).toBe('Sjælland');
  });

  it('reads tab-separated and UTF-16 files, a header below a title row, and a quote inside a cell', async () => {
    const tsv = (name: string): string =>
      [HEADER.replace(/,/g, '\t'), values(name, { offers: 'Pilot lines, test beds' }).join('\t')].join('\r\n');
    await postFile('clusters', tsv('Tabbed Cluster')).expect(200);
    // Excel's "Unicode text": UTF-16 little-endian with a byte-order mark, tab-separated.
    await postFile('clusters', Buffer.from(`\ufeff${tsv('Unicode Ærø')}`, 'utf16le')).expect(200);
    expect((await cluster('Unicode')).name).toBe('Unicode Ærø');
    const titled = [
      'Cluster list 2026;;',
      '',
      HEADER,
      row('Titled', { offers: 'The 5" screen lab' }),
      row('Titled Two', { country: 'XX' }),
    ];
    const res = await postFile('clusters', titled.join('\n')).expect(422);
    // The rows keep the file's numbers.
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['row 5, column country']);
    await postFile('clusters', titled.slice(0, 4).join('\n')).expect(200);
    expect((await cluster('Titled')).offers).toBe('The 5" screen lab');
  });

  it('takes country names, day-first dates and grouped thousands as Danish and German sheets write them', async () => {
    const csv = [
      HEADER,
      row('Country One', { country: 'Danmark', label_valid_until: '30-06-2028', companies: '1.200', smes: '900' }),
      row('Country Two', { country: 'Deutschland', label_valid_until: '1.7.2028' }),
      row('Country Three', { country: 'Denmark' }),
    ].join('\n');
    await postFile('clusters', csv).expect(200);
    const one = await cluster('Country One');
    expect([one.country, one.labelValidUntil, one.members.companies]).toEqual(['DK', '2028-06-30', 1200]);
    const two = await cluster('Country Two');
    expect([two.country, two.labelValidUntil]).toEqual(['DE', '2028-07-01']);
    const bad = await postFile(
      'clusters',
      [HEADER, row('Bad Dates', { country: 'Atlantis', label_valid_until: '31-02-2028', companies: '' })].join('\n'),
    ).expect(422);
    expect(bad.body.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`)).toEqual([
      'row 2, column country: must be an ISO 3166-1 alpha-2 country code such as DE',
      'row 2, column label_valid_until: must be a date YYYY-MM-DD',
      'row 2, column companies: must not be empty',
    ]);
  });

  it('XLSX: takes the sheet with the columns when an empty or instructions sheet comes first; formula dates', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ark1');
    wb.addWorksheet('Instructions').addRow(['One row per cluster']);
    const ws = wb.addWorksheet('Clusters');
    ws.addRow(HEADER.split(','));
    const cells: ExcelJS.CellValue[] = row('Sheet Three', { offers: 'Test beds' }).split(',');
    cells[7] = { formula: 'DATE(2029,3,31)', result: new Date(Date.UTC(2029, 2, 31)) };
    cells[8] = { formula: '40*2', result: 80 };
    ws.addRow(cells);
    await postFile('clusters', Buffer.from(await wb.xlsx.writeBuffer()), XLSX_TYPE).expect(200);
    const got = await cluster('Sheet Three');
    expect([got.labelValidUntil, got.members.companies]).toEqual(['2029-03-31', 80]);
  });

  it('refuses a row with more cells than its header instead of storing it shifted; matches names with doubled spaces', async () => {
    // The semicolons of a role do not make this comma file a semicolon one.
    const shifted = [
      'cluster,name,email,role',
      'Beta,Lis,lis@beta.example.org,Lead, Sales; Events; Press; Web; Ops; HR',
    ].join('\n');
    const res = await postFile('delegates', shifted).expect(422);
    expect(res.body.fields).toEqual([
      expect.objectContaining({
        path: 'row 2',
        code: 'extra_cells',
        message:
          'has 5 cells where the header names 4 columns: put a cell that contains "," in double quotes, or give the extra column a header',
      }),
    ]);
    const da = await postFile('delegates', shifted).set('Accept-Language', 'da').expect(422);
    expect(da.body.fields[0].message).toMatch(/^har 5 celler/);
    await postFile(
      'delegates',
      ['cluster,name,email,role', 'beta  ,Lis,lis@beta.example.org,"Lead, Sales; Events; Press; Web; Ops; HR"'].join(
        '\n',
      ),
    );
    const beta = await cluster('beta');
    expect(beta.delegates.find((d: { email: string }) => d.email === 'lis@beta.example.org')?.role).toBe(
      'Lead, Sales; Events; Press; Web; Ops; HR',
    );
    const huge = await postFile(
      'delegates',
      ['cluster,name,email,role', `${'c'.repeat(100_000)},X,x@x.example.org,R`].join('\n'),
    ).expect(422);
    expect(huge.body.fields[0].message).toBe(`no cluster named "${'c'.repeat(80)}..."`);
  });

  it('tells an empty file, an old .xls, an .ods and a PDF from a CSV', async () => {
    const messageOf = async (body: Buffer): Promise<string> =>
      (await postFile('clusters', body).expect(400)).body.message;
    expect(await messageOf(Buffer.alloc(0))).toBe('The file is empty');
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(await messageOf(xls)).toMatch(/^This is an old Excel workbook \(\.xls\)/);
    // An OpenDocument zip: its first entry, `mimetype`, holds the type uncompressed after the 30-byte entry header.
    const ods = Buffer.concat([
      Buffer.from('504b0304', 'hex'),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    expect(await messageOf(ods)).toMatch(/^This is an OpenDocument spreadsheet \(\.ods\)/);
    expect(await messageOf(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n'))).toBe('This is not a CSV or XLSX file');
    const da = await postFile('clusters', Buffer.alloc(0)).set('Accept-Language', 'da').expect(400);
    expect(da.body.message).toBe('Filen er tom');
  });

  it("imports its own CSV export again unchanged: bulleted offers and a role starting with '-' get no apostrophe", async () => {
    const offers = '- Test beds\n- Pilot lines';
    await postFile(
      'clusters',
      [HEADER, row('Bullets', { offers: `"${offers}"`, seeks: '+45 partners' })].join('\n'),
    ).expect(200);
    await postFile(
      'delegates',
      ['cluster,name,email,role', 'Bullets,Bo,bo@bullets.example.org,- lead'].join('\n'),
    ).expect(200);
    for (const kind of ['clusters', 'delegates']) {
      const exported = await t.http
        .get(`/api/events/${eventId}/participants/export?kind=${kind}&format=csv`)
        .set(org)
        .expect(200);
      // The export keeps a spreadsheet from running these cells as formulas...
      expect(exported.text).toContain(kind === 'clusters' ? "'+45 partners" : "'- lead");
      await postFile(kind as 'clusters' | 'delegates', exported.text).expect(200);
    }
    // ...and the import takes them back as they were.
    const got = await cluster('Bullets');
    expect([got.offers, got.seeks, got.delegates[0].role]).toEqual([offers, '+45 partners', '- lead']);
  });
});
