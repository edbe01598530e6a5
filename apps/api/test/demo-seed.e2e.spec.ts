import { readFileSync } from 'node:fs';
import { ClusterEntity } from '../src/clusters/cluster.entity';
import { DelegateEntity } from '../src/delegates/delegate.entity';
import { EventEntity, SlotEntity } from '../src/events/event.entity';
import { RequestsService } from '../src/requests/requests.service';
import { DEMO_FIXTURE, SeedService } from '../src/seed/seed.service';
import type { DemoFixture } from '../src/seed/demo-fixture';
import { startTestApp, TestApp } from '../test-utils';

describe.each(['sqlite', 'postgres'] as const)('demo seed on first start (%s)', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db, config: { seedDemo: true } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('seeds about 150 clusters, 300 delegates and 550 accepted requests from the fixture', async () => {
    const m = t.db.manager;
    const [event] = await m.find(EventEntity);
    expect(event?.name).toMatch(/demo/);
    expect(await m.count(ClusterEntity)).toBe(150);
    expect(await m.count(DelegateEntity)).toBe(300);
    expect(await m.countBy(SlotEntity, { eventId: event?.id })).toBe(26);
    const accepted = await t.app.get(RequestsService).acceptedMeetings(event?.id ?? '');
    expect(accepted).toHaveLength(550);
    const fixture = JSON.parse(readFileSync(DEMO_FIXTURE, 'utf8')) as DemoFixture;
    const expected = fixture.requests
      .filter((r) => r.status === 'accepted')
      .map((r) => r.requesterInterest * (r.receiverInterest ?? 0) + r.requesterInterest + (r.receiverInterest ?? 0));
    expect(accepted.map((a) => a.weight).sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y));
    expect(accepted.every((a) => a.clusterIds.length === 2 && a.delegateIds.length >= 2)).toBe(true);
  });

  it('does not seed twice', async () => {
    expect(await t.app.get(SeedService).ensureDemoEvent()).toBeUndefined();
    expect(await t.db.manager.count(EventEntity)).toBe(1);
  });

  it('serves the demo directory to a delegate', async () => {
    const d = await t.db.manager.findOneByOrFail(DelegateEntity, {
      email: (JSON.parse(readFileSync(DEMO_FIXTURE, 'utf8')) as DemoFixture).clusters[0]?.delegates[0]?.email ?? '',
    });
    const token = await t.delegateToken(d.id);
    const [event] = await t.db.manager.find(EventEntity);
    const res = await t.http
      .get(`/api/events/${event?.id}/clusters?sector=Energy&limit=5`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body.total).toBeGreaterThan(5);
    expect(res.body.items).toHaveLength(5);
  });
});
