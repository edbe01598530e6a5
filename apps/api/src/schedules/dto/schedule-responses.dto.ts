import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldErrorResponse } from '../../common/dto/common-responses.dto';
import { EDIT_RULES } from '../schedule-edits';
import { VERSION_STATES } from '../schedule.entity';
import { SOLVE_JOB_STATES } from '../solve-job.entity';
import { UNSCHEDULED_REASON_CODES, type UnscheduledReasonCode } from '../unscheduled-reasons';

/** `interrupted`: the service stopped while the job ran (issue 14); start the solve again. */
const JOB_STATES = SOLVE_JOB_STATES;
const SOLVE_MODES = ['solve', 'resolve', 'rebook'] as const;

/** A solve was queued; follow it at `statusUrl`. */
export class SolveStartedResponse {
  @ApiProperty({ type: String }) jobId!: string;
  @ApiProperty({ type: Number, description: 'Accepted requests handed to the solver' }) meetings!: number;
  @ApiProperty({ type: String, example: '/api/events/e1/schedule/jobs/j1' }) statusUrl!: string;
}

export class VersionRefResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: Number }) number!: number;
}

/** A solve job: state, percent and the best figures so far; when done, the draft it stored. */
export class JobResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ enum: SOLVE_MODES, enumName: 'SolveMode' }) mode!: string;
  @ApiProperty({ enum: JOB_STATES, enumName: 'JobState' }) state!: (typeof JOB_STATES)[number];
  @ApiProperty({ type: Number, minimum: 0, maximum: 100, description: '100 exactly when done' }) percent!: number;
  @ApiProperty({ type: String, nullable: true, description: "The solver's current phase" }) phase!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Best total weight so far' }) objective!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Best proven upper bound so far' }) bound!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601' }) finishedAt!: string | null;
  @ApiProperty({ type: VersionRefResponse, nullable: true, description: 'The draft the finished job stored' })
  version!: VersionRefResponse | null;
}

/** A schedule version with its figures. */
export class VersionSummaryResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: Number }) number!: number;
  @ApiProperty({ enum: VERSION_STATES, enumName: 'VersionState' }) state!: string;
  @ApiProperty({ enum: SOLVE_MODES, enumName: 'SolveMode' }) mode!: string;
  @ApiProperty({ type: String, example: 'optimal', description: 'optimal, feasible, infeasible or timedout' })
  solverStatus!: string;
  @ApiProperty({ type: Number, description: 'Total weight of the meetings held' }) objective!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Proven upper bound on the objective' })
  bound!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '(bound - objective) / bound; 0 when proven optimal' })
  gap!: number | null;
  @ApiProperty({ type: Number }) meetingsScheduled!: number;
  @ApiProperty({ type: Number }) meetingsUnscheduled!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The published version a re-solve started from' })
  basedOnVersion!: number | null;
  @ApiProperty({ type: String }) jobId!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601' }) publishedAt!: string | null;
}

export class EventRefResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, description: 'IANA time zone' }) timezone!: string;
}

export class ClusterRefResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String, description: 'ISO 3166-1 alpha-2 (empty if unknown)' }) country!: string;
}

export class AssignmentSlotResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'd1s03' }) code!: string | null;
  @ApiProperty({ type: String, description: 'ISO 8601' }) start!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) end!: string;
}

export class AssignmentTableResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

export class AssignmentPersonResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) clusterId!: string | null;
}

/** A meeting held: when, where, which clusters and people. */
export class AssignmentResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: AssignmentSlotResponse }) slot!: AssignmentSlotResponse;
  @ApiProperty({ type: AssignmentTableResponse }) table!: AssignmentTableResponse;
  @ApiProperty({ type: [ClusterRefResponse] }) clusters!: readonly ClusterRefResponse[];
  @ApiProperty({ type: [AssignmentPersonResponse] }) people!: readonly AssignmentPersonResponse[];
  @ApiProperty({ type: Number }) weight!: number;
  @ApiProperty({ type: Boolean, description: 'Pinned by the organiser: a re-solve around pins keeps it here' })
  pinned!: boolean;
}

