import Ajv, { type ValidateFunction } from 'ajv';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { Like } from 'typeorm';
import { MailingsService } from '../src/comms/mailings.service';
import { OutboxMessageEntity } from '../src/mail/outbox-message.entity';
import { SeedService } from '../src/seed/seed.service';
import { buildOpenApiDocument } from '../src/openapi';
import { Basics, setUpEvent, startTestApp, TestApp, waitForJob } from '../test-utils';

type Schema = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv, strict about what the document promises: an object has
 * exactly the properties it documents (an undocumented field fails), and `nullable` allows null also
 * around a `$ref` (which 3.0 leaves open).
 */
function strict(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(strict);
  if (typeof s !== 'object' || s === null) return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) {
    if (k === 'discriminator' || k === 'example') continue;
    out[k] =
      k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, x]) => [p, strict(x)])) : strict(v);
  }
  if (out['properties'] && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  if (out['nullable'] === true) {
    delete out['nullable'];
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

/** Validates every answer of the app against the document, and remembers which operations were seen. */
class Checker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly validators = new Map<string, ValidateFunction>();
  readonly seen = new Set<string>();
  readonly problems: string[] = [];

  constructor(private readonly doc: OpenAPIObject) {
    this.ajv.addSchema({ components: strict(doc.components) }, 'doc');
  }

  /** Every operation of the document, as `GET /api/events/{eventId}`. */
  operations(): string[] {
    return Object.entries(this.doc.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((m) => item[m])
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  }

  check(method: Method, url: string, res: Response): void {
    const path = url.split('?')[0] ?? '';
    // A literal segment wins over a parameter (`/participants/clusters` before `/participants/{clusterId}`).
    const template = Object.keys(this.doc.paths)
      .filter((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path) && this.doc.paths[p]?.[method])
      .sort((a, b) => (a.match(/\{/g) ?? []).length - (b.match(/\{/g) ?? []).length)[0];
    const op = template ? this.doc.paths[template]?.[method] : undefined;
    if (!template || !op) {
      this.problems.push(`${method.toUpperCase()} ${path}: not in the document`);
      return;
    }
    const key = `${method.toUpperCase()} ${template}`;
    this.seen.add(key);
    const documented = op.responses[String(res.status)] ?? op.responses['default'];
    const content = documented && 'content' in documented ? documented.content : undefined;
    if (!content) {
      if (res.status !== 204 || res.text)
        this.problems.push(`${key} ${res.status}: answered a body it does not document`);
      return;
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const media = content[type];
    if (!media) {
      this.problems.push(
        `${key} ${res.status}: content type ${type} not documented (${Object.keys(content).join(', ')})`,
      );
      return;
    }
    if (type !== 'application/json') return;
    const id = `${key} ${res.status}`;
    let validate = this.validators.get(id);
    if (!validate) {
      const schema = JSON.parse(JSON.stringify(strict(media.schema)).replaceAll('"#/components/', '"doc#/components/'));
      validate = this.ajv.compile(schema as Schema);
      this.validators.set(id, validate);
    }
    if (!validate(res.body))
      this.problems.push(
        `${id}: ${this.ajv.errorsText(validate.errors, { separator: '; ' })} in ${JSON.stringify(res.body).slice(0, 300)}`,
      );
  }
}

// PostgreSQL too: a driver may hand back another type (a bigint or numeric column as a string).
describe.each(['sqlite', 'postgres'] as const)(
  'every answer of the service matches its documented schema (%s)',
  (db) => {
    let t: TestApp;
    let b: Basics;
    let checker: Checker;
    let org: string;

    beforeAll(async () => {
      t = await startTestApp({ db });
      checker = new Checker(buildOpenApiDocument(t.app));
      b = await setUpEvent(t, 3, 1);
      org = await t.organiserToken();
    });
    afterAll(async () => {
      await t?.close();
    });

    /** One call, checked against the document; the status must be the expected one. */
    async function call(
      method: Method,
      url: string,
      token: string | null,
      status: number,
      body?: unknown,
      contentType?: string,
    ): Promise<Response> {
      let req = t.http[method](url);
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      if (contentType) req = req.set('Content-Type', contentType);
      const res = body === undefined ? await req : await req.send(body as object);
      if (res.status !== status) throw new Error(`${method.toUpperCase()} ${url}: ${res.status} ${res.text}`);
      checker.check(method, url, res);
      return res;
    }

    it('in a walk through every route (success answers, and the error answer where success needs more set-up)', async () => {
      const ev = `/api/events/${b.eventId}`;
      const [c0, c1, c2] = b.clusterIds as [string, string, string];
      const [d0, d1, d2] = b.delegateIds.map((x) => x[0] ?? '') as [string, string, string];
      const del0 = await t.delegateToken(d0);
      const del1 = await t.delegateToken(d1);
      const del2 = await t.delegateToken(d2);

      // Health, auth
      await call('get', '/api/health', null, 200);
      await call('get', '/api/auth/me', org, 200);
      await call('get', '/api/auth/me', del0, 200);
      await call('patch', '/api/auth/me', org, 200, { language: 'da' });
      await call('patch', '/api/auth/me', org, 200, { language: null });
      await call('post', '/api/auth/login', null, 401, { email: 'organiser@example.org', password: 'wrong-password' });
      await call('post', '/api/auth/login', null, 200, {
        email: 'organiser@example.org',
        password: 'test-password-123',
      });
      await call('post', '/api/auth/magic-link', null, 202, { email: 'd0-0@cluster0.example.org' });
      const link = new URL(t.magicLinks[t.magicLinks.length - 1]?.url ?? 'http://x/');
      await call('post', '/api/auth/magic-link/verify', null, 200, { token: link.searchParams.get('token') });

      // Events, taxonomy
      await call('get', '/api/events', del0, 200);
      const event = (await call('get', ev, org, 200)).body as {
        days: unknown[];
        tables: { name: string; seats: number }[];
      };
      await call('patch', ev, org, 200, { venue: 'Hall 2' });
      await call('put', `${ev}/days`, org, 200, { days: event.days });
      await call('put', `${ev}/tables`, org, 200, {
        tables: [...event.tables.map(({ name, seats }) => ({ name, seats })), { name: 'T9', seats: 4 }],
      });
      await call('get', `${ev}/slots`, del0, 200);
      const setup = (await call('get', ev, org, 200)).body as Record<string, unknown> & {
        days: unknown[];
        tables: { name: string; seats: number }[];
      };
      await call('put', `${ev}/setup`, org, 200, {
        name: setup['name'],
        venue: setup['venue'],
        timezone: setup['timezone'],
        requestDeadline: setup['requestDeadline'],
        days: setup.days,
        tables: setup.tables.map(({ name, seats }) => ({ name, seats })),
      });
      await call('post', '/api/events', org, 400, { name: '' });
      // Several events (issue 9, item 2): a copy, and a past event archived and taken back out.
      const past = (
        await call('post', '/api/events', org, 201, {
          name: 'Past event',
          venue: 'Hall',
          timezone: 'Europe/Berlin',
          requestDeadline: '2020-01-01T00:00:00Z',
          days: [{ date: '2020-03-10', startTime: '09:00', endTime: '10:00', meetingMinutes: 30 }],
          copyFrom: { eventId: b.eventId, tables: true, participants: true },
        })
      ).body as { id: string };
      await call('post', `/api/events/${past.id}/archive`, org, 200);
      await call('delete', `/api/events/${past.id}/archive`, org, 200);
      await call('get', '/api/taxonomy', del0, 200);
      const term = (await call('post', '/api/taxonomy', org, 201, { kind: 'sector', name: 'Space' })).body as {
        id: string;
      };
      await call('patch', `/api/taxonomy/${term.id}`, org, 200, { name: 'Space industry', nameDa: 'Rumfart' });
      await call('get', '/api/taxonomy/usage', org, 200);
      const twin = (await call('post', '/api/taxonomy', org, 201, { kind: 'sector', name: 'Space' })).body as {
        id: string;
      };
      await call('post', `/api/taxonomy/${twin.id}/merge`, org, 200, { intoTermId: term.id });
      await call('delete', `/api/taxonomy/${term.id}`, org, 204);

      // Clusters, participants, delegates
      await call('get', '/api/clusters', org, 200);
      await call('get', `/api/clusters/${c0}`, org, 200);
      await call('get', `/api/clusters/${c1}`, del0, 200);
      await call('patch', `/api/clusters/${c0}`, del0, 200, { seeks: 'Storage partners', website: null });
      await call('get', `${ev}/clusters?sector=Energy,Health&q=pilot`, del0, 200);
      const extra = (
        await call('post', '/api/clusters', org, 201, {
          name: 'Extra Cluster',
          country: 'DK',
          region: 'Midtjylland',
          sectors: ['Energy'],
          technologies: [],
          scope: 'national',
          label: 'none',
          members: {
            companies: 1,
            smes: 1,
            knowledgeInstitutions: 0,
            publicBodies: 0,
            industryAssociations: 0,
            financialActors: 0,
          },
          secretariatSize: 1,
          offers: 'a',
          seeks: 'b',
        })
      ).body as { id: string };
      await call('get', `${ev}/participants/candidates?q=Extra`, org, 200);
      await call('post', `${ev}/participants`, org, 201, { clusterId: extra.id });
      await call('delete', `${ev}/participants/${extra.id}`, org, 204);
      // A delegate invites (202, issue 14); an organiser adds at once (201).
      await call('post', `/api/clusters/${c0}/delegates`, del0, 202, {
        name: 'Invited',
        email: 'invited@cluster0.example.org',
        role: 'Analyst',
      });
      const added = (
        await call('post', `/api/clusters/${c0}/delegates`, org, 201, {
          name: 'Second',
          email: 'second@cluster0.example.org',
          role: 'Analyst',
        })
      ).body as { id: string };
      await call('get', `/api/clusters/${c0}/delegates`, del0, 200);
      await call('get', `/api/delegates/${added.id}`, del0, 200);
      await call('patch', `/api/delegates/${added.id}`, del0, 200, { role: 'Lead analyst' });
      await call('patch', `/api/delegates/${added.id}`, del0, 200, { email: 'moved@cluster0.example.org' });
      await call('delete', `/api/delegates/${added.id}`, del0, 204);
      await call('put', `${ev}/delegates/${d0}/unavailability`, del0, 200, { slots: [b.slotIds[0]] });
      await call('get', `${ev}/delegates/${d0}/unavailability`, del0, 200);

      // Imports
      await call(
        'post',
        `${ev}/imports/delegates`,
        org,
        200,
        'cluster,name,email,role\nCluster 001,Imported,imported@cluster1.example.org,Lead\n',
        'text/csv',
      );
      await call('post', `${ev}/imports/clusters?createTerms=true`, org, 422, 'name,country\nBroken,XX\n', 'text/csv');
      await call('post', `${ev}/imports/clusters/unknown-terms`, org, 422, 'name,country\nBroken,XX\n', 'text/csv');

      // Participants (issue 9)
      await call('get', `${ev}/participants/clusters?sort=requests&dir=desc&limit=2`, org, 200);
      await call('post', `${ev}/participants/clusters`, org, 400, { name: '' });
      await call('get', `${ev}/participants/delegates?signedIn=no`, org, 200);
      await call('post', `${ev}/participants/login-links`, org, 200, { delegateIds: [d2] });
      await call('get', `${ev}/participants/export?kind=delegates&format=csv`, org, 200);

      // Requests: accepted, declined, withdrawn
      const r1 = (
        await call('post', `${ev}/requests`, del0, 201, { receiverClusterIds: [c1], interest: 4, delegateIds: [d0] })
      ).body as { id: string };
      await call('post', `/api/requests/${r1.id}/accept`, del1, 200, { interest: 5, delegateIds: [d1] });
      const r2 = (
        await call('post', `${ev}/requests`, del0, 201, { receiverClusterIds: [c2], interest: 2, delegateIds: [d0] })
      ).body as { id: string };
      await call('post', `/api/requests/${r2.id}/decline`, del2, 200, {});
      const r3 = (
        await call('post', `${ev}/requests`, del1, 201, { receiverClusterIds: [c2], interest: 3, delegateIds: [d1] })
      ).body as { id: string };
      await call('post', `/api/requests/${r3.id}/withdraw`, del1, 200);
      await call('get', `${ev}/requests`, org, 200);
      await call('get', `${ev}/requests?status=accepted`, del0, 200);
      await call('get', `${ev}/requests/page?q=cluster&sort=weight&dir=desc&limit=2`, org, 200);
      await call('get', `/api/requests/${r1.id}`, del1, 200);
      await call('put', `${ev}/requests/${r1.id}/attendees`, del1, 200, { delegateIds: [d1] });
      await call('get', `/api/clusters/${c0}/history`, del0, 200);

      // Recommendations (issue 12)
      await call('get', `${ev}/clusters/${c0}/recommendations?limit=5&lang=da`, del0, 200);
      await call('post', `${ev}/clusters/${c0}/recommendations/not-interested`, del0, 201, { targetClusterId: c2 });
      await call('delete', `${ev}/clusters/${c0}/recommendations/not-interested/${c2}`, del0, 204);
      await call('get', `${ev}/recommendations/overview?maxRequests=5`, org, 200);
      await call('post', `${ev}/recommendations/nudges`, org, 201, { clusterIds: [c2] });
      await call('put', `${ev}/recommendations/settings`, org, 200, { mutualFitBonus: 1 });
      await call('get', `${ev}/recommendations/settings`, org, 200);

      // Solve, review, publish, agendas, exports, re-solve
      const started = (await call('post', `${ev}/schedule/solve`, org, 202, { timeLimitSeconds: 1 })).body as {
        jobId: string;
      };
      const { version } = await waitForJob(t, `${ev}/schedule/jobs/${started.jobId}`, org);
      await call('get', `${ev}/schedule/jobs/${started.jobId}`, org, 200);
      await call('get', `${ev}/schedule/jobs`, org, 200);
      await call('get', `${ev}/schedule/versions`, org, 200);
      await call('get', `${ev}/schedule/versions/${version.id}`, org, 200);
      await call('get', `${ev}/agenda`, del0, 200); // nothing published yet: version null
      await call('get', `${ev}/schedule/versions/${version.id}/publish-preview`, org, 200);
      await call('post', `${ev}/schedule/versions/${version.id}/publish`, org, 200);
      await call('post', `${ev}/schedule/published/send-agendas`, org, 200);
      await call('get', `${ev}/schedule/versions/published`, org, 200);
      await call('get', `${ev}/agenda`, del0, 200);
      await call('get', `${ev}/agenda?delegateId=${d1}`, org, 200);
      await call('get', `${ev}/schedule/versions/${version.id}/export?format=csv&kind=schedule`, org, 200);
      await call('get', `${ev}/schedule/versions/${version.id}/export?format=xlsx&kind=tables`, org, 200);
      const again = (await call('post', `${ev}/schedule/resolve`, org, 202, { timeLimitSeconds: 1 })).body as {
        jobId: string;
      };
      const { version: second } = await waitForJob(t, `${ev}/schedule/jobs/${again.jobId}`, org);
      const review = (await call('get', `${ev}/schedule/versions/${second.id}`, org, 200)).body as {
        assignments: { requestId: string }[];
      }; // with its changes
      // Hand edits of the draft, and solving again around its pins
      const held = review.assignments[0]?.requestId ?? '';
      await call('patch', `${ev}/schedule/versions/${second.id}/meetings/${held}`, org, 200, { pinned: true });
      await call('patch', `${ev}/schedule/versions/${second.id}/meetings/${held}`, org, 422, { slot: 'd9s99' });
      await call('patch', `${ev}/schedule/versions/${version.id}/meetings/${held}`, org, 409, { pinned: true });
      await call('post', `${ev}/schedule/versions/${second.id}/meetings/${held}/swap`, org, 422, { with: held });
      const pinned = (
        await call('post', `${ev}/schedule/versions/${second.id}/solve-around-pins`, org, 202, { timeLimitSeconds: 1 })
      ).body as { jobId: string };
      await waitForJob(t, `${ev}/schedule/jobs/${pinned.jobId}`, org);

      // Calendars
      await call('get', `${ev}/agenda.ics`, del0, 200);
      const feed = (await call('get', `${ev}/agenda/feed`, del0, 200)).body as { url: string };
      await call('post', `${ev}/agenda/feed/rotate`, del0, 200);
      await call('get', new URL(feed.url).pathname, null, 404); // the rotated-away URL
      const fresh = (await call('get', `${ev}/agenda/feed`, del0, 200)).body as { url: string };
      await call('get', new URL(fresh.url).pathname, null, 200);
      await call('delete', `${ev}/agenda/feed`, del0, 204);
      await call('get', `${ev}/calendar.ics`, org, 200);
      await call('get', `${ev}/calendar/feed`, org, 200);
      await call('post', `${ev}/calendar/feed/rotate`, org, 200);
      await call('delete', `${ev}/calendar/feed`, org, 204);

      // The day of the event (issue 10)
      await call('post', `${ev}/checkins`, org, 200, { delegateId: d0 });
      await call('delete', `${ev}/checkins/${d1}`, org, 200);
      await call('get', `${ev}/checkins?q=a`, org, 200);
      await call('put', `${ev}/meetings/${r1.id}/status`, del0, 200, { status: 'held' });
      await call('get', `${ev}/day`, org, 200);
      await call('get', `${ev}/day/me`, del0, 200);
      await call('get', `${ev}/day/rebooking?delegateId=${d0}`, org, 200);
      await call('post', `${ev}/day/rebooking`, org, 422, {
        delegateId: d0,
        meetingId: r1.id,
        partnerDelegateId: d2,
        slotId: b.slotIds[0],
        tableId: b.tableIds[0],
      });
      await call('put', `${ev}/day/settings`, org, 200, { reminderMinutes: 10 });
      await call('get', `${ev}/day/settings`, org, 200);
      await call('get', `${ev}/day/figures`, org, 200);
      await call('get', `${ev}/day/figures/export?format=xlsx`, org, 200);

      // Meeting feedback (issue 11)
      await call('get', `${ev}/feedback-survey`, del0, 200);
      await call('post', `${ev}/feedback-survey`, org, 200, {
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        reminderAfterDays: 3,
      });
      await call('patch', `${ev}/feedback-survey`, org, 200, { reminderAfterDays: 4 });
      await call('get', `${ev}/feedback`, del0, 200);
      const evaluation = (
        await call('put', `${ev}/evaluation/questions`, org, 200, {
          questions: [
            { kind: 'scale', text: { en: 'Venue?', da: 'Sted?' } },
            {
              kind: 'multiple',
              text: { en: 'What?', da: 'Hvad?' },
              options: [
                { en: 'A', da: 'A' },
                { en: 'B', da: 'B' },
              ],
            },
          ],
        })
      ).body as { questions: { id: string }[] };
      await call('get', `${ev}/evaluation`, del0, 200);
      await call('put', `${ev}/evaluation/answers`, del0, 200, {
        answers: [
          { questionId: evaluation.questions[0]?.id, scale: 4 },
          { questionId: evaluation.questions[1]?.id, options: [1] },
        ],
      });
      await call('get', `${ev}/evaluation/results`, org, 200);
      const collab = (
        await call('post', `/api/clusters/${c0}/collaborations`, del0, 201, {
          eventId: b.eventId,
          type: 'project',
          status: 'planned',
          title: 'Pilot',
          partners: [{ clusterId: c1, companies: 2, smes: 1 }],
        })
      ).body as { id: string };
      await call('get', `/api/clusters/${c0}/collaborations`, del0, 200);
      await call('put', `/api/collaborations/${collab.id}`, del1, 200, {
        type: 'project',
        status: 'running',
        title: 'Pilot',
        partners: [{ clusterId: c0 }],
      });
      await call('get', `${ev}/impact-report`, org, 200);
      await call('get', `${ev}/impact-report?format=csv`, org, 200);
      await call('get', `${ev}/impact-report?format=pdf`, org, 200);
      // Follow-ups and relationships (issue 11, parts 3-5)
      await call('get', `${ev}/follow-ups`, org, 200);
      await call('put', `${ev}/follow-ups`, org, 200, { months: [3, 12] });
      await call('post', `${ev}/follow-ups/run`, org, 200);
      await call('get', `${ev}/clusters/${c0}/follow-up`, del0, 200);
      await call('put', `${ev}/clusters/${c0}/follow-up/${c1}`, del0, 200, { outcome: 'in-contact' });
      await call('get', `/api/clusters/${c0}/relationships`, del0, 200);
      await call('get', `/api/clusters/${c0}/history/events`, del0, 200);
      await call('get', '/api/impact-reports?by=country', org, 200);
      await call('get', `/api/impact-reports/performance?year=${new Date().getUTCFullYear()}`, org, 200);
      await call('put', `${ev}/meetings/${r1.id}/feedback`, del0, 200, {
        held: true,
        usefulness: 4,
        nextStep: 'visit',
      });
      await call('put', `${ev}/meetings/${r1.id}/feedback`, del0, 422, { held: true });

      // Mail outbox
      const outbox = (await call('get', '/api/mail/outbox?limit=5', org, 200)).body as { id: string }[];
      const mail = outbox[0];
      if (!mail) throw new Error('no mail in the outbox');
      await call('get', `/api/mail/outbox/${mail.id}`, org, 200);
      await call('get', `/api/mail/outbox/page?eventId=${b.eventId}&sort=to&limit=3`, org, 200);
      await call('post', `/api/mail/outbox/${mail.id}/requeue`, org, 409); // only a failed mail is sent again
      await call('post', '/api/mail/reminders', org, 200, { at: '2027-05-10T12:00:00Z' });

      // Mailings (issue 19)
      const mailing = {
        segment: { kind: 'all' },
        subject: { en: 'News for {cluster}', da: 'Nyt til {cluster}' },
        body: { en: 'Hello {name}: {loginLink}', da: 'Hej {name}: {loginLink}' },
      };
      await call('post', `${ev}/segments/recipients`, org, 200, { kind: 'few-meetings', minMeetings: 2 });
      await call('post', `${ev}/mailings/preview`, org, 200, mailing);
      await call('post', `${ev}/mailings/preview`, org, 422, { ...mailing, body: { en: '{nope}' } });
      await call('post', `${ev}/mailings`, org, 201, mailing);
      await call('get', `${ev}/mailings`, org, 200);
      await call('get', `${ev}/nudges`, org, 200);
      await call('put', `${ev}/nudges`, org, 200, {
        noMeetingEnabled: true,
        noMeetingEveryDays: 3,
        unansweredEnabled: true,
        unansweredAfterDays: 2,
        lastCallEnabled: false,
        lastCallHours: 48,
      });
      await call('post', `${ev}/nudges/run`, org, 200);
      await call('get', `${ev}/bounces`, org, 200);
      await call('delete', `${ev}/bounces/${d0}`, org, 204);
      await call('get', '/api/mail/templates', org, 200);
      const wording = { subject: 'Sign in to {event}', body: 'Hello {name}: {link}' };
      await call('post', '/api/mail/templates/magic-link/en/preview', org, 200, wording);
      await call('put', '/api/mail/templates/magic-link/en', org, 200, wording);
      await call('put', '/api/mail/templates/magic-link/en', org, 422, { subject: 'x', body: 'no link' });
      await call('delete', '/api/mail/templates/magic-link/en', org, 200);
      const unsubscribe = t.app.get(MailingsService).unsubscribeToken(d0);
      await call('post', '/api/unsubscribe', null, 200, { token: unsubscribe });
      // Issue 9: the organisers of the organisation (owners change roles and remove).
      const helper = await t.organiserOf('Demo organisation', 'organiser', 'helper@example.org');
      await call('get', '/api/organisers', org, 200);
      await call('patch', `/api/organisers/${helper.id}`, org, 200, { role: 'viewer' });
      await call('delete', `/api/organisers/${helper.id}`, org, 204);
      // Issue 9: owners invite organisers; the invitee sets a password with the mailed link.
      const invited = (
        await call('post', '/api/organisers/invitations', org, 201, {
          email: 'invitee@example.org',
          name: 'Invitee',
          role: 'viewer',
        })
      ).body as { id: string };
      await call('post', '/api/organisers/invitations', org, 409, {
        email: 'organiser@example.org',
        name: 'X',
        role: 'viewer',
      });
      await call('get', '/api/organisers/invitations', org, 200);
      await call('post', `/api/organisers/invitations/${invited.id}/resend`, org, 200);
      const secondInvitation = (
        await call('post', '/api/organisers/invitations', org, 201, {
          email: 'second@example.org',
          name: 'Second',
          role: 'organiser',
          language: 'da',
        })
      ).body as { id: string };
      await call('delete', `/api/organisers/invitations/${secondInvitation.id}`, org, 204);
      await call('post', '/api/organiser-invitations/preview', null, 401, { token: 'x'.repeat(43) });
      const third = await call('post', '/api/organisers/invitations', org, 201, {
        email: 'third@example.org',
        name: 'Third',
        role: 'organiser',
      });
      const invitationMail = await t.db.manager.findOneByOrFail(OutboxMessageEntity, {
        kind: 'organiser-invitation',
        recipient: Like('%third@example.org%'),
      });
      const invitationToken = /organiser-invitation\?token=([A-Za-z0-9_-]+)/.exec(invitationMail.mail)?.[1] ?? '';
      expect(third.body.email).toBe('third@example.org');
      await call('post', '/api/organiser-invitations/preview', null, 200, { token: invitationToken });
      await call('post', '/api/organiser-invitations/accept', null, 200, {
        token: invitationToken,
        password: 'a long enough secret',
      });

      // Privacy (issue 17)
      await call('get', '/api/me/export', del0, 200);
      await call('get', `/api/delegates/${d0}/export`, org, 200);
      await call('get', '/api/privacy/notice', org, 200);
      await call('put', '/api/privacy/notice', org, 200, {
        text: { en: 'How we use data.', da: 'Sådan bruger vi data.' },
      });
      await call('put', '/api/privacy/notice', org, 422, { text: { en: 'x', da: '' } });
      await call('get', '/api/me/privacy', del0, 200);
      await call('put', '/api/me/privacy', del0, 200, { directoryVisible: false });
      await call('post', '/api/me/privacy/accept', del0, 200, { version: 1 });
      await call('post', '/api/me/privacy/accept', del0, 409, { version: 7 });
      await call('get', '/api/privacy/retention', org, 200);
      await call('post', '/api/privacy/retention/run', org, 409); // nothing set yet
      await call('put', '/api/privacy/retention', org, 200, { retentionMonths: 24, outboxBodyDays: 30 });
      await call('put', '/api/privacy/retention', org, 422, { retentionMonths: 1, outboxBodyDays: 60 });
      await call('post', '/api/privacy/retention/run', org, 200);
      await call('get', `/api/delegates/${d2}/erasure`, org, 200);
      await call('post', `/api/delegates/${d2}/erasure`, org, 200);
      await call('post', `/api/delegates/${d2}/erasure`, org, 409);
      await call('get', '/api/audit-log?action=erase', org, 200);
      await call('get', '/api/audit-log/export?format=json', org, 200);
      await call('get', '/api/audit-log/export', org, 200);

      // Development-only routes (404 in test and production): walked on an app in development with the demo event.
      const dev = await startTestApp({ db, config: { env: 'development' } });
      try {
        await dev.app.get(SeedService).ensureDemoEvent();
        const list = await dev.http.get('/api/auth/demo-delegates').expect(200);
        checker.check('get', '/api/auth/demo-delegates', list);
        const first = (list.body as { id: string }[])[0]?.id ?? '';
        const signIn = await dev.http.post(`/api/auth/demo-delegates/${first}/sign-in`).expect(200);
        checker.check('post', `/api/auth/demo-delegates/${first}/sign-in`, signIn);
      } finally {
        await dev.close();
      }

      expect(checker.problems).toEqual([]);
      expect(checker.operations().filter((op) => !checker.seen.has(op))).toEqual([]);
    }, 180_000);
  },
);
