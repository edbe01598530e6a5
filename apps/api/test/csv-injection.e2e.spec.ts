/**
 * Issue 14, item 1: names that a spreadsheet would run as formulas reach the CSV exports as text (a leading
 * `'`), and the XLSX exports as typed text cells formatted as text, never as formulas.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ClusterEntity } from '../src/clusters/cluster.entity';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { acceptedRequest, type Basics, setUpEvent, solveToDraft, startTestApp, type TestApp } from '../test-utils';

const EVIL_CLUSTER = '=HYPERLINK("http://evil.example","Click")';

describe('CSV and XLSX exports with formula-like names', () => {
  let t: TestApp;
  let b: Basics;
  let org: { Authorization: string };
  let versionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 3, 1);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    await t.http.patch(`/api/clusters/${b.clusterIds[0]}`).set(org).send({ name: EVIL_CLUSTER }).expect(200);
    await t.http.patch(`/api/clusters/${b.clusterIds[1]}`).set(org).send({ name: '+cmd|/C calc' }).expect(200);
    await t.http.patch(`/api/delegates/${b.delegateIds[0]?.[0]}`).set(org).send({ name: '@SUM(1+1)*cmd' }).expect(200);
    await t.http.patch(`/api/delegates/${b.delegateIds[1]?.[0]}`).set(org).send({ name: '-2+3+cmd' }).expect(200);
    await t.http
      .put(`/api/events/${b.eventId}/tables`)
      .set(org)
      .send({
        tables: [
          { name: '=1+1', seats: 4 },
          { name: '-T2', seats: 4 },
        ],
      })
      .expect(200);
    // Tab and carriage return are refused by the API now; older rows may still hold them.
    await t.db.transaction(async (m) => {
      await m.update(ClusterEntity, { id: b.clusterIds[2] }, { name: '\t=1+2' });
      await m.update(DelegateEntity, { id: b.delegateIds[2]?.[0] }, { name: '\r=1+3' });
    });
    await acceptedRequest(t, b, 0, 1);
    await acceptedRequest(t, b, 2, 0);
    await acceptedRequest(t, b, 1, 2);
    versionId = await solveToDraft(t, b.eventId);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
  });

  const download = (format: 'csv' | 'xlsx', kind: 'schedule' | 'tables') => {
    const req = t.http
      .get(`/api/events/${b.eventId}/schedule/versions/${versionId}/export`)
      .query({ format, kind })
      .set(org);
    return format === 'xlsx'
      ? req.buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
      : req;
  };

  it.each(['schedule', 'tables'] as const)('neutralises every formula-like cell of the %s CSV', async (kind) => {
    const res = await download('csv', kind).expect(200);
    const rows = parse(res.text) as string[][];
    const cells = rows.flat();
    for (const cell of cells) expect([cell, /^[=+\-@\t\r]/.test(cell)]).toEqual([cell, false]);
    const joined = cells.join('\n');
    // The names are all there, as text.
    expect(joined).toContain(`'${EVIL_CLUSTER}`);
    if (kind === 'schedule') {
      expect(joined).toContain("'=1+1");
      expect(joined).toMatch(/'@SUM\(1\+1\)\*cmd|'-2\+3\+cmd|'\r=1\+3/);
    } else {
      expect(rows[0]).toEqual(expect.arrayContaining(["'=1+1", "'-T2"]));
      expect(joined).toContain("'\t=1+2");
    }
  });

  it.each(['schedule', 'tables'] as const)('writes the %s XLSX as text cells, never formulas', async (kind) => {
    const res = await download('xlsx', kind).expect(200);
    const wb = new ExcelJS.Workbook();
    const bytes = res.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        expect(cell.numFmt).toBe('@');
        texts.push(String(cell.value));
      }),
    );
    // Unchanged text: typed cells need no quote.
    expect(texts.join('\n')).toContain(EVIL_CLUSTER);
    expect(texts).not.toContain(`'${EVIL_CLUSTER}`);
  });
});
