import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from '../privacy.entity';

export class ExportPersonResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) role!: string;
  @ApiProperty({ type: [String] }) needs!: string[];
  @ApiProperty({ type: String }) createdAt!: string;
  @ApiProperty({ type: Boolean, description: 'Listed on the cluster profile in the directory' })
  directoryVisible!: boolean;
  @ApiProperty({ type: String, nullable: true }) erasedAt!: string | null;
}

export class ExportClusterResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
}

export class ExportEventResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

export class ExportRequestResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String }) status!: string;
  @ApiProperty({ type: String, enum: ['requester', 'receiver'] }) role!: 'requester' | 'receiver';
  @ApiProperty({ type: [String], description: 'The clusters of the request' }) clusters!: string[];
  @ApiProperty({ type: String }) note!: string;
  @ApiProperty({ type: String }) createdAt!: string;
}

export class ExportMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
  @ApiProperty({ type: String }) table!: string;
  @ApiProperty({ type: [String] }) clusters!: string[];
}

export class ExportUnavailabilityResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) slotId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
}

export class ExportFeedbackResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: Boolean }) held!: boolean;
  @ApiProperty({ type: Number, nullable: true }) usefulness!: number | null;
  @ApiProperty({ type: String, nullable: true }) nextStep!: string | null;
  @ApiProperty({ type: String }) note!: string;
  @ApiProperty({ type: String }) updatedAt!: string;
}

export class ExportAnswerResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) questionId!: string;
  @ApiProperty({ type: String, description: 'A text answer, or the JSON of a scale or choice' }) value!: string;
  @ApiProperty({ type: String }) updatedAt!: string;
}

export class ExportMailResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) kind!: string;
  @ApiProperty({ type: String }) subject!: string;
  @ApiProperty({ type: String }) status!: string;
  @ApiProperty({ type: String }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: String, description: 'The plain-text body (login links taken out once sent)' }) text!: string;
}

export class ExportConsentResponse {
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: String }) acceptedAt!: string;
}

export class ExportContactPreferenceResponse {
  @ApiProperty({ type: String, nullable: true }) unsubscribedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) bouncedAt!: string | null;
}

export class ExportFeedResponse {
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
}

/** Everything the service holds about one person (issue 17). */
export class PersonalDataExportResponse {
  @ApiProperty({ type: String }) exportedAt!: string;
  @ApiProperty({ type: ExportPersonResponse }) person!: ExportPersonResponse;
  @ApiProperty({ type: ExportClusterResponse }) cluster!: ExportClusterResponse;
  @ApiProperty({ type: [ExportEventResponse] }) events!: ExportEventResponse[];
  @ApiProperty({ type: [ExportRequestResponse] }) requests!: ExportRequestResponse[];
  @ApiProperty({ type: [ExportMeetingResponse] }) meetings!: ExportMeetingResponse[];
  @ApiProperty({ type: [ExportUnavailabilityResponse] }) unavailability!: ExportUnavailabilityResponse[];
  @ApiProperty({ type: [ExportFeedbackResponse] }) feedback!: ExportFeedbackResponse[];
  @ApiProperty({ type: [ExportAnswerResponse] }) evaluationAnswers!: ExportAnswerResponse[];
  @ApiProperty({ type: [ExportMailResponse] }) mails!: ExportMailResponse[];
  @ApiProperty({ type: [ExportConsentResponse] }) consent!: ExportConsentResponse[];
  @ApiProperty({ type: ExportContactPreferenceResponse, nullable: true })
  contactPreference!: ExportContactPreferenceResponse | null;
  @ApiProperty({ type: [ExportFeedResponse] }) calendarFeeds!: ExportFeedResponse[];
}

export class CancelledMeetingResponse {
  @ApiProperty({ type: String }) requestId!: string;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) eventName!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
  @ApiProperty({ type: String }) table!: string;
  @ApiProperty({ type: [String], description: 'The other clusters of the meeting' }) counterparts!: string[];
  @ApiProperty({ type: Number, description: 'Their delegates who are mailed' }) notified!: number;
}

