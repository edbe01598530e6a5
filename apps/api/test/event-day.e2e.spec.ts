/**
 * Issue 10, the day of the event, through HTTP on SQLite and PostgreSQL: check-in by id and by QR code
 * (idempotent, undoable, a delegate only themselves), meeting marks (attendees only; conflicting marks kept; the
 * organiser decides), the live board, a rebooking (the solver's offer from an accepted but unscheduled request,
 * booked: a new published version where nothing else moved, mails to the attendees, the feed's cancelled meeting
 * with a higher SEQUENCE), self-service off for delegates, and the figures with their CSV/XLSX export.
 */
import type { OutboxMessage } from '@clustermatch/mail';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { checkinQrSvg } from '../src/eventday/checkin-code';
import { MeetingRemindersService } from '../src/eventday/reminders.service';
import { MailService } from '../src/mail/mail.service';
import { buildWorld, parseIcs, publishVersion, type World } from '../test-utils/world';
import { startTestApp, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

describe.each(['sqlite', 'postgres'] as const)('the day of the event on %s', (db) => {
  let t: TestApp;
  let w: World;
  let mail: MailService;
  const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
  const base = (): string => `/api/events/${w.eventId}`;
  const c = (i: number) => {
    const x = w.clusters[i];
    if (!x) throw new Error(`no cluster ${i}`);
    return x;
  };
  const req = (i: number) => {
    const x = w.requests[i];
    if (!x) throw new Error(`no request ${i}`);
    return x;
  };

  beforeAll(async () => {
    t = await startTestApp({ db, config: { publicUrl: 'https://match.example.org' } });
    mail = t.app.get(MailService);
    w = await buildWorld(t, 3);
    // Only 0-1 is scheduled (slot 0, table 0); 0-2 and 1-2 are accepted but not scheduled.
    await publishVersion(t, w, [{ request: req(0), slot: 0, table: 0 }], '2026-01-01T10:00:00.000Z');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('checks in by id and by QR code, idempotently; undo works; a delegate only checks themselves in', async () => {
    const first = await t.http
      .post(`${base()}/checkins`)
      .set(...auth(w.org))
      .send({ delegateId: c(0).delegate.id })
      .expect(200);
    expect(first.body).toMatchObject({ delegateId: c(0).delegate.id, checkedIn: true, already: false, method: 'list' });
    const again = await t.http
      .post(`${base()}/checkins`)
      .set(...auth(w.org))
      .send({ delegateId: c(0).delegate.id })
      .expect(200);
    expect(again.body).toMatchObject({ already: true, checkedInAt: first.body.checkedInAt });

    // The delegate's own code, from their day page, checks them in; another's code or id is refused.
    const me = await t.http
      .get(`${base()}/day/me`)
      .set(...auth(c(2).delegate.token))
      .expect(200);
    expect(me.body.checkinCode).toMatch(/^CM1\./);
    expect(me.body.checkedIn).toBe(false);
    await t.http
      .post(`${base()}/checkins`)
      .set(...auth(c(1).delegate.token))
      .send({ code: me.body.checkinCode })
      .expect(403);
    await t.http
      .post(`${base()}/checkins`)
      .set(...auth(c(1).delegate.token))
      .send({ delegateId: c(2).delegate.id })
      .expect(403);
    const byCode = await t.http
      .post(`${base()}/checkins`)
      .set(...auth(w.org))
      .send({ code: me.body.checkinCode })
      .expect(200);
    expect(byCode.body).toMatchObject({ delegateId: c(2).delegate.id, method: 'qr', already: false });

    // A forged code names the field.
    const forged = String(me.body.checkinCode).replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    const bad = await t.http
      .post(`${base()}/checkins`)
      .set(...auth(w.org))
      .send({ code: forged })
      .expect(422);
    expect(bad.body.fields).toEqual([expect.objectContaining({ path: 'code' })]);
    await t.http
      .post(`${base()}/checkins`)
      .set(...auth(w.org))
      .send({})
      .expect(400);

    // Undo, twice (idempotent), then check in again.
    const undo = await t.http
      .delete(`${base()}/checkins/${c(2).delegate.id}`)
      .set(...auth(w.org))
      .expect(200);
    expect(undo.body).toMatchObject({ checkedIn: false, already: false });
    const undo2 = await t.http
      .delete(`${base()}/checkins/${c(2).delegate.id}`)
      .set(...auth(w.org))
      .expect(200);
    expect(undo2.body.already).toBe(true);
    await t.http
      .post(`${base()}/checkins`)
      .set(...auth(c(2).delegate.token))
      .send({ delegateId: c(2).delegate.id })
      .expect(200);

    const list = await t.http
      .get(`${base()}/checkins`)
      .query({ q: c(1).name })
      .set(...auth(w.org))
      .expect(200);
    expect(list.body).toEqual([expect.objectContaining({ delegateId: c(1).delegate.id, checkedIn: false })]);
  });

  it('checks the right person in from a QR image generated here and decoded by the library', async () => {
    const me = await t.http
      .get(`${base()}/day/me`)
      .set(...auth(c(1).delegate.token))
      .expect(200);
    const png = PNG.sync.read(await QRCode.toBuffer(String(me.body.checkinCode), { margin: 2, scale: 4 }));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(me.body.checkinCode);
    const res = await t.http
      .post(`${base()}/checkins`)
      .set(...auth(w.org))
      .send({ code: decoded?.data })
      .expect(200);
    expect(res.body).toMatchObject({ delegateId: c(1).delegate.id, name: c(1).delegate.name, method: 'qr' });
    // Back to absent for the rest of the walk.
    await t.http
      .delete(`${base()}/checkins/${c(1).delegate.id}`)
      .set(...auth(w.org))
      .expect(200);
  });

  it("attaches each attendee's check-in QR code to their agenda mail", async () => {
    const seen = new Set((await mail.messages()).map((x) => x.id));
    await t.http
      .post(`${base()}/schedule/published/send-agendas`)
      .set(...auth(w.org))
      .send({})
      .expect(200);
    const sent = (await mail.messages()).filter((x) => !seen.has(x.id));
    const toC0 = sent.find((x) => x.mail.to.includes(c(0).delegate.email));
    const svg = toC0?.mail.attachments?.find((a) => a.filename === 'check-in-code.svg');
    expect(svg?.contentType).toBe('image/svg+xml');
    const me = await t.http
      .get(`${base()}/day/me`)
      .set(...auth(c(0).delegate.token))
      .expect(200);
    expect(svg?.content).toBe(await checkinQrSvg(String(me.body.checkinCode)));
    expect(toC0?.mail.text).toContain('check-in code');
  });

  it('keeps every mark of a meeting; only attendees mark; the organiser decides; conflicts are shown', async () => {
    const url = `${base()}/meetings/${req(0).id}/status`;
    // Cluster 2 does not attend meeting 0-1.
    await t.http
      .put(url)
      .set(...auth(c(2).delegate.token))
      .send({ status: 'held' })
      .expect(404);
    const noShow = await t.http
      .put(url)
      .set(...auth(c(0).delegate.token))
      .send({ status: 'no-show' })
      .expect(200);
    expect(noShow.body).toMatchObject({ status: 'no-show', conflict: false, absent: [c(1).id] });
    const held = await t.http
      .put(url)
      .set(...auth(c(1).delegate.token))
      .send({ status: 'held' })
      .expect(200);
    expect(held.body).toMatchObject({ status: 'held', conflict: true });
    expect(held.body.marks).toHaveLength(2);
    const badAbsent = await t.http
      .put(url)
      .set(...auth(w.org))
      .send({ status: 'no-show', absent: [c(2).id] })
      .expect(422);
    expect(badAbsent.body.fields[0].path).toBe('absent[0]');
    await t.http
      .put(url)
      .set(...auth(w.org))
      .send({ status: 'finished' })
      .expect(400);
    const org = await t.http
      .put(url)
      .set(...auth(w.org))
      .send({ status: 'no-show', absent: [c(1).id] })
      .expect(200);
    expect(org.body).toMatchObject({ status: 'no-show', conflict: true, absent: [c(1).id] });
    expect(org.body.marks).toHaveLength(3);
  });

  it('shows the board at the first slot: the meeting, its check-in state, free tables and who is waiting', async () => {
    const at = w.slots[0]?.startsAt ?? '';
    const res = await t.http
      .get(`${base()}/day`)
      .query({ at })
      .set(...auth(w.org))
      .expect(200);
    expect(res.body.current.slotId).toBe(w.slots[0]?.id);
    expect(res.body.next.slotId).toBe(w.slots[1]?.id);
    const [m] = res.body.current.meetings;
    expect(m.meetingId).toBe(req(0).id);
    expect(m.status).toBe('no-show');
    expect(m.parties.map((p: { delegates: { checkedIn: boolean }[] }) => p.delegates[0]?.checkedIn)).toEqual([
      true,
      false,
    ]);
    expect(res.body.current.freeTables).toHaveLength(w.tables.length - 1);
    // Delegates 0 (their meeting will not happen) and 2 (no meeting) are checked in and waiting.
    expect(res.body.waiting.map((x: { delegateId: string }) => x.delegateId).sort()).toEqual(
      [c(0).delegate.id, c(2).delegate.id].sort(),
    );
    expect(res.body).toMatchObject({ checkedIn: 2, attendees: 2, delegates: 3 });
    await t.http
      .get(`${base()}/day`)
      .query({ at: 'yesterday' })
      .set(...auth(w.org))
      .expect(400);
  });

  it('offers the counterpart a replacement from the solver and books it: nothing else moves, mails and feeds update', async () => {
    const at = w.slots[0]?.startsAt ?? '';
    const feed = await t.http
      .get(`${base()}/agenda/feed`)
      .set(...auth(c(0).delegate.token))
      .expect(200);
    const feedPath = new URL(String(feed.body.url)).pathname;
    const before = parseIcs((await t.http.get(feedPath).expect(200)).text);
    const uid01 = `${req(0).id}.${c(0).delegate.id}@clustermatch`;
    const seq0 = before.events.find((e) => e.uid === uid01)?.sequence ?? -1;
    expect(seq0).toBeGreaterThanOrEqual(0);

    const offers = await t.http
      .get(`${base()}/day/rebooking`)
      .query({ delegateId: c(0).delegate.id, at })
      .set(...auth(w.org))
      .expect(200);
    expect(offers.body.missed.map((x: { meetingId: string }) => x.meetingId)).toEqual([req(0).id]);
    expect(offers.body.offers.length).toBeGreaterThan(0);
    const offer = offers.body.offers[0];
    // Cluster 2's delegate, by the accepted request 0-2 that had no place.
    expect(offer).toMatchObject({ partnerDelegateId: c(2).delegate.id, basis: 'accepted', requestId: req(1).id });
    expect(w.slots.map((s) => s.id)).toContain(offer.slotId);
    expect(typeof offers.body.solverMs).toBe('number');

    // The absent side gets nothing; delegates cannot book while self-service is off; another's offers are private.
    const absent = await t.http
      .get(`${base()}/day/rebooking`)
      .query({ delegateId: c(1).delegate.id, at })
      .set(...auth(w.org))
      .expect(200);
    expect(absent.body.offers).toEqual([]);
    await t.http
      .get(`${base()}/day/rebooking`)
      .query({ delegateId: c(0).delegate.id, at })
      .set(...auth(c(2).delegate.token))
      .expect(403);
    const body = {
      delegateId: c(0).delegate.id,
      meetingId: req(0).id,
      partnerDelegateId: offer.partnerDelegateId,
      slotId: offer.slotId,
      tableId: offer.tableId,
      at,
    };
    await t.http
      .post(`${base()}/day/rebooking`)
      .set(...auth(c(0).delegate.token))
      .send(body)
      .expect(403);
    const seen = new Set((await mail.messages()).map((x) => x.id));
    const booked = await t.http
      .post(`${base()}/day/rebooking`)
      .set(...auth(w.org))
      .send(body)
      .expect(200);
    expect(booked.body).toMatchObject({ meetingId: req(1).id, replacesMeetingId: req(0).id, versionNumber: 2 });
    // Booking again is refused: the meeting was rebooked already.
    await t.http
      .post(`${base()}/day/rebooking`)
      .set(...auth(w.org))
      .send(body)
      .expect(422);

    const pub = await t.http
      .get(`${base()}/schedule/versions/published`)
      .set(...auth(w.org))
      .expect(200);
    expect(pub.body.number).toBe(2);
    expect(pub.body.mode).toBe('rebook');
    const held = pub.body.assignments.map((a: { requestId: string }) => a.requestId);
    expect(held).toEqual([req(1).id]);

    const sent: OutboxMessage[] = (await mail.messages()).filter((x) => !seen.has(x.id));
    const to = sent.map((x) => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1] ?? x.mail.to).sort();
    expect(to).toEqual([c(0).delegate.email, c(1).delegate.email, c(2).delegate.email].sort());

    const after = parseIcs((await t.http.get(feedPath).expect(200)).text);
    const cancelled = after.events.find((e) => e.uid === uid01);
    expect(cancelled?.status).toBe('CANCELLED');
    expect(cancelled?.sequence).toBeGreaterThan(seq0);
    const added = after.events.find((e) => e.uid === `${req(1).id}.${c(0).delegate.id}@clustermatch`);
    expect(added?.status).toBe('CONFIRMED');
    expect(added?.start).toBe(Date.parse(offer.startsAt) / 1000);
  });

  it('lets delegates book themselves when the organiser allows it; settings validate', async () => {
    const bad = await t.http
      .put(`${base()}/day/settings`)
      .set(...auth(w.org))
      .send({ reminderMinutes: 0 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('reminderMinutes');
    const s = await t.http
      .put(`${base()}/day/settings`)
      .set(...auth(w.org))
      .send({ selfServiceRebooking: true, reminderMinutes: 15 })
      .expect(200);
    expect(s.body).toEqual({ selfServiceRebooking: true, reminderMinutes: 15 });
    await t.http
      .put(`${base()}/day/settings`)
      .set(...auth(c(0).delegate.token))
      .send({ selfServiceRebooking: false })
      .expect(403);
    const me = await t.http
      .get(`${base()}/day/me`)
      .set(...auth(c(0).delegate.token))
      .expect(200);
    expect(me.body.selfServiceRebooking).toBe(true);
  });

  it('reminds each attendee once, the lead time before their meeting, through the outbox', async () => {
    const reminders = t.app.get(MeetingRemindersService);
    const pub = await t.http
      .get(`${base()}/schedule/versions/published`)
      .set(...auth(w.org))
      .expect(200);
    const start = Date.parse(pub.body.assignments[0].slot.start);
    expect(await reminders.queueDue(new Date(start - 20 * 60_000))).toBe(0);
    const seen = new Set((await mail.messages()).map((x) => x.id));
    expect(await reminders.queueDue(new Date(start - 10 * 60_000))).toBe(2);
    const sent = (await mail.messages()).filter((x) => !seen.has(x.id));
    expect(sent.map((x) => x.id).every((id) => id.startsWith(`meeting-reminder.${req(1).id}.`))).toBe(true);
    expect(sent.map((x) => /<([^<>]+)>\s*$/.exec(x.mail.to)?.[1]).sort()).toEqual(
      [c(0).delegate.email, c(2).delegate.email].sort(),
    );
    expect(sent[0]?.mail.subject).toContain('In 15 minutes');
    expect(await reminders.queueDue(new Date(start - 5 * 60_000))).toBe(0);
  });

  it('lets a viewer of the organisation look at the day but change nothing', async () => {
    const viewer = (await t.organiserOf('Demo organisation', 'viewer')).token;
    await t.http
      .get(`${base()}/day`)
      .set(...auth(viewer))
      .expect(200);
    await t.http
      .get(`${base()}/day/figures`)
      .set(...auth(viewer))
      .expect(200);
    await t.http
      .get(`${base()}/day/rebooking`)
      .query({ delegateId: c(0).delegate.id })
      .set(...auth(viewer))
      .expect(200);
    const before = await t.http
      .get(`${base()}/checkins`)
      .set(...auth(viewer))
      .expect(200);
    await t.http
      .post(`${base()}/checkins`)
      .set(...auth(viewer))
      .send({ delegateId: c(1).delegate.id })
      .expect(403);
    await t.http
      .delete(`${base()}/checkins/${c(0).delegate.id}`)
      .set(...auth(viewer))
      .expect(403);
    await t.http
      .put(`${base()}/meetings/${req(1).id}/status`)
      .set(...auth(viewer))
      .send({ status: 'held' })
      .expect(403);
    await t.http
      .put(`${base()}/day/settings`)
      .set(...auth(viewer))
      .send({ selfServiceRebooking: false })
      .expect(403);
    await t.http
      .post(`${base()}/day/rebooking`)
      .set(...auth(viewer))
      .send({
        delegateId: c(0).delegate.id,
        meetingId: req(1).id,
        partnerDelegateId: c(2).delegate.id,
        slotId: w.slots[0]?.id,
        tableId: w.tables[0]?.id,
      })
      .expect(403);
    const after = await t.http
      .get(`${base()}/checkins`)
      .set(...auth(viewer))
      .expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('adds up the figures and exports them as CSV and XLSX', async () => {
    const f = await t.http
      .get(`${base()}/day/figures`)
      .set(...auth(w.org))
      .expect(200);
    // Meetings: 0-2 (published now) and 0-1 (replaced); 0-1 a no-show of cluster 1.
    expect(f.body).toMatchObject({
      versionNumber: 2,
      meetings: 2,
      held: 0,
      noShows: 1,
      cancelledOnSite: 0,
      unmarked: 1,
      conflicts: 1,
      rebookings: 1,
      attendees: 3,
      checkedIn: 2,
    });
    expect(f.body.checkInRate).toBeCloseTo(2 / 3, 3);
    expect(f.body.noShowsByCluster).toEqual([expect.objectContaining({ clusterId: c(1).id, count: 1, country: 'FR' })]);
    expect(f.body.noShowsByCountry).toEqual([{ country: 'FR', count: 1 }]);
    const csv = await t.http
      .get(`${base()}/day/figures/export`)
      .query({ format: 'csv' })
      .set(...auth(w.org))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('rebookings,1');
    expect(csv.text).toContain(`${c(1).name},FR,1`);
    const xlsx = await t.http
      .get(`${base()}/day/figures/export`)
      .query({ format: 'xlsx' })
      .set(...auth(w.org))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    const bytes = xlsx.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Figures', 'No-shows by cluster', 'No-shows by country']);
    expect(wb.getWorksheet('Figures')?.getRow(4).values).toEqual([undefined, 'held', '0']);
    // The figures feed the event's impact report (its "on the day" section, in JSON and in the CSV).
    const report = await t.http
      .get(`${base()}/impact-report`)
      .set(...auth(w.org))
      .expect(200);
    expect(report.body.onTheDay).toEqual({
      attendees: 3,
      checkedIn: 2,
      checkInRate: f.body.checkInRate,
      held: 0,
      noShows: 1,
      cancelledOnSite: 0,
      unmarked: 1,
      rebookings: 1,
    });
    const reportCsv = await t.http
      .get(`${base()}/impact-report`)
      .query({ format: 'csv' })
      .set(...auth(w.org))
      .expect(200);
    expect(reportCsv.text).toContain('on the day,noShows,1');
    expect(reportCsv.text).toContain('on the day,rebookings,1');
  });
});
