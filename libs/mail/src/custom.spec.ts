import { MailDataError, placeholdersIn, renderCustom } from './index';

describe('renderCustom (organiser-written mails)', () => {
  const values = {
    name: 'Ana <b>Berg</b> & "Co"',
    cluster: "Robotics 'Valley'",
    meetings: 2,
    loginLink: { link: 'https://match.example.org/login?email=ana%40x.org&x=<y>' },
    requests: { list: ['Bo <script>', 'Cy'] },
  };

  it('fills placeholders in subject, text and HTML, escaping every value (and the text) in HTML', () => {
    const m = renderCustom({
      subject: 'Hello {name}\r\nBcc: x@y.org',
      body: 'Dear {name} of {cluster},\nyou have {meetings} meetings. <i>Sign in</i>: {loginLink}\n\nWaiting: {requests}',
      values,
      language: 'en',
      eventName: 'Spring <Match>',
      unsubscribeLink: 'https://match.example.org/unsubscribe?t=a"b',
    });
    expect(m.subject).toBe('Hello Ana <b>Berg</b> & "Co" Bcc: x@y.org');
    expect(m.text).toContain('Dear Ana <b>Berg</b> & "Co" of Robotics \'Valley\',\nyou have 2 meetings.');
    expect(m.text).toContain('https://match.example.org/login?email=ana%40x.org&x=%3Cy%3E');
    expect(m.text).toContain('\n- Bo <script>\n- Cy');
    expect(m.text).toContain('unsubscribe: https://match.example.org/unsubscribe?t=a%22b');
    expect(m.html).toContain('Dear Ana &lt;b&gt;Berg&lt;/b&gt; &amp; &quot;Co&quot; of Robotics &#39;Valley&#39;,<br>');
    expect(m.html).toContain('&lt;i&gt;Sign in&lt;/i&gt;');
    expect(m.html).toContain(
      '<a href="https://match.example.org/login?email=ana%40x.org&amp;x=%3Cy%3E">https://match.example.org/login?email=ana%40x.org&amp;x=%3Cy%3E</a>',
    );
    expect(m.html).toContain('<li>Bo &lt;script&gt;</li>');
    expect(m.html).toContain('participant of Spring &lt;Match&gt;');
    expect(m.html).not.toMatch(/<(b|i|script)>/);
  });

  it('writes the footer in Danish and leaves out the unsubscribe line when there is no link', () => {
    const m = renderCustom({ subject: 'Hej {name}', body: 'Tekst', values, language: 'da', eventName: 'Forår' });
    expect(m.text).toContain('Du modtager denne mail som deltager i Forår.');
    expect(m.text).not.toContain('afmeld');
    expect(m.html).toContain('<html lang="da">');
  });

  it('names the field of an unknown placeholder, an empty text and a bad link', () => {
    const bad = (subject: string, body: string, v: Record<string, unknown> = values): MailDataError => {
      try {
        renderCustom({ subject, body, values: v as typeof values, language: 'en', eventName: 'E' });
      } catch (e) {
        if (e instanceof MailDataError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    expect(bad('Hi {nme}', 'x')).toMatchObject({ path: 'subject', message: expect.stringContaining('{nme}') });
    expect(bad('Hi', 'x {agenda}')).toMatchObject({ path: 'body', message: expect.stringContaining('{agenda}') });
    expect(bad('Hi', ' \n\n ')).toMatchObject({ path: 'body' });
    expect(bad('Hi', '{loginLink}', { loginLink: { link: 'javascript:alert(1)' } })).toMatchObject({
      path: 'loginLink',
    });
    expect(placeholdersIn('{a} {b} {a} {c d}')).toEqual(['a', 'b']);
  });
});
