import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { excel } from '../common/spreadsheet';
import { AppError, ErrorCode, type FieldError } from '../common/errors';

/** A sheet as rows of cells; `line` is the 1-based row number in the file (header = 1). */
export interface SheetRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface Sheet {
  /** Normalised header names (lower case, letters and digits only). */
  readonly headers: readonly string[];
  readonly rows: readonly SheetRow[];
}

export const MAX_ROWS = 5000;

/** `Label valid until`, `label_valid_until`, `labelValidUntil` -> `labelvaliduntil`. */
export const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');

const isXlsx = (buf: Buffer): boolean =>
  buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

const refuse = (message: string): AppError => new AppError(ErrorCode.Validation, message, [{ path: 'body', message }]);

/**
 * Files that are not CSV or XLSX but are what an organiser may pick instead: each gets a message that says what
 * to do, not the column errors of its bytes read as text.
 */
function refuseOtherFormats(buf: Buffer): void {
  // OLE2 compound file: an Excel 97-2003 workbook (.xls), or a Word or other old Office file.
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1)
    throw refuse(
      'This is an old Excel workbook (.xls) or another Office file: save it as .xlsx or CSV and import that',
    );
  // An OpenDocument file starts with a zip entry `mimetype` holding its type (LibreOffice, Numbers' ODS export).
  if (isXlsx(buf) && buf.subarray(30, 90).toString('latin1').startsWith('mimetypeapplication/vnd.oasis.opendocument'))
    throw refuse('This is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV and import that');
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') throw refuse('This is not a CSV or XLSX file');
}

/**
 * The text of a CSV file. Excel saves "CSV UTF-8" with a byte-order mark, "CSV" in the Windows code page
 * (Windows-1252 in Denmark and Germany: æøå, äöüß and € as single bytes) and "Unicode text" as UTF-16 with a
 * byte-order mark; Google Sheets and LibreOffice save UTF-8. Bytes that are not valid UTF-8 are read as
 * Windows-1252 (a superset of Latin-1's letters) instead of becoming U+FFFD in the stored names.
 */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  // UTF-16 without a byte-order mark: ASCII letters with a zero byte after (LE) or before (BE) each.
  const head = buf.subarray(0, 200);
  let evenZero = 0;
  let oddZero = 0;
  head.forEach((b, i) => {
    if (b === 0) {
      if (i % 2) oddZero++;
      else evenZero++;
    }
  });
  if (head.length >= 8 && oddZero >= head.length / 4 && evenZero === 0) return new TextDecoder('utf-16le').decode(buf);
  if (head.length >= 8 && evenZero >= head.length / 4 && oddZero === 0) return new TextDecoder('utf-16be').decode(buf);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return windows1252(buf);
  }
}

/**
 * Windows-1252's bytes 0x80-0x9F (the rest is Latin-1). Node's TextDecoder('windows-1252') decodes them as the
 * C1 control characters of Latin-1 (Node 20), which the cluster fields refuse: "5 €" would fail as a control
 * character. Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay what Latin-1 makes of them.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const windows1252 = (buf: Buffer): string =>
  buf.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);

/** How often `ch` occurs in `line` outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter of a CSV: the one of `,` `;` and tab that splits a line of the first ten non-empty ones into all
 * `expected` columns (the header may sit below a title row); else the one that splits some line into the most
 * cells. Excel writes `;` in Danish and German locales, Google Sheets and Excel's "Unicode text" write tabs. A tie
 * keeps the comma (a role "Sales; Events" must not make a comma file a semicolon one).
 */
