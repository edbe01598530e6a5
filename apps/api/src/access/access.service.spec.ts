/** The access rules on their own, against the real app on a SQLite file (the authorisation matrix covers the routes). */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/decorators';
import { ErrorCode } from '../common/errors';
import { setUpEvent, startTestApp, type Basics, type TestApp } from '../../test-utils';
import { AccessService, Permission, PERMISSION_KIND } from './access.service';

describe('AccessService', () => {
  let t: TestApp;
  let b: Basics;
  let access: AccessService;
  let organiser: Principal;
  let stranger: Principal;
  let delegate: Principal;

  beforeAll(async () => {
    t = await startTestApp();
    b = await setUpEvent(t, 2, 1);
    access = t.app.get(AccessService);
    const own = await t.organiserOf('Demo organisation', 'organiser');
    organiser = {
      kind: 'organiser',
      userId: own.id,
      email: own.email,
      organisationId: own.organisationId,
      role: 'organiser',
    };
    const other = await t.organiserOf('Another organisation', 'owner');
    stranger = {
      kind: 'organiser',
      userId: other.id,
      email: other.email,
      organisationId: other.organisationId,
      role: 'owner',
    };
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

  it("lets organisers do everything to their organisation's ids, and nothing to another's (404)", async () => {
    const r = await t.http
      .post(`/api/events/${b.eventId}/requests`)
      .set('Authorization', `Bearer ${await t.organiserToken()}`)
      .send({
        requesterClusterId: b.clusterIds[0],
        receiverClusterIds: [b.clusterIds[1]],
        interest: 3,
        delegateIds: [b.delegateIds[0][0]],
      });
    expect(r.status).toBe(201);
    const idsByKind: Record<string, string> = {
      cluster: b.clusterIds[0],
      event: b.eventId,
      delegate: b.delegateIds[0][0],
      request: r.body.id,
    };
    for (const permission of Object.values(Permission)) {
      const id = idsByKind[PERMISSION_KIND[permission]];
      const own = await refusal(organiser, permission, [id]);
      const theirs = await refusal(stranger, permission, [id]);
      if (own !== undefined) throw new Error(`${permission} refused the organiser of the organisation (${own})`);
      if (theirs !== ErrorCode.NotFound) throw new Error(`${permission} gave another organisation ${theirs}`);
      expect(await refusal(organiser, permission, [randomUUID()])).toBe(ErrorCode.NotFound);
    }
    expect(await access.allowed(organiser, Permission.ClusterPrivate, b.clusterIds)).toEqual(new Set(b.clusterIds));
    expect(await access.allowed(stranger, Permission.ClusterPrivate, b.clusterIds)).toEqual(new Set());
  });

  it('refuses delegates the organiser-only permissions', async () => {
    expect(await refusal(delegate, Permission.EventOrganise, [b.eventId])).toBe(ErrorCode.Forbidden);
    expect(await refusal(delegate, Permission.ClusterOrganise, [b.clusterIds[0]])).toBe(ErrorCode.Forbidden);
    expect(await refusal(delegate, Permission.DelegateOrganise, [b.delegateIds[0][0]])).toBe(ErrorCode.Forbidden);
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
