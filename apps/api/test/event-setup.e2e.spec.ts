/**
 * Issue 9, item 7: the event-setup form is saved in one step (`PUT /api/events/:eventId/setup`). Every field is checked
 * before anything is written, all problems are named at once, and an error leaves nothing half-saved.
 */
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

interface EventView {
  name: string;
  venue: string;
  timezone: string;
  days: { date: string; startTime: string }[];
  tables: { name: string; seats: number }[];
  slotCount: number;
}

describe.each(['sqlite', 'postgres'] as const)('event setup in one step on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: string;
  const auth = (): [string, string] => ['Authorization', `Bearer ${org}`];
  const view = async (): Promise<EventView> =>
    (
      await t.http
        .get(`/api/events/${b.eventId}`)
        .set(...auth())
        .expect(200)
    ).body as EventView;
  const form = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: 'Renamed conference',
    venue: 'Hall 2',
    timezone: 'Europe/Berlin',
    requestDeadline: '2099-01-01T00:00:00Z',
    days: [{ date: '2027-05-11', startTime: '09:00', endTime: '12:00', meetingMinutes: 30, breaks: [] }],
    tables: [
      { name: 'T1', seats: 4 },
      { name: 'T2', seats: 4 },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({ db });
    org = await t.organiserToken();
    b = await setUpEvent(t, 2, 1);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a form with a bad day and a duplicate table, naming both, and writes nothing', async () => {
    const before = await view();
    const res = await t.http
      .put(`/api/events/${b.eventId}/setup`)
      .set(...auth())
      .send(
        form({
          days: [{ date: '2027-05-11', startTime: '12:00', endTime: '09:00', meetingMinutes: 30, breaks: [] }],
          tables: [
            { name: 'T1', seats: 4 },
            { name: 'T1', seats: 6 },
          ],
        }),
      )
      .expect(422);
    const paths = (res.body.fields as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['days[0].endTime', 'tables[1].name']));
    expect(await view()).toEqual(before);
  });

  it('refuses a bad time in the DTO (400) naming the field, and writes nothing', async () => {
    const before = await view();
    const res = await t.http
      .put(`/api/events/${b.eventId}/setup`)
      .set(...auth())
      .send(form({ days: [{ date: '2027-05-11', startTime: '9', endTime: '12:00', meetingMinutes: 30 }] }))
      .expect(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ path: 'days[0].startTime' })]);
    expect(await view()).toEqual(before);
  });

  it('saves details, days and tables together when all are valid', async () => {
    const saved = await t.http
      .put(`/api/events/${b.eventId}/setup`)
      .set(...auth())
      .send(form())
      .expect(200);
    expect(saved.body).toMatchObject({ name: 'Renamed conference', venue: 'Hall 2', slotCount: 6 });
    const after = await view();
    expect(after.tables.map((x) => x.name)).toEqual(['T1', 'T2']);
    expect(after.days[0]?.startTime).toBe('09:00');
  });
});
