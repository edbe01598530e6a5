import { Injectable, Module } from '@nestjs/common';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { ReadCache } from '../database/read-cache';
import { TableVersions } from '../database/table-versions';
import { ScheduleAssignmentEntity, ScheduleVersionEntity } from './schedule.entity';

/** A published (or once published) version with its meetings. */
export interface PublishedVersionRows {
  readonly version: ScheduleVersionEntity;
  readonly meetings: ScheduleAssignmentEntity[];
}

/**
 * The schedules feature's stored versions, as other features read them: the events' guards on published slots and
 * tables, the calendars and the mails. The one place that knows what "published" means. Pass the caller's
 * transaction manager to read inside it.
 */
@Injectable()
export class ScheduleVersions {
  constructor(
    private readonly db: Db,
    private readonly cache: ReadCache,
    private readonly tables: TableVersions,
  ) {}

  // Read by the participants page, the reports and the relationships (issue 15, item 4).

  /** The meetings of these events' published versions: request, event, clusters and delegates. */
  async publishedMeetingsOfEvents(
    eventIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<Pick<ScheduleAssignmentEntity, 'requestId' | 'eventId' | 'clusterIds' | 'delegateIds'>[]> {
    const versions = await m.find(ScheduleVersionEntity, {
      where: { eventId: In([...eventIds]), state: 'published' },
      select: { id: true, eventId: true },
    });
    return versions.length
      ? m.find(ScheduleAssignmentEntity, {
          where: { versionId: In(versions.map((v) => v.id)) },
          select: { requestId: true, eventId: true, clusterIds: true, delegateIds: true },
        })
      : [];
  }

  /** The cluster's meetings in the published version of every event, by start. */
  async publishedMeetingsOfCluster(
    clusterId: string,
    m: EntityManager = this.db.manager,
  ): Promise<ScheduleAssignmentEntity[]> {
    const versions = await m.find(ScheduleVersionEntity, {
      where: { state: 'published' },
      select: { id: true, eventId: true },
    });
    return versions.length
      ? (
          await m.find(ScheduleAssignmentEntity, {
            where: { versionId: In(versions.map((v) => v.id)) },
            order: { startsAt: 'ASC' },
          })
        ).filter((a) => a.clusterIds.includes(clusterId))
      : [];
  }

  /** Whether the event's published version holds the meeting of this request (false when nothing is published). */
  async publishedHolds(eventId: string, requestId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const version = await this.publishedVersion(eventId, m);
    return version ? (await m.countBy(ScheduleAssignmentEntity, { versionId: version.id, requestId })) > 0 : false;
  }

  /** The event's published version, or null when nothing is published. */
  publishedVersion(eventId: string, m: EntityManager = this.db.manager): Promise<ScheduleVersionEntity | null> {
    return m.findOne(ScheduleVersionEntity, { where: { eventId, state: 'published' } });
  }

  /**
   * A version's meetings, by start and table. Read from the read cache while `schedule_assignment` is unchanged: on
   * the day and after it, every check-in, mark, feedback answer and follow-up answer reads the whole published
   * version (550 meetings at the demo event), and loading them was most of such a request's time. Not cached inside
   * a transaction that has written the table itself (it sees its own uncommitted rows). The rows are shared:
   * callers get a new array but must not change the meetings in it.
   */
  async meetings(versionId: string, m: EntityManager = this.db.manager): Promise<ScheduleAssignmentEntity[]> {
    const read = (): Promise<ScheduleAssignmentEntity[]> =>
      m.find(ScheduleAssignmentEntity, { where: { versionId }, order: { startsAt: 'ASC', tableName: 'ASC' } });
    if (this.tables.writtenIn(m.queryRunner, 'schedule_assignment')) return read();
    return [...(await this.cache.get(`version-meetings:${versionId}`, ['schedule_assignment'], read))];
  }

  /** Every version of the event that was ever published, in the order they were published, with its meetings. */
  async publishedHistory(eventId: string, m: EntityManager = this.db.manager): Promise<PublishedVersionRows[]> {
    const versions = (await m.find(ScheduleVersionEntity, { where: { eventId, publishedAt: Not(IsNull()) } })).sort(
      (a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.number - b.number,
    );
    const out: PublishedVersionRows[] = [];
    for (const version of versions)
      out.push({ version, meetings: await m.find(ScheduleAssignmentEntity, { where: { versionId: version.id } }) });
    return out;
  }

  /** The highest version number of the event (0 when it has none). */
  async lastNumber(eventId: string, m: EntityManager = this.db.manager): Promise<number> {
    const max = await m
      .createQueryBuilder(ScheduleVersionEntity, 'v')
      .select('MAX(v.number)', 'max')
      .where('v.eventId = :eventId', { eventId })
      .getRawOne<{ max: number | string | null }>();
    return Number(max?.max ?? 0);
  }

  /** Marks the published version superseded; false when it is no longer the published one (a concurrent change). */
  async supersede(versionId: string, m: EntityManager): Promise<boolean> {
    const r = await m.update(ScheduleVersionEntity, { id: versionId, state: 'published' }, { state: 'superseded' });
    return r.affected === 1;
  }

  /** Writes a version with its meetings (200 a statement), e.g. the one a rebooking on site publishes. */
  async insert(
    version: ScheduleVersionEntity,
    meetings: readonly ScheduleAssignmentEntity[],
    m: EntityManager,
  ): Promise<void> {
    await m.insert(ScheduleVersionEntity, version);
    for (let i = 0; i < meetings.length; i += 200) await m.insert(ScheduleAssignmentEntity, meetings.slice(i, i + 200));
  }

  /** The ids of the events that have a published schedule now. */
  async eventsWithPublished(m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m.find(ScheduleVersionEntity, {
      where: { state: 'published', publishedAt: Not(IsNull()) },
      select: { eventId: true },
    });
    return rows.map((r) => r.eventId);
  }

  // Privacy (issue 17): the export and the erasure.

  /** The meetings of every published version (of any event) that the delegate attends. */
  async publishedMeetingsOf(
    delegateId: string,
    m: EntityManager = this.db.manager,
  ): Promise<ScheduleAssignmentEntity[]> {
    const published = await m.find(ScheduleVersionEntity, { where: { state: 'published' } });
    if (!published.length) return [];
    return (await m.find(ScheduleAssignmentEntity, { where: { versionId: In(published.map((v) => v.id)) } })).filter(
      (a) => a.delegateIds.includes(delegateId),
    );
  }
}

/**
 * The meetings the event's rebook versions took out of the schedule (the missed one and those in the way). A plain
 * function for the day's figures, which the event-day and feedback modules both compute outside dependency injection.
 */
export async function meetingsRemovedByRebookings(
  m: EntityManager,
  eventId: string,
): Promise<NonNullable<ScheduleVersionEntity['changes']>['removed']> {
  const versions = await m.find(ScheduleVersionEntity, { where: { eventId, mode: 'rebook' } });
  return versions.flatMap((v) => v.changes?.removed ?? []);
}

/** Lets the events, calendars and mail features read the published schedule without the rest of the schedules module. */
@Module({ providers: [ScheduleVersions], exports: [ScheduleVersions] })
export class ScheduleVersionsModule {}
