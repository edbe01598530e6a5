/**
 * Issue 19, item 5: the receiver may give a reason when declining; the requester sees it on the request
 * and in the "declined" mail (escaped in HTML); no reason, no paragraph. SQLite and PostgreSQL.
 */
import { MailService } from '../src/mail/mail.service';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../test-utils';

jest.setTimeout(120_000);

describe.each(['sqlite', 'postgres'] as const)('decline with a reason (%s)', (db) => {
  let t: TestApp;
  let b: Basics;
  const bearer = async (i: number): Promise<[string, string]> => [
    'Authorization',
    `Bearer ${await t.delegateToken(b.delegateIds[i]?.[0] ?? '')}`,
  ];
  const request = async (from: number, to: number): Promise<string> =>
    (
      await t.http
        .post(`/api/events/${b.eventId}/requests`)
        .set(...(await bearer(from)))
        .send({ receiverClusterIds: [b.clusterIds[to]], interest: 3, delegateIds: [b.delegateIds[from]?.[0]] })
        .expect(201)
    ).body.id;
  const declinedMail = async (requestId: string): Promise<{ text: string; html: string }> => {
    const m = (await t.app.get(MailService).messages()).find((x) => x.id.startsWith(`request-declined.${requestId}.`));
    return { text: m?.mail.text ?? '', html: m?.mail.html ?? '' };
  };

  beforeAll(async () => {
    t = await startTestApp({ db });
    b = await setUpEvent(t, 3, 1);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the reason to the requester, on the request and in the mail, escaped in HTML', async () => {
    const id = await request(0, 1);
    await t.http
      .post(`/api/requests/${id}/decline`)
      .set(...(await bearer(1)))
      .send({ reason: 'Fully booked on <that> day' })
      .expect(200);
    const seen = await t.http
      .get(`/api/requests/${id}`)
      .set(...(await bearer(0)))
      .expect(200);
    const receiver = seen.body.parties.find((p: { role: string }) => p.role === 'receiver');
    expect(receiver).toMatchObject({ response: 'declined', declineReason: 'Fully booked on <that> day' });
    const mail = await declinedMail(id);
    expect(mail.text).toContain('Their reason:\n\n> Fully booked on <that> day');
    expect(mail.html).toContain('Fully booked on &lt;that&gt; day');
    expect(mail.html).not.toContain('<that>');
  });

  it('leaves the reason out when none is given; refuses control characters naming the field', async () => {
    const id = await request(0, 2);
    const bad = await t.http
      .post(`/api/requests/${id}/decline`)
      .set(...(await bearer(2)))
      .send({ reason: 'bell \u0007' })
      .expect(400);
    expect(bad.body.fields[0].path).toBe('reason');
    await t.http
      .post(`/api/requests/${id}/decline`)
      .set(...(await bearer(2)))
      .send({})
      .expect(200);
    const seen = await t.http
      .get(`/api/requests/${id}`)
      .set(...(await bearer(0)))
      .expect(200);
    expect(seen.body.parties.find((p: { role: string }) => p.role === 'receiver').declineReason).toBeNull();
    expect((await declinedMail(id)).text).not.toContain('Their reason');
  });

  it('marks a request the organiser made or withdrew on a cluster’s behalf, and not one the cluster made', async () => {
    const org: [string, string] = ['Authorization', `Bearer ${await t.organiserToken()}`];
    const made = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(...org)
      .send({
        requesterClusterId: b.clusterIds[1],
        receiverClusterIds: [b.clusterIds[2]],
        interest: 4,
        delegateIds: [b.delegateIds[1]?.[0]],
      })
      .expect(201);
    expect(made.body).toMatchObject({ createdByOrganiser: 'organiser@example.org', cancelledByOrganiser: null });
    const withdrawn = await t.http
      .post(`/api/requests/${made.body.id}/withdraw`)
      .set(...org)
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      createdByOrganiser: 'organiser@example.org',
      cancelledByOrganiser: 'organiser@example.org',
    });
    const own = await request(2, 1);
    const byCluster = await t.http
      .post(`/api/requests/${own}/withdraw`)
      .set(...(await bearer(2)))
      .expect(200);
    expect(byCluster.body).toMatchObject({ createdByOrganiser: null, cancelledByOrganiser: null });
  });
});
