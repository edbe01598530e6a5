import { Column, Entity, PrimaryColumn } from 'typeorm';

export const VERSION_STATES = ['draft', 'published', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** Where a meeting was or is, as shown in a change list. */
export interface PlaceRef {
  readonly slotId: string;
  readonly startsAt: string;
  readonly tableId: string;
  readonly tableName: string;
}

/** What a draft changes against the version that was published when its solve started. */
export interface VersionChanges {
  readonly basedOnVersion: number;
  readonly added: readonly {
    readonly requestId: string;
    readonly clusterIds: readonly string[];
    readonly to: PlaceRef;
  }[];
  readonly removed: readonly {
    readonly requestId: string;
    readonly clusterIds: readonly string[];
    readonly from: PlaceRef;
    readonly reason: string;
  }[];
  readonly moved: readonly {
    readonly requestId: string;
    readonly clusterIds: readonly string[];
    readonly from: PlaceRef;
    readonly to: PlaceRef;
  }[];
  readonly unchanged: number;
}

export interface StoredUnscheduled {
  readonly requestId: string;
  readonly clusterIds: readonly string[];
  readonly reason: string;
}

/**
 * One schedule of an event, produced by one solve job. Numbered per event; a draft becomes
 * published, and the published one it replaces becomes superseded.
 */
@Entity('schedule_version')
export class ScheduleVersionEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('integer') number!: number;
  @Column('varchar', { length: 16 }) state!: VersionState;
  /** The solver's status: optimal, feasible, infeasible, timedout. */
  @Column('varchar', { name: 'solver_status', length: 16 }) solverStatus!: string;
  @Column('double precision') objective!: number;
  @Column('double precision', { nullable: true }) bound!: number | null;
  /** The solver's stats (seconds, idleGaps, partiesWithoutMeeting, ...). */
  @Column('simple-json') stats!: Record<string, number>;
  @Column('simple-json') unscheduled!: StoredUnscheduled[];
  /** The published version this draft was solved against (re-solve), or null. */
  @Column('varchar', { name: 'based_on_version_id', length: 36, nullable: true }) basedOnVersionId!: string | null;
  @Column('simple-json', { nullable: true }) changes!: VersionChanges | null;
  @Column('varchar', { name: 'job_id', length: 36 }) jobId!: string;
  /** 'solve' (from scratch), 'resolve' (keeping the published meetings) or 'rebook' (an on-site rebooking, issue 10). */
  @Column('varchar', { length: 16 }) mode!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  @Column('varchar', { name: 'published_at', length: 30, nullable: true }) publishedAt!: string | null;
}

/**
 * A held meeting of a version. Slot times, table name, clusters and people are copied in, so a
 * published schedule stays readable as it was published even if the event changes later.
 */
@Entity('schedule_assignment')
export class ScheduleAssignmentEntity {
  @PrimaryColumn('varchar', { name: 'version_id', length: 36 }) versionId!: string;
  @PrimaryColumn('varchar', { name: 'request_id', length: 36 }) requestId!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
  @Column('varchar', { name: 'slot_id', length: 36 }) slotId!: string;
  @Column('varchar', { name: 'table_id', length: 36 }) tableId!: string;
  @Column('varchar', { name: 'starts_at', length: 30 }) startsAt!: string;
  @Column('varchar', { name: 'ends_at', length: 30 }) endsAt!: string;
  @Column('varchar', { name: 'table_name', length: 64 }) tableName!: string;
  @Column('double precision') weight!: number;
  @Column('simple-json', { name: 'cluster_ids' }) clusterIds!: string[];
  @Column('simple-json', { name: 'delegate_ids' }) delegateIds!: string[];
  /** Pinned by the organiser: "re-solve around pins" keeps it at this slot and table. */
  @Column('boolean', { default: false }) pinned!: boolean;
}
