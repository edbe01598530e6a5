/**
 * Issue 14, item 2: a name with a line break must not add lines to a calendar. The API refuses control
 * characters in every single-line text field (naming the field), and every calendar the service writes (the
 * agenda download, the feed, the organiser's file and the .ics of the mailed agenda) escapes what older rows
 * may still hold. Calendars are parsed back with ical.js.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leaves, parseMime } from '@clustermatch/mail/testing';
import ICAL from 'ical.js';
import { ClusterEntity } from '../src/clusters/cluster.entity';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { EventEntity, EventTableEntity } from '../src/events/event.entity';
import { type MailConfig } from '../src/config/config';
import { MAIL_CONFIG } from '../src/config/config.module';
import { MailWorkerService } from '../src/mail/mail-worker.service';
import { acceptedRequest, type Basics, setUpEvent, solveAndPublish, startTestApp, type TestApp } from '../test-utils';

const INJECT = '\r\nDESCRIPTION:pwn\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nEND:VALARM';

interface Field {
  path: string;
}
const paths = (body: { fields?: Field[] }): string[] => [...new Set((body.fields ?? []).map((f) => f.path))];

/** Properties per component of a parsed calendar, and the checks every calendar must pass. */
function checkCalendar(text: string, what: string): ICAL.Component {
  const cal = new ICAL.Component(ICAL.parse(text));
  const top = cal.getAllProperties().map((p) => p.name);
  expect([what, top.filter((n) => n === 'description')]).toEqual([what, []]);
  expect([what, top.filter((n) => n === 'x-wr-calname').length]).toEqual([what, 1]);
  expect(cal.getAllSubcomponents('vevent').length).toBeGreaterThan(0);
  for (const e of cal.getAllSubcomponents('vevent')) {
    expect([what, e.getAllSubcomponents('valarm').length]).toEqual([what, 0]);
    const names = e.getAllProperties().map((p) => p.name);
    for (const once of ['summary', 'location', 'description'])
      expect([what, once, names.filter((n) => n === once).length]).toEqual([what, once, 1]);
    for (const p of ['summary', 'location'])
      expect([what, p, /[\r\n]/.test(String(e.getFirstPropertyValue(p)))]).toEqual([what, p, false]);
  }
  expect(String(cal.getFirstPropertyValue('x-wr-calname'))).not.toMatch(/[\r\n]/);
  return cal;
}