function detectDelimiter(text: string, expected: readonly string[]): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 10);
  const candidates = [',', ';', '\t'];
  if (expected.length > 0) {
    const named = candidates.find((d) =>
      lines.some((l) => {
        const names = new Set(l.split(d).map((c) => normaliseHeader(c.replace(/"/g, ''))));
        return expected.every((c) => names.has(c));
      }),
    );
    if (named) return named;
  }
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = Math.max(0, ...lines.map((l) => countOutsideQuotes(l, d)));
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Rows searched for the header when it is not the first non-empty one (title rows above it). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Characters that trim() keeps but that are invisible in a spreadsheet: zero-width spaces and joiners, and a
 * byte-order mark that a pasted cell brought along.
 */
const cell = (s: string): string => s.replace(/^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g, '');

/**
 * The service's own CSV exports (`csvSafeCell`) put `'` before a cell that a spreadsheet would take for a formula
 * (`- Test beds` of a bulleted list, `+45 ...`); the exports are meant to be imported again, so that `'` goes.
 */
const unescapeFormula = (s: string): string => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

/** Where the header is: the first of the first rows that has all `expected` columns, else the first non-empty. */
function headerIndex(table: string[][], expected: readonly string[]): number {
  const first = table.findIndex((r) => r.some((c) => cell(c) !== ''));
  if (first < 0) return -1;
  if (expected.length === 0) return first;
  for (let i = first; i < Math.min(table.length, first + HEADER_SEARCH_ROWS); i++) {
    const names = new Set((table[i] ?? []).map(normaliseHeader));
    if (expected.every((c) => names.has(c))) return i;
  }
  return first;
}

/**
 * `lines[i]` is the 1-based line of the file on which `table[i]` starts (default: i + 1, as in a worksheet).
 * `delimiter` is the CSV's, named when a row has more cells than the header.
 */
function toSheet(table: string[][], lines: readonly number[] | undefined, delimiter?: string): Sheet {
  const [header, ...body] = table;
  if (!header || header.every((h) => cell(h) === ''))
    throw new AppError(ErrorCode.Validation, 'The file has no header row', [
      { path: 'row 1', message: 'missing header row' },
    ]);
  const headers = header.map(normaliseHeader);
  // Cells past the header's last named column: a CSV cell holding the delimiter without quotes moves the cells
  // after it one column right, and the row would be stored shifted (a role cut at its comma).
  const width = headers.reduce((w, h, j) => (h ? j + 1 : w), 0);
  const rows: SheetRow[] = [];
  const extra: FieldError[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => cell(c) === '')) return;
    const line = lines?.[i + 1] ?? i + 2;
    const used = cells.reduce((w, c, j) => (cell(c) !== '' ? j + 1 : w), 0);
    if (delimiter && used > width)
      extra.push({
        path: `row ${line}`,
        message: `has ${used} cells where the header names ${width} columns: put a cell that contains ${delimiter === '\t' ? 'a tab' : `"${delimiter}"`} in double quotes, or give the extra column a header`,
      });
    const rec: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) rec[h] = unescapeFormula(cell(cells[j] ?? ''));
    });
    rows.push({ line, cells: rec });
  });
  if (rows.length > MAX_ROWS)
    throw new AppError(ErrorCode.Validation, `At most ${MAX_ROWS} rows per import (got ${rows.length})`, [
      { path: 'file', message: 'too many rows' },
    ]);
  if (extra.length)
    throw new AppError(
      ErrorCode.Unprocessable,
      `${extra.length} problem(s), nothing imported: ${extra
        .slice(0, 20)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}${extra.length > 20 ? '; ...' : ''}`,
      extra,
    );
  return { headers, rows };
}

/**
 * Excel turns a typed `www.cluster.example` into a link to `http://www.cluster.example/` that shows the typed
 * text: such a cell means its link (so a website column gets its protocol). Other linked cells keep their text.
 */
function autoLink(value: unknown, text: string): string | undefined {
  if (typeof value !== 'object' || value === null || !('hyperlink' in value)) return undefined;
  const link = (value as { hyperlink: unknown }).hyperlink;
  if (typeof link !== 'string' || !/^https?:\/\//i.test(link)) return undefined;
  const bare = (u: string): string =>
    u
      .trim()
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(text) === bare(link) ? link : undefined;
}

/** A cell's text; a date (typed, or a formula's result) as YYYY-MM-DD. */
function cellText(c: ExcelJS.Cell): string {
  const v = c.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null && 'result' in v) {
    const result = (v as { result: unknown }).result;
    if (result instanceof Date) return result.toISOString().slice(0, 10);
  }
  return autoLink(v, c.text) ?? c.text;
}

