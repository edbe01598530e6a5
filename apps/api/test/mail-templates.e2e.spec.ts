/**
 * Issue 19, editable templates (SQLite and PostgreSQL): every transactional mail in English and Danish
 * with its built-in wording; a rewording that drops the login link (or uses an unknown placeholder) is
 * refused naming the field; the preview fills sample data and escapes it; a saved rewording is what
 * the next mail says, in the recipient's language (Danish for clusters in Denmark); reset goes back.
 */
import { MailService } from '../src/mail/mail.service';
import { setUpEvent, startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

describe.each(['sqlite', 'postgres'] as const)('mail templates (%s)', (db) => {
  let t: TestApp;
  let org: string;
  let en: { id: string; email: string };
  let dk: { id: string; email: string };
  const auth = (): [string, string] => ['Authorization', `Bearer ${org}`];
  /** Asks for a login link for `email` and answers the mail that was queued. */
  const loginMail = async (email: string): Promise<{ subject: string; text: string; html: string }> => {
    const mail = t.app.get(MailService);
    const before = new Set((await mail.messages()).map((x) => x.id));
    await t.http.post('/api/auth/magic-link').send({ email }).expect(202);
    const added = (await mail.messages()).filter((x) => !before.has(x.id));
    expect(added).toHaveLength(1);
    const m = added[0]?.mail;
    return { subject: m?.subject ?? '', text: m?.text ?? '', html: m?.html ?? '' };
  };

  beforeAll(async () => {
    t = await startTestApp({
      db,
      magicLinks: 'outbox',
      config: { publicUrl: 'https://match.example.org', magicLinkLimit: { count: 100, windowMs: 60_000 } },
    });
    org = await t.organiserToken();
    const b = await setUpEvent(t, 2, 1);
    await t.http
      .patch(`/api/clusters/${b.clusterIds[1]}`)
      .set(...auth())
      .send({ country: 'DK', name: 'Aarhus <Food> & Co' })
      .expect(200);
    const get = async (id: string): Promise<{ id: string; email: string }> =>
      (await t.http.get(`/api/delegates/${id}`).set(...auth())).body;
    en = await get(b.delegateIds[0]?.[0] ?? '');
    dk = await get(b.delegateIds[1]?.[0] ?? '');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every editable mail in both languages with its built-in wording and required placeholders', async () => {
    const res = await t.http
      .get('/api/mail/templates')
      .set(...auth())
      .expect(200);
    expect(res.body).toHaveLength(14);
    const login = res.body.find(
      (x: { template: string; language: string }) => x.template === 'magic-link' && x.language === 'en',
    );
    expect(login).toMatchObject({ custom: false, required: ['link'], subject: 'Your sign-in link for {event}' });
    expect(login.body).toContain('{link}');
    const da = res.body.find(
      (x: { template: string; language: string }) => x.template === 'reminder' && x.language === 'da',
    );
    expect(da).toMatchObject({ custom: false, required: ['agenda'], subject: 'I morgen ved {event}: dine møder' });
  });

  it('writes to each delegate in their language: Danish for a cluster in Denmark', async () => {
    expect((await loginMail(en.email)).subject).toBe('Your sign-in link for clustermatch');
    const da = await loginMail(dk.email);
    expect(da.subject).toBe('Dit login-link til clustermatch');
    expect(da.text).toContain('Linket virker én gang');
  });

  it('refuses a wording without the login link or with an unknown placeholder, naming the field', async () => {
    const dropped = await t.http
      .put('/api/mail/templates/magic-link/en')
      .set(...auth())
      .send({ subject: 'Sign in to {event}', body: 'Hello {name}, here is your link.' })
      .expect(422);
    expect(dropped.body.fields).toEqual([{ path: 'body', code: 'unknown', message: 'must keep {link}' }]);
    const unknown = await t.http
      .put('/api/mail/templates/magic-link/da')
      .set(...auth())
      .send({ subject: 'Log ind på {begivenhed}', body: '{link}' })
      .expect(422);
    expect(unknown.body.fields[0]).toMatchObject({ path: 'subject', message: expect.stringContaining('{begivenhed}') });
    await t.http
      .put('/api/mail/templates/no-such-mail/en')
      .set(...auth())
      .send({ subject: 'x', body: 'y' })
      .expect(404);
    await t.http
      .put('/api/mail/templates/magic-link/en')
      .set(...auth())
      .send({ subject: 'two\nlines', body: '{link}' })
      .expect(400);
    // Nothing was saved: the next mail is the built-in one.
    expect((await loginMail(en.email)).subject).toBe('Your sign-in link for clustermatch');
  });

  it('previews, saves and uses a rewording per language, values escaped; reset goes back to the default', async () => {
    const wording = {
      subject: 'Welcome to {event}, {name}',
      body: 'Dear {name},\n\nyour personal link (valid {minutes} minutes):\n{link}\n\n<b>See you</b>',
    };
    const preview = await t.http
      .post('/api/mail/templates/magic-link/en/preview')
      .set(...auth())
      .send(wording)
      .expect(200);
    expect(preview.body.subject).toBe('Welcome to Nordic Cluster Matchmaking, Anna Jensen');
    expect(preview.body.text).toContain('https://match.example.org/login?token=sample');
    expect(preview.body.html).toContain('&lt;b&gt;See you&lt;/b&gt;');
    const saved = await t.http
      .put('/api/mail/templates/magic-link/en')
      .set(...auth())
      .send(wording)
      .expect(200);
    expect(saved.body).toMatchObject({ custom: true, ...wording });

    const mail = await loginMail(en.email);
    expect(mail.subject).toBe('Welcome to clustermatch, Delegate 0-0');
    expect(mail.text).toMatch(
      /your personal link \(valid 15 minutes\):\nhttps:\/\/match\.example\.org\/login\?token=\S+/,
    );
    expect(mail.html).toMatch(/<a href="https:\/\/match\.example\.org\/login\?token=[^"]+">/);
    // The Danish version is untouched: the delegate in Denmark still gets the built-in Danish mail.
    expect((await loginMail(dk.email)).subject).toBe('Dit login-link til clustermatch');
    await t.http
      .put('/api/mail/templates/magic-link/da')
      .set(...auth())
      .send({ subject: 'Log ind, {name}', body: 'Hej {name}: {link}' })
      .expect(200);
    expect((await loginMail(dk.email)).subject).toBe('Log ind, Delegate 1-0');

    const reset = await t.http
      .delete('/api/mail/templates/magic-link/en')
      .set(...auth())
      .expect(200);
    expect(reset.body).toMatchObject({ custom: false, subject: 'Your sign-in link for {event}' });
    expect((await loginMail(en.email)).subject).toBe('Your sign-in link for clustermatch');
    const delegateToken = await t.delegateToken(en.id);
    await t.http.get('/api/mail/templates').set('Authorization', `Bearer ${delegateToken}`).expect(403);
  });
});
