import {
  CSP_DIRECTIVES,
  DOCS_CSP_DIRECTIVES,
  helmetFor,
  recordHeaderWrites,
  securityHeaders,
} from './security-headers';

/** What a middleware writes on a response for a path, as the list of calls it makes. */
function calls(
  mw: ReturnType<typeof securityHeaders>,
  path: string,
): { calls: string[]; next: number; headers: Map<string, string> } {
  const out: string[] = [];
  const headers = new Map<string, string>([['x-powered-by', 'Express']]);
  let next = 0;
  mw(
    { path },
    {
      setHeader: (name: string, value: string) => {
        out.push(`set ${name}: ${value}`);
        headers.set(name.toLowerCase(), value);
      },
      removeHeader: (name: string) => {
        out.push(`remove ${name}`);
        headers.delete(name.toLowerCase());
      },
    },
    () => next++,
  );
  return { calls: out.sort(), next, headers };
}

describe('security headers computed once', () => {
  const ours = securityHeaders();

  it.each([
    ['/api/events', CSP_DIRECTIVES],
    ['/calendars/x.ics', CSP_DIRECTIVES],
    ['/api/docs', DOCS_CSP_DIRECTIVES],
    ['/api/docs/swagger-ui.css', DOCS_CSP_DIRECTIVES],
  ] as const)('%s gets exactly the headers helmet writes', (path, directives) => {
    const replayed = calls(ours, path);
    const helmets = calls(helmetFor(directives), path);
    expect(replayed.next).toBe(1);
    expect(replayed.calls).toEqual(helmets.calls);
    expect(replayed.headers).toEqual(helmets.headers);
    expect(replayed.headers.get('x-frame-options')).toBe('DENY');
    expect(replayed.headers.has('x-powered-by')).toBe(false);
  });

  it('gives the docs page, and only it, inline styles', () => {
    const styles = (path: string): string | undefined =>
      (calls(ours, path).headers.get('content-security-policy') ?? '')
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('style-src'));
    expect(styles('/api/docs')).toBe("style-src 'self' 'unsafe-inline'");
    expect(styles('/api/documents')).toBe("style-src 'self'");
  });

  it('refuses a middleware that does not finish at once', () => {
    expect(recordHeaderWrites(helmetFor(CSP_DIRECTIVES)).set.length).toBeGreaterThan(5);
    expect(() => recordHeaderWrites(() => undefined)).toThrow(/did not finish/);
  });
});
