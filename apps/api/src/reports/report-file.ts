import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFKit from 'pdfkit';
import { addTextRows, excel, toSafeCsv } from '../common/spreadsheet';

/** A report as a downloadable file. */
export interface ReportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export const FILE_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** A horizontal bar chart drawn in the PDF. */
export interface PdfChart {
  readonly title: string;
  readonly bars: readonly { readonly label: string; readonly value: number }[];
}

/** What a report's files hold: `section, measure, value` rows (the header row first), and charts for the PDF. */
export interface ReportContent {
  /** The file name without extension (made safe here). */
  readonly base: string;
  readonly title: string;
  readonly subtitle: string;
  /** The XLSX worksheet's name (at most 31 characters). */
  readonly sheet: string;
  readonly rows: readonly (readonly string[])[];
  readonly charts?: readonly PdfChart[];
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A file name of letters, digits, `.`, `_` and `-` only. */
export const safeFileBase = (s: string): string =>
  s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'report';

/**
 * The DejaVu Sans fonts shipped in the `dejavu-fonts-ttf` package (every Latin, Greek and Cyrillic letter, so a
 * cluster named "Łódź" or "Øresund" prints as it is): read from node_modules, nothing is fetched at run time.
 */
function fontFile(name: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf'): string {
  const req = createRequire(__filename);
  return path.join(path.dirname(req.resolve('dejavu-fonts-ttf/package.json')), 'ttf', name);
}

/** PDFKit, loaded on first use (only the PDF export needs it). */
function pdfkit(): typeof PDFKit {
  return require('pdfkit') as typeof PDFKit;
}

/**
 * The report as a PDF (PDFKit, A4): the title, the charts as horizontal bars with their numbers, then every row
 * of the table under its section's heading. Text is real text (selectable, and what the tests read back).
 */
export function reportPdf(c: ReportContent): Promise<Buffer> {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: c.title, Author: 'clustermatch', Creator: 'clustermatch' },
  });
  doc.registerFont('body', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const room = (h: number): void => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  doc.font('bold').fontSize(18).text(c.title, left, doc.y, { width });
  doc.font('body').fontSize(9).fillColor('#555555').text(c.subtitle, { width }).fillColor('#000000');
  doc.moveDown();

  for (const chart of c.charts ?? []) {
    const max = Math.max(1, ...chart.bars.map((b) => b.value));
    room(24 + 16 * chart.bars.length);
    doc.font('bold').fontSize(11).text(chart.title, left, doc.y, { width });
    doc.moveDown(0.3);
    const labelW = 170;
    const barW = width - labelW - 50;
    for (const b of chart.bars) {
      const y = doc.y;
      doc
        .font('body')
        .fontSize(9)
        .text(b.label, left, y, { width: labelW - 8, lineBreak: false, ellipsis: true });
      const w = (barW * b.value) / max;
      if (w > 0) doc.rect(left + labelW, y + 1, w, 9).fill('#1d4ed8');
      doc.fillColor('#000000').text(String(b.value), left + labelW + w + 4, y, { width: 46, lineBreak: false });
      doc.x = left;
      doc.y = y + 14;
    }
    doc.moveDown();
  }

  const valueW = 150;
  let section = '';
  for (const [s = '', measure = '', value = ''] of c.rows.slice(1)) {
    if (s !== section) {
      section = s;
      room(40);
      doc.moveDown(0.5);
      doc.font('bold').fontSize(11).text(s, left, doc.y, { width });
      doc.moveDown(0.2);
    }
    doc.font('body').fontSize(9);
    const h = Math.max(
      doc.heightOfString(measure, { width: width - valueW - 10 }),
      doc.heightOfString(value, { width: valueW }),
    );
    room(h + 2);
    const y = doc.y;
    doc.text(measure, left, y, { width: width - valueW - 10 });
    doc.text(value, left + width - valueW, y, { width: valueW, align: 'right' });
    doc.x = left;
    doc.y = y + h + 2;
  }
  doc.end();
  return done;
}

/** The report as CSV (escaped against formulas), XLSX (typed text cells) or PDF. */
export async function reportFile(c: ReportContent, format: FileFormat): Promise<ReportFile> {
  const filename = `${safeFileBase(c.base)}.${format}`;
  const contentType = CONTENT_TYPES[format];
  if (format === 'csv') return { filename, contentType, body: toSafeCsv(c.rows) };
  if (format === 'pdf') return { filename, contentType, body: await reportPdf(c) };
  const wb = new (excel().Workbook)();
  wb.creator = 'clustermatch';
  const ws = wb.addWorksheet(c.sheet.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  addTextRows(ws, c.rows);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(8, ...c.rows.map((line) => (line[i] ?? '').length + 2)));
  });
  return { filename, contentType, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