describe('line injection into calendars', () => {
  let t: TestApp;
  let b: Basics;
  let org: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 3, 1);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('refuses control characters in every single-line text field, naming the field', async () => {
    const a0 = { Authorization: `Bearer ${await t.delegateToken(b.delegateIds[0]?.[0] ?? '')}` };
    const term = (await t.http.get('/api/taxonomy').set(org).expect(200)).body[0].id as string;
    const event = { name: 'E', venue: 'V', timezone: 'UTC', requestDeadline: '2099-01-01T00:00:00Z' };
    const cluster = (await t.http.get(`/api/clusters/${b.clusterIds[0]}`).set(org).expect(200)).body;
    const cases: [string, string, Record<string, unknown>, string, { Authorization: string }][] = [
      ['post', '/api/events', { ...event, name: `Eve${INJECT}` }, 'name', org],
      ['post', '/api/events', { ...event, venue: 'Hall\t4' }, 'venue', org],
      ['patch', `/api/events/${b.eventId}`, { name: 'a\rb' }, 'name', org],
      ['patch', `/api/events/${b.eventId}`, { venue: 'a\u2028b' }, 'venue', org],
      [
        'put',
        `/api/events/${b.eventId}/tables`,
        { tables: [{ name: `T1${INJECT}`, seats: 4 }] },
        'tables[0].name',
        org,
      ],
      ['patch', `/api/clusters/${b.clusterIds[0]}`, { name: `C${INJECT}` }, 'name', a0],
      ['patch', `/api/clusters/${b.clusterIds[0]}`, { region: 'R\n' }, 'region', a0],
      ['patch', `/api/clusters/${b.clusterIds[0]}`, { sectors: ['Energy\n'] }, 'sectors', a0],
      ['patch', `/api/clusters/${b.clusterIds[0]}`, { offers: 'bell\u0007' }, 'offers', a0],
      [
        'post',
        `/api/clusters/${b.clusterIds[0]}/delegates`,
        { name: `Eve${INJECT}`, email: 'e@x.org', role: 'R' },
        'name',
        org,
      ],
      [
        'post',
        `/api/clusters/${b.clusterIds[0]}/delegates`,
        { name: 'Eve', email: 'e@x.org', role: 'R\r\n' },
        'role',
        org,
      ],
      ['patch', `/api/delegates/${b.delegateIds[0]?.[0]}`, { name: 'Eve\u0085x' }, 'name', a0],
      ['patch', `/api/delegates/${b.delegateIds[0]?.[0]}`, { role: 'x\u001by' }, 'role', a0],
      ['post', '/api/taxonomy', { kind: 'sector', name: 'Food\nDESCRIPTION:x' }, 'name', org],
      ['patch', `/api/taxonomy/${term}`, { name: 'Food\r' }, 'name', org],
      ['post', '/api/clusters', { ...cluster, id: undefined, delegates: undefined, name: `N${INJECT}` }, 'name', org],
      [
        'post',
        `/api/events/${b.eventId}/requests`,
        { receiverClusterIds: [b.clusterIds[1]], interest: 3, delegateIds: [b.delegateIds[0]?.[0]], note: 'x\u0000' },
        'note',
        a0,
      ],
    ];
    for (const [method, url, body, field, auth] of cases) {
      const clean = Object.fromEntries(
        Object.entries(body).filter(([k, v]) => v !== undefined && !['createdAt', 'updatedAt'].includes(k)),
      );
      const res = await t.http[method as 'post' | 'put' | 'patch'](url).set(auth).send(clean);
      expect([method, url, field, res.status]).toEqual([method, url, field, 400]);
      expect(paths(res.body)).toContain(field);
    }
    // Notes, offers and seeks may span lines.
    await t.http.patch(`/api/clusters/${b.clusterIds[0]}`).set(a0).send({ offers: 'Line 1\nLine 2\tend' }).expect(200);
  });

  it('refuses a line break in an imported name, naming row and column', async () => {
    const csv = ['cluster,name,email,role', `"${'Cluster 000'}","Eve\r\nDESCRIPTION:pwn",eve@x.org,Manager`].join('\n');
    const res = await t.http
      .post(`/api/events/${b.eventId}/imports/delegates`)
      .set(org)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(422);
    expect(paths(res.body)).toContain('row 2, column name');
  });

  it('escapes older names with line breaks in the download, the feed, the organiser file and the mailed .ics', async () => {
    const [c0, c1, c2] = b.clusterIds;
    const d0 = b.delegateIds[0]?.[0] ?? '';
    // Rows written before the API refused control characters.
    await t.db.transaction(async (m) => {
      await m.update(DelegateEntity, { id: d0 }, { name: `Eve${INJECT}` });
      await m.update(ClusterEntity, { id: c1 }, { name: `Bad Cluster${INJECT}` });
      await m.update(EventEntity, { id: b.eventId }, { name: `Event${INJECT}`, venue: `Hall${INJECT}` });
      await m.update(EventTableEntity, { eventId: b.eventId, name: 'T1' }, { name: `T1${INJECT}` });
    });
    expect([c0, c1, c2].every(Boolean)).toBe(true);
    await acceptedRequest(t, b, 0, 1);
    await acceptedRequest(t, b, 1, 2);
    await acceptedRequest(t, b, 2, 0);
    await solveAndPublish(t, b.eventId);

    const eve = { Authorization: `Bearer ${await t.delegateToken(d0)}` };
    const download = await t.http.get(`/api/events/${b.eventId}/agenda.ics`).set(eve).expect(200);
    const mine = checkCalendar(download.text, 'download');
    expect(String(mine.getFirstPropertyValue('x-wr-calname'))).toContain('Eve DESCRIPTION:pwn');

    const feed = await t.http.get(`/api/events/${b.eventId}/agenda/feed`).set(eve).expect(200);
    const fromFeed = await t.http.get(new URL(feed.body.url as string).pathname).expect(200);
    checkCalendar(fromFeed.text, 'feed');

    const all = await t.http.get(`/api/events/${b.eventId}/calendar.ics`).set(org).expect(200);
    checkCalendar(all.text, 'organiser');

    const worker = t.app.get(MailWorkerService);
    const report = await worker.runOnce();
    expect(report.sent).toBeGreaterThan(0);
    const dir = t.app.get<MailConfig>(MAIL_CONFIG).outboxDir;
    let calendars = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const mime = parseMime(readFileSync(join(dir, file), 'utf8').replace(/\r?\n/g, '\r\n'));
      for (const part of leaves(mime)) {
        if (!(part.headers.get('content-type') ?? '').startsWith('text/calendar')) continue;
        checkCalendar(part.body.toString('utf8'), `mail ${file}`);
        calendars++;
      }
    }
    expect(calendars).toBeGreaterThanOrEqual(3);
  });
});