/** What erasing a person does, before it is done. */
export class ErasurePreviewResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String, description: 'What the name becomes' }) replacement!: string;
  @ApiProperty({ type: Boolean }) erased!: boolean;
  @ApiProperty({ type: [CancelledMeetingResponse] }) cancelledMeetings!: CancelledMeetingResponse[];
  @ApiProperty({ type: Number, description: 'Upcoming meetings a colleague still attends' })
  continuingMeetings!: number;
}

/** What an erasure did. */
export class ErasureReportResponse extends ErasurePreviewResponse {
  @ApiProperty({ type: String }) erasedAt!: string;
  @ApiProperty({ type: Number }) counterpartsMailed!: number;
  @ApiProperty({ type: Number }) outboxRowsChanged!: number;
  @ApiProperty({ type: Number }) emlFilesRemoved!: number;
  @ApiProperty({ type: Number }) emlFilesRewritten!: number;
  @ApiProperty({ type: Number }) feedsRevoked!: number;
  @ApiProperty({ type: Number }) linksRevoked!: number;
  @ApiProperty({ type: Number }) freeTextsChanged!: number;
}

export class AuditEntryResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) at!: string;
  @ApiProperty({ type: String, enum: ['organiser', 'delegate', 'system'] }) actorKind!: string;
  @ApiProperty({ type: String }) actorId!: string;
  @ApiProperty({ type: String, description: "The organiser's address; empty for a delegate or the system" })
  actorEmail!: string;
  @ApiProperty({ type: String, enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ type: String }) targetType!: string;
  @ApiProperty({ type: String, nullable: true }) targetId!: string | null;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ type: String }) summary!: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
}

export class NoticeTextResponse {
  @ApiProperty({ type: String }) en!: string;
  @ApiProperty({ type: String }) da!: string;
}

/** One version of the organisation's privacy notice. */
export class NoticeResponse {
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: NoticeTextResponse }) text!: NoticeTextResponse;
  @ApiProperty({ type: String }) publishedAt!: string;
  @ApiProperty({ type: String, description: "The owner's address" }) publishedBy!: string;
}

export class NoticesResponse {
  @ApiProperty({ type: NoticeResponse, nullable: true }) current!: NoticeResponse | null;
  @ApiProperty({ type: [NoticeResponse], description: 'Every version, newest first' }) versions!: NoticeResponse[];
}

/** The signed-in delegate's privacy: directory choice, the current notice and what they accepted. */
export class MyPrivacyResponse {
  @ApiProperty({ type: Boolean }) directoryVisible!: boolean;
  @ApiProperty({ type: NoticeResponse, nullable: true }) notice!: NoticeResponse | null;
  @ApiProperty({ type: Number, nullable: true }) acceptedVersion!: number | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: Boolean, description: 'A notice is published whose current version is not accepted yet' })
  mustAccept!: boolean;
}

/** What one run of the retention job did. */
export class RetentionReportResponse {
  @ApiProperty({ type: String }) ranAt!: string;
  @ApiProperty({ type: Number }) erased!: number;
  @ApiProperty({ type: [String] }) erasedDelegateIds!: string[];
  @ApiProperty({ type: Number }) outboxBodiesPurged!: number;
  @ApiProperty({ type: Number }) emlFilesRemoved!: number;
}

export class RetentionResponse {
  @ApiProperty({ type: Number, nullable: true }) retentionMonths!: number | null;
  @ApiProperty({ type: Number, nullable: true }) outboxBodyDays!: number | null;
  @ApiProperty({ type: String, nullable: true }) updatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastRunAt!: string | null;
  @ApiProperty({ type: RetentionReportResponse, nullable: true }) lastRun!: RetentionReportResponse | null;
}
