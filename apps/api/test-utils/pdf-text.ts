import { spawn } from 'node:child_process';
import path from 'node:path';

/** A supertest body parser that keeps a binary answer (a PDF, an XLSX) as one Buffer. */
export function binary(
  res: { on(event: string, listener: (chunk?: Buffer) => void): unknown },
  done: (err: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c) => {
    if (c) chunks.push(c);
  });
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a PDF and its number of pages, as pdf.js (through pdf-parse) reads it. */
export interface PdfText {
  readonly text: string;
  readonly pages: number;
}

const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const r = await parser.getText();
    process.stdout.write(JSON.stringify({ text: r.text, pages: r.total }));
  } catch (err) {
    process.stderr.write(String(err && err.stack || err));
    process.exitCode = 1;
  } finally {
    await parser.destroy();
  }
});`;

/**
 * Reads a PDF back with pdf.js (pdf-parse). In a separate Node process: pdf.js loads its worker with a dynamic
 * `import()`, which Jest's module sandbox refuses.
 */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { cwd: path.resolve(__dirname, '../../..') });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pdf-parse failed (${code}): ${Buffer.concat(err).toString()}`));
      else resolve(JSON.parse(Buffer.concat(out).toString()) as PdfText);
    });
    child.stdin.end(pdf);
  });
}