/** The parameters of a reason's code (each only where the code has it). */
export class UnscheduledReasonParamsResponse {
  @ApiPropertyOptional({ type: String, description: "person_no_meetings, person_full: the delegate's id" })
  person?: string;
  @ApiPropertyOptional({ type: String, description: "person_no_meetings, person_full: the delegate's name" })
  personName?: string;
  @ApiPropertyOptional({ type: Number, description: 'person_full: the most meetings the person takes' })
  max?: number;
  @ApiPropertyOptional({ type: Number, description: 'too_few_seats: seats the meeting needs' })
  seats?: number;
  @ApiPropertyOptional({ type: Number, description: 'too_few_seats: seats of the largest table it may use' })
  largest?: number;
  @ApiPropertyOptional({ type: String, description: 'no_delegate: the clusters without a delegate, by name' })
  clusters?: string;
}

/** A requested meeting the schedule could not hold, with a reason its people can act on. */
export class UnscheduledResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: [ClusterRefResponse] }) clusters!: readonly ClusterRefResponse[];
  @ApiProperty({ type: String, description: 'The reason in English (also what the CLI and the logs show)' })
  reason!: string;
  @ApiProperty({
    enum: UNSCHEDULED_REASON_CODES,
    enumName: 'UnscheduledReasonCode',
    description: "The reason's kind, for a translated text; `other`: only the English `reason` says it",
  })
  reasonCode!: UnscheduledReasonCode;
  @ApiProperty({ type: UnscheduledReasonParamsResponse }) reasonParams!: UnscheduledReasonParamsResponse;
}

export class ClusterMeetingsResponse extends ClusterRefResponse {
  @ApiProperty({ type: Number }) meetings!: number;
  @ApiProperty({ type: Number }) requested!: number;
}

export class CountryMeetingsResponse {
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number }) clusters!: number;
  @ApiProperty({ type: Number }) meetings!: number;
}

export class PlaceRefResponse {
  @ApiProperty({ type: String }) slotId!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) startsAt!: string;
  @ApiProperty({ type: String }) tableId!: string;
  @ApiProperty({ type: String }) tableName!: string;
}

export class AddedMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: [String] }) clusterIds!: readonly string[];
  @ApiProperty({ type: PlaceRefResponse }) to!: PlaceRefResponse;
}

export class RemovedMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: [String] }) clusterIds!: readonly string[];
  @ApiProperty({ type: PlaceRefResponse }) from!: PlaceRefResponse;
  @ApiProperty({ type: String, description: 'The reason in English' }) reason!: string;
  @ApiProperty({ enum: UNSCHEDULED_REASON_CODES, enumName: 'UnscheduledReasonCode' })
  reasonCode!: UnscheduledReasonCode;
  @ApiProperty({ type: UnscheduledReasonParamsResponse }) reasonParams!: UnscheduledReasonParamsResponse;
}

export class MovedMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: [String] }) clusterIds!: readonly string[];
  @ApiProperty({ type: PlaceRefResponse }) from!: PlaceRefResponse;
  @ApiProperty({ type: PlaceRefResponse }) to!: PlaceRefResponse;
}

/** What a draft changes against the version that was published when its solve started. */
export class VersionChangesResponse {
  @ApiProperty({ type: Number }) basedOnVersion!: number;
  @ApiProperty({ type: [AddedMeetingResponse] }) added!: readonly AddedMeetingResponse[];
  @ApiProperty({ type: [RemovedMeetingResponse] }) removed!: readonly RemovedMeetingResponse[];
  @ApiProperty({ type: [MovedMeetingResponse] }) moved!: readonly MovedMeetingResponse[];
  @ApiProperty({ type: Number }) unchanged!: number;
}

/** The review's counts and the solver's own figures (a solver may add more numbers, e.g. iterations). */
export interface ReviewStats {
  readonly seconds: number;
  readonly idleGaps: number;
  readonly partiesWithoutMeeting: number;
  readonly meetingsRequested: number;
  readonly meetingsScheduled: number;
  readonly meetingsUnscheduled: number;
  readonly clustersWithoutMeeting: number;
  readonly slotsUsed: number;
  readonly tablesUsed: number;
  readonly [extra: string]: number;
}

