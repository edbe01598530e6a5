/**
 * Cells of the CSV and XLSX files the service writes. A spreadsheet opening a CSV treats a cell that starts
 * with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula: a cluster named
 * `=HYPERLINK("http://evil.example","Click")` would become a live link, or worse (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * ExcelJS, loaded on first use: it is the heaviest module the service has (about a fifth of its start-up when
 * loaded up front) and only the XLSX import and export need it.
 */
export function excel(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

/** The cell as text a spreadsheet shows as is: a leading `'` when it could start a formula. */
export function csvSafeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every CSV the service writes goes through here: rows of text cells, each made safe. */
export function toSafeCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(stringify(rows.map((row) => row.map(csvSafeCell))), 'utf8');
}

/**
 * Adds rows of text to a worksheet as typed text cells (never formulas), formatted as text (`@`) so that
 * editing a cell in Excel does not turn it into a formula either. The text itself is kept unchanged.
 */
export function addTextRows(ws: ExcelJS.Worksheet, rows: readonly (readonly string[])[]): void {
  for (const line of rows) {
    const row = ws.addRow([...line]);
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  }
}