function worksheetTable(ws: ExcelJS.Worksheet): string[][] {
  const table: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    table.push(cells);
  }
  return table;
}

/** The table from its header row on, with the file's row numbers. */
function fromHeader(
  table: string[][],
  lines: readonly number[],
  expected: readonly string[],
  delimiter?: string,
): Sheet {
  const at = headerIndex(table, expected);
  return at > 0 ? toSheet(table.slice(at), lines.slice(at), delimiter) : toSheet(table, lines, delimiter);
}

/**
 * Reads CSV or XLSX into rows keyed by normalised header. CSV: UTF-8 (with or without a byte-order mark),
 * UTF-16 or Windows-1252; comma, semicolon or tab (or as an Excel `sep=` first line says). XLSX: the first sheet
 * with all `expected` columns (an instructions sheet or an empty one may come first), else the first non-empty.
 * Either way the header is the first row with all `expected` columns among the first rows (title rows above it
 * are skipped), else the first non-empty row; rows keep the file's numbers. `declaredLength` is the request's
 * Content-Length, to tell an empty file from a body sent with another Content-Type.
 */
export async function readSheet(
  body: unknown,
  expected: readonly string[] = [],
  declaredLength?: string,
): Promise<Sheet> {
  if ((Buffer.isBuffer(body) && body.length === 0) || (!Buffer.isBuffer(body) && declaredLength === '0'))
    throw refuse('The file is empty');
  if (!Buffer.isBuffer(body)) {
    throw new AppError(
      ErrorCode.Validation,
      'Send the file as the request body with Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      [{ path: 'body', message: 'expected a CSV or XLSX file' }],
    );
  }
  refuseOtherFormats(body);
  if (isXlsx(body)) {
    const wb = new (excel().Workbook)();
    try {
      await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new AppError(ErrorCode.Validation, `Unreadable XLSX file: ${e instanceof Error ? e.message : String(e)}`, [
        { path: 'body', message: 'unreadable XLSX' },
      ]);
    }
    if (!wb.worksheets[0])
      throw new AppError(ErrorCode.Validation, 'The workbook has no sheet', [{ path: 'body', message: 'no sheet' }]);
    const tables = wb.worksheets.map(worksheetTable);
    const hasAll = (table: string[][]): boolean => {
      const at = headerIndex(table, expected);
      const names = new Set((table[at] ?? []).map(normaliseHeader));
      return at >= 0 && expected.length > 0 && expected.every((c) => names.has(c));
    };
    const table =
      tables.find(hasAll) ?? tables.find((t) => t.some((r) => r.some((c) => cell(c) !== ''))) ?? tables[0] ?? [];
    return fromHeader(
      table,
      table.map((_, i) => i + 1),
      expected,
    );
  }
  let text = decodeText(body);
  if (text.includes('\u0000')) throw refuse('This is not a CSV or XLSX file');
  // Excel writes and reads a first line `sep=;` naming the delimiter; it is no row of the table. Its line is kept
  // (empty) so that rows keep their numbers.
  const sep = /^\ufeff?sep=(.)[ \t]*(?=\r\n|\r|\n|$)/i.exec(text);
  const delimiter = sep?.[1] ?? detectDelimiter(text, expected);
  if (sep) text = text.slice(sep[0].length);
  try {
    // Blank lines are kept (toSheet skips them) so that row numbers stay those of the file; a quoted cell may
    // span lines, so each record starts after the line breaks of the records before it. A quote inside a cell
    // that does not start with one (`The 5" lab`) is a character of the cell, as Excel reads it.
    const table = parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
    const lines: number[] = [];
    let line = 1;
    for (const record of table) {
      lines.push(line);
      line += 1 + record.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    }
    return fromHeader(table, lines, expected, delimiter);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const line = (e as { lines?: number }).lines;
    throw new AppError(
      ErrorCode.Validation,
      `Unreadable CSV${line ? ` at row ${line}` : ''}: ${e instanceof Error ? e.message : String(e)}`,
      [{ path: line ? `row ${line}` : 'body', message: 'unreadable CSV' }],
    );
  }
}
