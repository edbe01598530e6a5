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

/** A solve job's status as `GET .../schedule/jobs/:jobId` answers it. */
export interface JobBody {
  state: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  percent: number;
  error?: string;
  version: { id: string; number: number } | null;
}

/**
 * Polls a solve job (`statusUrl` of the 202 answer) as `token` every 50 ms until it is done, and returns its last
 * status; throws on a failed or interrupted job, an answer other than 200, or after 60 s. `onPoll` sees every status.
 */
export async function waitForJob(
  t: TestApp,
  statusUrl: string,
  token: string,
  onPoll: (job: JobBody) => void = () => undefined,
): Promise<JobBody & { version: { id: string; number: number } }> {
  for (let i = 0; i < 1200; i++) {
    const res = await t.http.get(statusUrl).set('Authorization', `Bearer ${token}`);
    const job = res.body as JobBody;
    if (res.status !== 200 || job.state === 'failed' || job.state === 'interrupted')
      throw new Error(`job ${statusUrl}: ${res.status} ${JSON.stringify(res.body)}`);
    onPoll(job);
    if (job.state === 'done' && job.version) return { ...job, version: job.version };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the job ${statusUrl} did not finish in 60 s`);
}

/** As the organiser: solves the event's accepted requests (1 s limit) and waits for the draft. Returns its id. */
export async function solveToDraft(t: TestApp, eventId: string, token?: string): Promise<string> {
  const organiser = token ?? (await t.organiserToken());
  const auth = { Authorization: `Bearer ${organiser}` };
  const started = await t.http
    .post(`/api/events/${eventId}/schedule/solve`)
    .set(auth)
    .send({ timeLimitSeconds: 1, seed: 1 });
  if (started.status !== 202) throw new Error(`solve: ${started.status} ${JSON.stringify(started.body)}`);
  return (await waitForJob(t, started.body.statusUrl as string, organiser)).version.id;
}

/** Solves and publishes; returns the published version id. */
export async function solveAndPublish(t: TestApp, eventId: string, token?: string): Promise<string> {
  const versionId = await solveToDraft(t, eventId, token);
  const res = await t.http
    .post(`/api/events/${eventId}/schedule/versions/${versionId}/publish`)
    .set('Authorization', `Bearer ${token ?? (await t.organiserToken())}`);
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return versionId;
}
