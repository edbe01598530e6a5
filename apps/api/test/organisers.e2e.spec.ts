/** Issue 9: owners change organisers' roles and remove them; the organisation's last owner stays. */
import { OrganiserEntity } from '../src/auth/organiser.entity';
import { startTestApp, type TestApp } from '../test-utils';

describe.each(['sqlite', 'postgres'] as const)('organisers of an organisation on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t.close();
  });
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it("lists the organisation's organisers, changes a role, removes one, and refuses to lose the last owner", async () => {
    const owner = await t.organiserOf('Kappa', 'owner', 'owner@kappa.example.org');
    const helper = await t.organiserOf('Kappa', 'organiser', 'helper@kappa.example.org');
    await t.organiserOf('Lambda', 'owner', 'owner@lambda.example.org');
    const list = await t.http.get('/api/organisers').set(as(helper.token)).expect(200);
    expect(list.body.map((o: { email: string; role: string }) => `${o.email} ${o.role}`).sort()).toEqual([
      'helper@kappa.example.org organiser',
      'owner@kappa.example.org owner',
    ]);
    // The last owner can be neither demoted nor removed.
    const demote = await t.http.patch(`/api/organisers/${owner.id}`).set(as(owner.token)).send({ role: 'viewer' });
    expect(demote.status).toBe(409);
    expect(demote.body.message).toMatch(/last owner/);
    expect((await t.http.delete(`/api/organisers/${owner.id}`).set(as(owner.token))).status).toBe(409);
    // Bad role: 400 naming the field.
    const bad = await t.http.patch(`/api/organisers/${helper.id}`).set(as(owner.token)).send({ role: 'boss' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('role');
    // Promote the helper; then the first owner may step down, and the helper's old token no longer works.
    const promoted = await t.http
      .patch(`/api/organisers/${helper.id}`)
      .set(as(owner.token))
      .send({ role: 'owner' })
      .expect(200);
    expect(promoted.body).toMatchObject({ id: helper.id, role: 'owner' });
    expect((await t.http.get('/api/organisers').set(as(helper.token))).status).toBe(401);
    const helperNow = await t.organiserOf('Kappa', 'owner', 'helper@kappa.example.org');
    await t.http.patch(`/api/organisers/${owner.id}`).set(as(helperNow.token)).send({ role: 'viewer' }).expect(200);
    expect((await t.http.delete(`/api/organisers/${helper.id}`).set(as(helperNow.token))).status).toBe(409);
    // The former owner, now a viewer, reads but may not manage.
    const viewer = await t.organiserOf('Kappa', 'viewer', 'owner@kappa.example.org');
    await t.http.get('/api/organisers').set(as(viewer.token)).expect(200);
    expect((await t.http.delete(`/api/organisers/${helper.id}`).set(as(viewer.token))).status).toBe(403);
    await t.http.delete(`/api/organisers/${viewer.id}`).set(as(helperNow.token)).expect(204);
    expect(await t.db.manager.countBy(OrganiserEntity, { email: 'owner@kappa.example.org' })).toBe(0);
    expect((await t.http.get('/api/organisers').set(as(viewer.token))).status).toBe(401);
  });
});
