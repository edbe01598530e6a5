/**
 * Issue 14, item 9: unavailability is only for events the delegate's cluster takes part in: a delegate is
 * refused with 403, an organiser with 422 naming the delegate, and nothing is stored.
 */
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

describe('unavailability for an event the cluster does not take part in', () => {
  let t: TestApp;
  let b: Basics;
  let other: string;
  let org: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 2, 1);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
    const ev = await t.http
      .post('/api/events')
      .set(org)
      .send({
        name: 'Another event',
        venue: 'Hall 2',
        timezone: 'Europe/Berlin',
        requestDeadline: '2099-01-01T00:00:00Z',
        days: [{ date: '2027-06-01', startTime: '09:00', endTime: '10:00', meetingMinutes: 30 }],
        tables: [{ name: 'T1', seats: 4 }],
      })
      .expect(201);
    other = ev.body.id;
    // Only cluster 1 takes part in the other event.
    await t.http.post(`/api/events/${other}/participants`).set(org).send({ clusterId: b.clusterIds[1] }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a delegate with 403 and an organiser with 422, and stores nothing', async () => {
    const d0 = b.delegateIds[0]?.[0] ?? '';
    const url = `/api/events/${other}/delegates/${d0}/unavailability`;
    const asD0 = { Authorization: `Bearer ${await t.delegateToken(d0)}` };
    const own = await t.http
      .put(url)
      .set(asD0)
      .send({ slots: ['d1s01'] })
      .expect(403);
    expect(own.body.message).toMatch(/does not take part/);
    const byOrganiser = await t.http
      .put(url)
      .set(org)
      .send({ slots: ['d1s02'] })
      .expect(422);
    expect(byOrganiser.body.fields).toEqual([
      { path: 'delegateId', code: expect.any(String), message: expect.stringMatching(/does not take part/) },
    ]);
    const stored = await t.http.get(url).set(org).expect(200);
    expect(stored.body.slots).toEqual([]);
    // In the event the cluster does take part in, it works.
    const d1 = b.delegateIds[1]?.[0] ?? '';
    await t.http
      .put(`/api/events/${other}/delegates/${d1}/unavailability`)
      .set({ Authorization: `Bearer ${await t.delegateToken(d1)}` })
      .send({ slots: ['d1s01'] })
      .expect(200);
    await t.http
      .put(`/api/events/${b.eventId}/delegates/${d0}/unavailability`)
      .set(asD0)
      .send({ slots: ['d1s01'] })
      .expect(200);
  });
});