const REVIEW_STAT_NAMES = [
  'seconds',
  'idleGaps',
  'partiesWithoutMeeting',
  'meetingsRequested',
  'meetingsScheduled',
  'meetingsUnscheduled',
  'clustersWithoutMeeting',
  'slotsUsed',
  'tablesUsed',
] as const;

/** Everything the organiser needs to judge a version before publishing it. */
export class VersionReviewResponse extends VersionSummaryResponse {
  @ApiProperty({ type: EventRefResponse }) event!: EventRefResponse;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(REVIEW_STAT_NAMES.map((n) => [n, { type: 'number' }])),
    required: [...REVIEW_STAT_NAMES],
    selfRequired: true,
    additionalProperties: { type: 'number' },
    description: "The solver's figures (seconds, idle gaps, ...) and the review's counts",
  })
  stats!: ReviewStats;
  @ApiProperty({ type: [AssignmentResponse] }) assignments!: readonly AssignmentResponse[];
  @ApiProperty({ type: [UnscheduledResponse] }) unscheduled!: readonly UnscheduledResponse[];
  @ApiProperty({ type: [ClusterMeetingsResponse], description: 'Every participating cluster, by name' })
  meetingsPerCluster!: readonly ClusterMeetingsResponse[];
  @ApiProperty({ type: [CountryMeetingsResponse] }) meetingsPerCountry!: readonly CountryMeetingsResponse[];
  @ApiProperty({ type: VersionChangesResponse, nullable: true, description: 'Only for a re-solve' })
  changes!: VersionChangesResponse | null;
}

/** A version just published. */
export class PublishedVersionResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: Number }) number!: number;
  @ApiProperty({ enum: VERSION_STATES, enumName: 'VersionState' }) state!: string;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601' }) publishedAt!: string | null;
  @ApiProperty({ type: Number, description: 'Attendees mailed (agendas, or "schedule changed" to those affected)' })
  attendeesMailed!: number;
}

/** What publishing a draft would do. */
export class PublishPreviewResponse {
  @ApiProperty({ type: Number, description: 'Attendees who would be mailed' }) attendees!: number;
  @ApiProperty({ type: Boolean, description: 'Nothing is published yet: everyone gets their agenda' })
  firstPublish!: boolean;
}

export class SendAgendasResponse {
  @ApiProperty({ type: String }) versionId!: string;
  @ApiProperty({ type: Number }) versionNumber!: number;
  @ApiProperty({ type: Number, description: 'Agenda mails queued (one per attendee with a meeting)' }) queued!: number;
}

export class AgendaVersionResponse {
  @ApiProperty({ type: Number }) number!: number;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601' }) publishedAt!: string | null;
}

export class AgendaPersonResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The person's cluster name" }) cluster!: string | null;
}

export class AgendaMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'd1s03', description: 'Slot code' }) slot!: string | null;
  @ApiProperty({ type: String, description: 'ISO 8601' }) start!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) end!: string;
  @ApiProperty({ type: String, description: 'Table name' }) table!: string;
  @ApiProperty({ type: [ClusterRefResponse], description: 'The other clusters' }) with!: readonly ClusterRefResponse[];
  @ApiProperty({ type: [AgendaPersonResponse] }) people!: readonly AgendaPersonResponse[];
}

/** A delegate's meetings in the published schedule (none, and `version` null, before the first publish). */
export class AgendaResponse {
  @ApiProperty({ type: EventRefResponse }) event!: EventRefResponse;
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: AgendaVersionResponse, nullable: true }) version!: AgendaVersionResponse | null;
  @ApiProperty({ type: [AgendaMeetingResponse] }) meetings!: readonly AgendaMeetingResponse[];
}

/** A solve around the pins of a draft was queued. */
export class PinnedSolveStartedResponse extends SolveStartedResponse {
  @ApiProperty({ type: Number, description: 'Meetings pinned to their slot and table in the solve' }) pinned!: number;
}

