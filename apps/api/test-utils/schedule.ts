import type { Basics } from './builders';
import type { TestApp } from './start-test-app';

/** As the delegates: cluster `from` requests a meeting with `to`, and `to` accepts. Returns the request id. */
export async function acceptedRequest(t: TestApp, b: Basics, from: number, to: number): Promise<string> {
  const asDelegate = async (c: number) => ({
    Authorization: `Bearer ${await t.delegateToken(b.delegateIds[c]?.[0] ?? '')}`,
  });
  const created = await t.http
    .post(`/api/events/${b.eventId}/requests`)
    .set(await asDelegate(from))
    .send({ receiverClusterIds: [b.clusterIds[to]], interest: 4, delegateIds: [b.delegateIds[from]?.[0]] });
  if (created.status !== 201) throw new Error(`request: ${created.status} ${JSON.stringify(created.body)}`);
  const accepted = await t.http
    .post(`/api/requests/${created.body.id}/accept`)
    .set(await asDelegate(to))
    .send({ interest: 3, delegateIds: [b.delegateIds[to]?.[0]] });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return created.body.id as string;
}

/** As the organiser: solves the event's accepted requests (1 s limit) and waits for the draft. Returns its id. */
export async function solveToDraft(t: TestApp, eventId: string): Promise<string> {
  const auth = { Authorization: `Bearer ${await t.organiserToken()}` };
  const started = await t.http
    .post(`/api/events/${eventId}/schedule/solve`)
    .set(auth)
    .send({ timeLimitSeconds: 1, seed: 1 });
  if (started.status !== 202) throw new Error(`solve: ${started.status} ${JSON.stringify(started.body)}`);
  for (let i = 0; i < 600; i++) {
    const job = await t.http.get(started.body.statusUrl).set(auth);
    if (job.body.state === 'done' && job.body.version) return job.body.version.id as string;
    if (job.status !== 200 || job.body.state === 'failed' || job.body.state === 'interrupted')
      throw new Error(`job: ${job.status} ${JSON.stringify(job.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the solve did not finish in 60 s');
}

/** Solves and publishes; returns the published version id. */
export async function solveAndPublish(t: TestApp, eventId: string): Promise<string> {
  const versionId = await solveToDraft(t, eventId);
  const res = await t.http
    .post(`/api/events/${eventId}/schedule/versions/${versionId}/publish`)
    .set('Authorization', `Bearer ${await t.organiserToken()}`);
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return versionId;
}
