import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { excel } from '../common/spreadsheet';
import { AppError, ErrorCode } from '../common/errors';

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

/**
 * `lines[i]` is the 1-based line of the file on which `table[i]` starts (default: i + 1, as in a worksheet).
 */
function toSheet(table: string[][], lines?: readonly number[]): Sheet {
  const [header, ...body] = table;
  if (!header || header.every((h) => h.trim() === ''))
    throw new AppError(ErrorCode.Validation, 'The file has no header row', [
      { path: 'row 1', message: 'missing header row' },
    ]);
  const headers = header.map(normaliseHeader);
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const rec: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) rec[h] = (cells[j] ?? '').trim();
    });
    rows.push({ line: lines?.[i + 1] ?? i + 2, cells: rec });
  });
  if (rows.length > MAX_ROWS)
    throw new AppError(ErrorCode.Validation, `At most ${MAX_ROWS} rows per import (got ${rows.length})`, [
      { path: 'file', message: 'too many rows' },
    ]);
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

/** Reads CSV (UTF-8, comma or semicolon) or XLSX (first sheet) into rows keyed by normalised header. */
export async function readSheet(body: unknown): Promise<Sheet> {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError(
      ErrorCode.Validation,
      'Send the file as the request body with Content-Type text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      [{ path: 'body', message: 'expected a CSV or XLSX file' }],
    );
  }
  if (isXlsx(body)) {
    const wb = new (excel().Workbook)();
    try {
      await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new AppError(ErrorCode.Validation, `Unreadable XLSX file: ${e instanceof Error ? e.message : String(e)}`, [
        { path: 'body', message: 'unreadable XLSX' },
      ]);
    }
    const ws = wb.worksheets[0];
    if (!ws)
      throw new AppError(ErrorCode.Validation, 'The workbook has no sheet', [{ path: 'body', message: 'no sheet' }]);
    const table: string[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const v = cell.value;
        cells.push(v instanceof Date ? v.toISOString().slice(0, 10) : (autoLink(v, cell.text) ?? cell.text));
      }
      table.push(cells);
    }
    return toSheet(table);
  }
  const text = body.toString('utf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    // Blank lines are kept (toSheet skips them) so that row numbers stay those of the file; a quoted cell may
    // span lines, so each record starts after the line breaks of the records before it.
    const table = parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];
    const lines: number[] = [];
    let line = 1;
    for (const record of table) {
      lines.push(line);
      line += 1 + record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    }
    const first = table.findIndex((r) => r.some((c) => c.trim() !== ''));
    return first > 0 ? toSheet(table.slice(first), lines.slice(first)) : toSheet(table, lines);
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
