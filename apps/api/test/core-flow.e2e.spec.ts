import { Basics, clusterBody, setUpEvent, startTestApp, TestApp } from '../test-utils';

/** The registration flow on both databases: setup, directory, requests, answers, unavailability. */
describe.each(['sqlite', 'postgres'] as const)('core flow on %s', (db) => {
  let t: TestApp;
  let b: Basics;
  let org: { Authorization: string };
  const as = async (delegateId: string): Promise<{ Authorization: string }> => ({
    Authorization: `Bearer ${await t.delegateToken(delegateId)}`,
  });
  const d = (cluster: number, n = 0): string => b.delegateIds[cluster]?.[n] ?? '';
  const c = (cluster: number): string => b.clusterIds[cluster] ?? '';

  beforeAll(async () => {
    t = await startTestApp({ db });
    b = await setUpEvent(t, 5, 2);
    org = { Authorization: `Bearer ${await t.organiserToken()}` };
  });
  afterAll(async () => {
    await t.close();
  });

  it('generates slots from the day plan and keeps tables', async () => {
    const ev = await t.http.get(`/api/events/${b.eventId}`).set(org).expect(200);
    expect(ev.body.slotCount).toBe(5);
    expect(ev.body.tables.map((x: { name: string }) => x.name)).toEqual(['T1', 'T2', 'T3']);
    const slots = await t.http.get(`/api/events/${b.eventId}/slots`).set(org).expect(200);
    expect(slots.body.map((s: { code: string }) => s.code)).toEqual(['d1s01', 'd1s02', 'd1s03', 'd1s04', 'd1s05']);
    expect(slots.body[3].startsAt).toBe('2027-05-11T11:00:00+02:00');
  });

  it('keeps slot ids (and unavailability) when the day plan is edited', async () => {
    const before = await t.http.get(`/api/events/${b.eventId}/slots`).set(org).expect(200);
    await t.http
      .put(`/api/events/${b.eventId}/delegates/${d(4)}/unavailability`)
      .set(await as(d(4)))
      .send({ slots: ['d1s02'] })
      .expect(200);
    const res = await t.http
      .put(`/api/events/${b.eventId}/days`)
      .set(org)
      .send({
        days: [
          {
            date: '2027-05-11',
            startTime: '09:00',
            endTime: '13:00',
            meetingMinutes: 30,
            breaks: [{ start: '10:30', end: '11:00' }],
          },
        ],
      })
      .expect(200);
    expect(res.body.slotCount).toBe(7);
    const after = await t.http.get(`/api/events/${b.eventId}/slots`).set(org).expect(200);
    expect(after.body[1].id).toBe(before.body[1].id);
    const un = await t.http
      .get(`/api/events/${b.eventId}/delegates/${d(4)}/unavailability`)
      .set(org)
      .expect(200);
    expect(un.body.slots.map((s: { code: string }) => s.code)).toEqual(['d1s02']);
  });

  it('lets a delegate edit their own profile, not another cluster', async () => {
    const mine = await t.http
      .patch(`/api/clusters/${c(0)}`)
      .set(await as(d(0)))
      .send({ seeks: 'Battery recycling partners', technologies: ['Batteries', 'AI'] })
      .expect(200);
    expect(mine.body.seeks).toBe('Battery recycling partners');
    expect(mine.body.technologies).toEqual(['AI', 'Batteries']);
    expect(mine.body.delegates).toHaveLength(2);
    await t.http
      .patch(`/api/clusters/${c(1)}`)
      .set(await as(d(0)))
      .send({ seeks: 'hijack' })
      .expect(403);
    const other = await t.http
      .get(`/api/clusters/${c(1)}`)
      .set(await as(d(0)))
      .expect(200);
    expect(other.body.delegates).toBeUndefined();
    expect(other.body.seeks).not.toBe('hijack');
  });

  it('searches the directory by filters and words in offers/seeks', async () => {
    const me = await as(d(0));
    const all = await t.http.get(`/api/events/${b.eventId}/clusters`).set(me).expect(200);
    expect(all.body.total).toBe(5);
    const energy = await t.http.get(`/api/events/${b.eventId}/clusters?sector=energy`).set(me).expect(200);
    expect(energy.body.items.map((x: { name: string }) => x.name)).toEqual(['Cluster 000', 'Cluster 003']);
    const fr = await t.http.get(`/api/events/${b.eventId}/clusters?country=fr,pl`).set(me).expect(200);
    expect(fr.body.items.map((x: { country: string }) => x.country).sort()).toEqual(['FR', 'PL']);
    const gold = await t.http.get(`/api/events/${b.eventId}/clusters?label=gold,silver`).set(me).expect(200);
    expect(gold.body.total).toBe(2);
    const text = await t.http.get(`/api/events/${b.eventId}/clusters?q=battery%20RECYCLING`).set(me).expect(200);
    expect(text.body.items.map((x: { id: string }) => x.id)).toEqual([c(0)]);
    const tech = await t.http.get(`/api/events/${b.eventId}/clusters?technology=Robotics`).set(me).expect(200);
    expect(tech.body.items.map((x: { name: string }) => x.name)).toEqual(['Cluster 002']);
    const literal = await t.http.get(`/api/events/${b.eventId}/clusters?q=100%25`).set(me).expect(200);
    expect(literal.body.total).toBe(0);
    await t.http.get(`/api/events/${b.eventId}/clusters?label=platinum`).set(me).expect(400);
  });

  it('runs request -> accept, decline, withdraw with weights and conflicts', async () => {
    const a = await as(d(0));
    const r1 = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(a)
      .send({ receiverClusterIds: [c(1)], interest: 4, note: 'Hydrogen storage', delegateIds: [d(0)] })
      .expect(201);
    expect(r1.body.status).toBe('pending');
    // The same pair, either direction, is a conflict while r1 is open.
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(a)
      .send({ receiverClusterIds: [c(1)], interest: 2, delegateIds: [d(0)] })
      .expect(409);
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(await as(d(1)))
      .send({ receiverClusterIds: [c(0)], interest: 2, delegateIds: [d(1)] })
      .expect(409);
    // The requester cannot accept its own request; a third cluster cannot see it.
    await t.http
      .post(`/api/requests/${r1.body.id}/accept`)
      .set(a)
      .send({ interest: 5, delegateIds: [d(0)] })
      .expect(403);
    await t.http
      .get(`/api/requests/${r1.body.id}`)
      .set(await as(d(2)))
      .expect(404);
    const b1 = await as(d(1, 1));
    const acc = await t.http
      .post(`/api/requests/${r1.body.id}/accept`)
      .set(b1)
      .send({ interest: 4, delegateIds: [d(1, 1)] })
      .expect(200);
    expect(acc.body.status).toBe('accepted');
    expect(acc.body.weight).toBe(4 * 4 + 4 + 4);
    expect(acc.body.parties[1].delegates).toEqual([{ id: d(1, 1), name: 'Delegate 1-1' }]);
    const second = await t.http
      .post(`/api/requests/${r1.body.id}/accept`)
      .set(b1)
      .send({ interest: 1, delegateIds: [d(1)] })
      .expect(409);
    expect(second.body.message).toMatch(/accepted/);
    const stored = await t.http.get(`/api/requests/${r1.body.id}`).set(org).expect(200);
    expect(stored.body.weight).toBe(24);

    const r2 = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(a)
      .send({ receiverClusterIds: [c(2)], interest: 3, delegateIds: [d(0, 1)] })
      .expect(201);
    const dec = await t.http
      .post(`/api/requests/${r2.body.id}/decline`)
      .set(await as(d(2)))
      .send({})
      .expect(200);
    expect(dec.body.status).toBe('declined');
    await t.http
      .post(`/api/requests/${r2.body.id}/accept`)
      .set(await as(d(2)))
      .send({ interest: 3, delegateIds: [d(2)] })
      .expect(409);
    // After a decline the pair may ask again.
    const r3 = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(await as(d(2)))
      .send({ receiverClusterIds: [c(0)], interest: 5, delegateIds: [d(2)] })
      .expect(201);
    await t.http.post(`/api/requests/${r3.body.id}/withdraw`).set(a).expect(403);
    const w = await t.http
      .post(`/api/requests/${r3.body.id}/withdraw`)
      .set(await as(d(2)))
      .expect(200);
    expect(w.body.status).toBe('withdrawn');

    const mine = await t.http
      .get(`/api/events/${b.eventId}/requests`)
      .set(await as(d(2)))
      .expect(200);
    expect(mine.body.map((x: { id: string }) => x.id).sort()).toEqual([r2.body.id, r3.body.id].sort());
    const allReq = await t.http.get(`/api/events/${b.eventId}/requests?status=accepted`).set(org).expect(200);
    expect(allReq.body.map((x: { id: string }) => x.id)).toEqual([r1.body.id]);
  });

  it('needs every receiver of a group request to accept', async () => {
    const g = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(await as(d(3)))
      .send({ receiverClusterIds: [c(4), c(1)], interest: 5, delegateIds: [d(3)] })
      .expect(201);
    const one = await t.http
      .post(`/api/requests/${g.body.id}/accept`)
      .set(await as(d(4)))
      .send({ interest: 2, delegateIds: [d(4)] })
      .expect(200);
    expect(one.body.status).toBe('pending');
    const two = await t.http
      .post(`/api/requests/${g.body.id}/accept`)
      .set(await as(d(1)))
      .send({ interest: 4, delegateIds: [d(1)] })
      .expect(200);
    expect(two.body.status).toBe('accepted');
    expect(two.body.weight).toBe(5 * 3 + 5 + 3);
  });

  it('refuses to delete a delegate who attends a pending or accepted request', async () => {
    const extra = await t.http
      .post(`/api/clusters/${c(4)}/delegates`)
      .set(org)
      .send({ name: 'Leaving soon', email: 'leaving@c4.example.org', role: 'Analyst' })
      .expect(201);
    const r = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(await as(d(4)))
      .send({ receiverClusterIds: [c(2)], interest: 3, delegateIds: [extra.body.id] })
      .expect(201);
    await t.http
      .post(`/api/requests/${r.body.id}/accept`)
      .set(await as(d(2)))
      .send({ interest: 3, delegateIds: [d(2)] })
      .expect(200);
    const refused = await t.http.delete(`/api/delegates/${extra.body.id}`).set(org).expect(409);
    expect(refused.body.message).toContain(r.body.id);
    const still = await t.http.get(`/api/requests/${r.body.id}`).set(org).expect(200);
    expect(still.body.parties[0].delegates).toEqual([{ id: extra.body.id, name: 'Leaving soon' }]);
    await t.http
      .post(`/api/requests/${r.body.id}/withdraw`)
      .set(await as(d(4)))
      .expect(200);
    await t.http.delete(`/api/delegates/${extra.body.id}`).set(org).expect(204);
    await t.http.get(`/api/delegates/${extra.body.id}`).set(org).expect(404);
  });

  it('expires pending requests at the deadline and refuses new ones', async () => {
    const r = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(await as(d(3)))
      .send({ receiverClusterIds: [c(2)], interest: 2, delegateIds: [d(3)] })
      .expect(201);
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(org)
      .send({ requestDeadline: '2020-01-01T00:00:00+01:00' })
      .expect(200);
    const late = await t.http
      .post(`/api/requests/${r.body.id}/accept`)
      .set(await as(d(2)))
      .send({ interest: 5, delegateIds: [d(2)] })
      .expect(409);
    expect(late.body.message).toMatch(/expired/);
    const got = await t.http.get(`/api/requests/${r.body.id}`).set(org).expect(200);
    expect(got.body.status).toBe('expired');
    await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set(await as(d(3)))
      .send({ receiverClusterIds: [c(0)], interest: 2, delegateIds: [d(3)] })
      .expect(409);
    await t.http
      .patch(`/api/events/${b.eventId}`)
      .set(org)
      .send({ requestDeadline: '2099-01-01T00:00:00Z' })
      .expect(200);
  });

  it('keeps meeting history of a cluster across events', async () => {
    const next = await t.http
      .post('/api/events')
      .set(org)
      .send({ name: 'Next year', venue: 'Hall 2', timezone: 'Europe/Madrid', requestDeadline: '2099-01-01T00:00:00Z' })
      .expect(201);
    await t.http
      .post(`/api/events/${next.body.id}/participants`)
      .set(org)
      .send({ clusterId: c(0) })
      .expect(201);
    await t.http
      .post(`/api/events/${next.body.id}/participants`)
      .set(org)
      .send({ clusterId: c(0) })
      .expect(409);
    const fresh = await t.http
      .post(`/api/clusters/${c(0)}/delegates`)
      .set(org)
      .send({ name: 'New Person', email: 'new@cluster0.example.org', role: 'Manager' })
      .expect(201);
    const h = await t.http
      .get(`/api/clusters/${c(0)}/history`)
      .set(await as(fresh.body.id))
      .expect(200);
    expect(
      h.body.some((x: { note: string; status: string }) => x.note === 'Hydrogen storage' && x.status === 'accepted'),
    ).toBe(true);
    await t.http
      .get(`/api/clusters/${c(1)}/history`)
      .set(await as(fresh.body.id))
      .expect(403);
    await t.http
      .get(`/api/events/${next.body.id}/clusters`)
      .set(await as(d(1)))
      .expect(403);
  });

  it('refuses a duplicate cluster name and a bad cluster body, naming fields', async () => {
    await t.http.post('/api/clusters').set(org).send(clusterBody(0)).expect(409);
    const bad = await t.http
      .post('/api/clusters')
      .set(org)
      .send(clusterBody(99, { country: 'Germany', members: { companies: 1, smes: 'x' }, sectors: ['Nope'] }))
      .expect(400);
    const paths = bad.body.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['country', 'members.smes', 'members.knowledgeInstitutions']));
    const unknownSector = await t.http
      .post('/api/clusters')
      .set(org)
      .send(clusterBody(99, { sectors: ['Energy', 'Nope'] }))
      .expect(422);
    expect(unknownSector.body.fields).toEqual([
      { path: 'sectors[1]', code: expect.any(String), message: expect.stringContaining('Nope') },
    ]);
    const smes = await t.http
      .post('/api/clusters')
      .set(org)
      .send(
        clusterBody(99, {
          members: {
            companies: 1,
            smes: 2,
            knowledgeInstitutions: 0,
            publicBodies: 0,
            industryAssociations: 0,
            financialActors: 0,
          },
        }),
      )
      .expect(422);
    expect(smes.body.fields[0].path).toBe('members.smes');
    const list = await t.http.get('/api/clusters?limit=200').set(org).expect(200);
    expect(list.body.total).toBe(5);
  });

  it('treats cluster names that differ only in case as the same name', async () => {
    const conflict = await t.http
      .post('/api/clusters')
      .set(org)
      .send(clusterBody(0, { name: ' CLUSTER 000 ' }))
      .expect(409);
    expect(conflict.body.message).toContain('"Cluster 000"');
    await t.http
      .patch(`/api/clusters/${c(1)}`)
      .set(await as(d(1)))
      .send({ name: 'cluster 000' })
      .expect(409);
    expect(
      (
        await t.http
          .get(`/api/clusters/${c(1)}`)
          .set(org)
          .expect(200)
      ).body.name,
    ).toBe('Cluster 001');
    const own = await t.http
      .patch(`/api/clusters/${c(1)}`)
      .set(await as(d(1)))
      .send({ name: 'CLUSTER 001' })
      .expect(200);
    expect(own.body.name).toBe('CLUSTER 001');
    await t.http
      .patch(`/api/clusters/${c(1)}`)
      .set(org)
      .send({ name: 'Cluster 001' })
      .expect(200);
    expect((await t.http.get('/api/clusters?limit=200').set(org).expect(200)).body.total).toBe(5);
  });
});
