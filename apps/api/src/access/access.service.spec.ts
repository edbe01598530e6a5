/** The access rules on their own, against the real app on a SQLite file (the authorisation matrix covers the routes). */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/decorators';
import { ErrorCode } from '../common/errors';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../../test-utils';
import { AccessService, Permission } from './access.service';

describe('AccessService', () => {
  let t: TestApp;
  let b: Basics;
  let access: AccessService;
  let organiser: Principal;
  let delegate: Principal;

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 2, 1);
    access = t.app.get(AccessService);
    organiser = { kind: 'organiser', userId: randomUUID(), email: 'o@example.org' };
    delegate = {
      kind: 'delegate',
      delegateId: b.delegateIds[0][0],
      clusterId: b.clusterIds[0],
      email: 'd@example.org',
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const refusal = async (p: Principal, permission: Permission, ids: string[]): Promise<ErrorCode | undefined> => {
    try {
      await access.require(p, permission, ids);
      return undefined;
    } catch (e) {
      return (e as { code?: ErrorCode }).code;
    }
  };

  it('lets organisers do everything', async () => {
    for (const permission of Object.values(Permission))
      expect(await refusal(organiser, permission, [randomUUID()])).toBeUndefined();
    expect(await access.allowed(organiser, Permission.ClusterPrivate, b.clusterIds)).toEqual(new Set(b.clusterIds));
  });

  it("lets a delegate act for their own cluster, delegate record and events, and refuses others' ids", async () => {
    const [own, other] = b.clusterIds;
    const otherDelegate = b.delegateIds[1][0];
    expect(await access.allowed(delegate, Permission.ClusterPrivate, [own, other])).toEqual(new Set([own]));
    for (const permission of [
      Permission.ClusterPrivate,
      Permission.RequestCreateFor,
      Permission.RequestListFor,
      Permission.RequestAnswerFor,
    ]) {
      expect(await refusal(delegate, permission, [own])).toBeUndefined();
      expect(await refusal(delegate, permission, [own, other])).toBe(ErrorCode.Forbidden);
    }
    expect(await refusal(delegate, Permission.DelegateRead, [b.delegateIds[0][0]])).toBeUndefined();
    // Another cluster's delegate, request or agenda event is reported as not found: its existence is private.
    expect(await refusal(delegate, Permission.DelegateRead, [otherDelegate])).toBe(ErrorCode.NotFound);
    expect(await refusal(delegate, Permission.RequestRead, [randomUUID()])).toBe(ErrorCode.NotFound);
    expect(await refusal(delegate, Permission.RequestWithdraw, [randomUUID()])).toBe(ErrorCode.Forbidden);
    expect(await refusal(delegate, Permission.AgendaRead, [b.delegateIds[0][0]])).toBeUndefined();
    expect(await refusal(delegate, Permission.AgendaRead, [otherDelegate])).toBe(ErrorCode.Forbidden);
    expect(await refusal(delegate, Permission.EventParticipate, [b.eventId])).toBeUndefined();
    expect(await refusal(delegate, Permission.EventParticipate, [randomUUID()])).toBe(ErrorCode.Forbidden);
    expect(await refusal(delegate, Permission.EventAgenda, [b.eventId])).toBeUndefined();
    expect(await refusal(delegate, Permission.EventAgenda, [randomUUID()])).toBe(ErrorCode.NotFound); // A person's data (export, erasure): their own only (a colleague's is refused in authz-matrix.e2e.spec.ts).
    expect(await refusal(delegate, Permission.PersonalData, [b.delegateIds[0][0]])).toBeUndefined();
    expect(await refusal(delegate, Permission.PersonalData, [randomUUID()])).toBe(ErrorCode.Forbidden);
    expect(await refusal(delegate, Permission.PersonalData, [otherDelegate])).toBe(ErrorCode.Forbidden);
  });
});
