import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileFor, isServicePath } from './web.module';

describe('serving the web front end', () => {
  let root: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'cm-web-'));
    root = join(base, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'x');
    writeFileSync(join(base, 'secret.txt'), 'outside');
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('leaves the API and the calendar feeds to the service', () => {
    expect(isServicePath('/api')).toBe(true);
    expect(isServicePath('/api/events')).toBe(true);
    expect(isServicePath('/calendars/abc.ics')).toBe(true);
    expect(isServicePath('/apiary')).toBe(false);
    expect(isServicePath('/login')).toBe(false);
    expect(isServicePath('/')).toBe(false);
  });

  it('finds built files and nothing outside the dist folder', () => {
    expect(fileFor(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(fileFor(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(fileFor(root, '/assets/missing.js')).toBeNull();
    expect(fileFor(root, '/assets')).toBeNull();
    expect(fileFor(root, '/../secret.txt')).toBeNull();
    expect(fileFor(root, '/..%2fsecret.txt')).toBeNull();
    expect(fileFor(root, '/%2e%2e/secret.txt')).toBeNull();
    expect(fileFor(root, '/%00')).toBeNull();
    expect(fileFor(root, '/%E0%A4%A')).toBeNull();
  });
});