/** A meeting after a hand edit: where it is now (slot and table null when unscheduled). */
export class EditedMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: Boolean }) scheduled!: boolean;
  @ApiProperty({ type: AssignmentSlotResponse, nullable: true }) slot!: AssignmentSlotResponse | null;
  @ApiProperty({ type: AssignmentTableResponse, nullable: true }) table!: AssignmentTableResponse | null;
  @ApiProperty({ type: Boolean }) pinned!: boolean;
  @ApiProperty({ type: [ClusterRefResponse] }) clusters!: readonly ClusterRefResponse[];
  @ApiProperty({ type: Number }) weight!: number;
}

/** The figures of a draft after a hand edit. */
export class EditedVersionResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: Number }) number!: number;
  @ApiProperty({ type: String, description: 'optimal while the draft still reaches the bound, else feasible' })
  solverStatus!: string;
  @ApiProperty({ type: Number }) objective!: number;
  @ApiProperty({ type: Number, nullable: true }) bound!: number | null;
  @ApiProperty({ type: Number, nullable: true }) gap!: number | null;
  @ApiProperty({ type: Number }) idleGaps!: number;
  @ApiProperty({ type: Number }) meetingsScheduled!: number;
  @ApiProperty({ type: Number }) meetingsUnscheduled!: number;
}

export class EditResultResponse {
  @ApiProperty({ type: EditedMeetingResponse }) meeting!: EditedMeetingResponse;
  @ApiProperty({ type: EditedVersionResponse }) version!: EditedVersionResponse;
}

export class SwapResultResponse {
  @ApiProperty({ type: [EditedMeetingResponse] }) meetings!: readonly EditedMeetingResponse[];
  @ApiProperty({ type: EditedVersionResponse }) version!: EditedVersionResponse;
}

export class EditMeetingRefResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: [ClusterRefResponse] }) clusters!: readonly ClusterRefResponse[];
}

export class EditSlotRefResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, example: 'd1s03' }) code!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) start!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Day number, 1-based' }) day!: number | null;
}

export class EditTableRefResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: Number }) seats!: number;
}

/**
 * A hand edit refused (409 or 422); nothing changed. When it would break a scheduling rule: the rule, the meeting it
 * was about and the one it clashes with, the slot, table and person concerned. Other refusals (a published version,
 * an unknown slot code) are the plain error answer.
 */
export class EditRefusedResponse {
  @ApiProperty({ type: Number, example: 409 }) statusCode!: number;
  @ApiProperty({ type: String, example: 'Conflict' }) error!: string;
  @ApiProperty({ type: String, example: 'conflict', description: 'The kind of error (see ErrorResponse)' })
  code!: string;
  @ApiProperty({ type: String, example: 'unknown', description: 'Stable code of the message (see ErrorResponse)' })
  messageCode!: string;
  @ApiProperty({ type: String, example: 'Table B is taken in Day 1, 09:30 by Alpha × Delta' }) message!: string;
  @ApiPropertyOptional({ type: String, description: 'The English original, when a Danish answer names the kind only' })
  messageEn?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'Present when the problem is in named fields' })
  fields?: FieldErrorResponse[];
  @ApiPropertyOptional({ enum: EDIT_RULES, enumName: 'EditRule' }) rule?: (typeof EDIT_RULES)[number];
  @ApiPropertyOptional({ type: EditMeetingRefResponse, description: 'The meeting the edit was about' })
  meeting?: EditMeetingRefResponse;
  @ApiPropertyOptional({ type: EditMeetingRefResponse, nullable: true, description: 'The meeting it clashes with' })
  conflictingMeeting?: EditMeetingRefResponse | null;
  @ApiPropertyOptional({ type: EditSlotRefResponse, nullable: true }) slot?: EditSlotRefResponse | null;
  @ApiPropertyOptional({ type: EditTableRefResponse, nullable: true }) table?: EditTableRefResponse | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The person double-booked or unavailable' })
  person?: string | null;
}
