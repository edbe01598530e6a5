import { pdfText as text } from '../../test-utils/pdf-text';
import { reportFile } from './report-file';

describe('report files', () => {
  const rows = [
    ['section', 'measure', 'value'],
    ['meetings', 'held', '17'],
    ['country DK', 'usefulness', '3.75'],
    ['evaluation: Øresund & Łódź?', 'text 1', 'Très bien, ærligt talt'],
  ];

  it('writes a PDF whose text holds every row, the title and the charts, with letters beyond Latin-1', async () => {
    const f = await reportFile(
      {
        base: 'Spring Match/2027',
        title: 'Impact report: Spring Match',
        subtitle: '2027',
        sheet: 'Impact report',
        rows,
        charts: [{ title: 'Next steps', bars: [{ label: 'visit', value: 4 }] }],
      },
      'pdf',
    );
    expect(f.filename).toBe('Spring-Match-2027.pdf');
    expect(f.contentType).toBe('application/pdf');
    expect(f.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text: t } = await text(f.body);
    for (const x of [
      'Impact report: Spring Match',
      'Next steps',
      'visit',
      'held',
      '17',
      '3.75',
      'Øresund & Łódź?',
      'Très bien, ærligt talt',
    ])
      expect(t).toContain(x);
  });

  it('breaks long reports over pages', async () => {
    const many = [rows[0] ?? [], ...Array.from({ length: 200 }, (_, i) => ['long', `measure ${i}`, String(i * 7)])];
    const f = await reportFile({ base: 'x', title: 'Long', subtitle: '', sheet: 'x', rows: many }, 'pdf');
    const { text: t, pages } = await text(f.body);
    expect(pages).toBeGreaterThan(2);
    expect(t).toContain('measure 199');
    expect(t).toContain('1393');
  });
});
