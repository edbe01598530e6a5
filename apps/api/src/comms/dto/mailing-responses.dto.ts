import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEGMENT_KINDS, type SegmentKind } from '../segments';

export class SegmentResponse {
  @ApiProperty({ enum: SEGMENT_KINDS, enumName: 'SegmentKind' }) kind!: SegmentKind;
  @ApiPropertyOptional({ type: Number }) minMeetings?: number;
  @ApiPropertyOptional({ type: String }) country?: string;
  @ApiPropertyOptional({ type: String }) sectorId?: string;
  @ApiPropertyOptional({ type: [String] }) delegateIds?: string[];
}

export class LocalizedTextResponse {
  @ApiPropertyOptional({ type: String }) en?: string;
  @ApiPropertyOptional({ type: String }) da?: string;
}

/** A sent mailing with the state of its mails in the outbox. */
export class MailingResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: SegmentResponse }) segment!: SegmentResponse;
  @ApiProperty({ type: LocalizedTextResponse }) subject!: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) body!: LocalizedTextResponse;
  @ApiProperty({ type: Number, description: 'Mails queued when it was sent' }) recipients!: number;
  @ApiProperty({ type: Number, description: 'Mails still waiting in the outbox (or being sent)' }) queued!: number;
  @ApiProperty({ type: Number }) sent!: number;
  @ApiProperty({ type: Number }) failed!: number;
  @ApiProperty({ type: String, description: "The organiser's e-mail address" }) createdBy!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
}

export class MailingCreatedResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: Number, example: 120, description: 'Mails queued' }) queued!: number;
}

/** One recipient's mail as it would be sent. */
export class MailPreviewResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ enum: ['en', 'da'], enumName: 'MailLanguage' }) language!: 'en' | 'da';
  @ApiProperty({ type: String }) subject!: string;
  @ApiProperty({ type: String }) text!: string;
  @ApiProperty({ type: String, description: 'The HTML part; every placeholder value is escaped' }) html!: string;
}

export class MailingPreviewResponse {
  @ApiProperty({ type: Number, description: 'How many will receive it' }) recipients!: number;
  @ApiProperty({ type: Number, description: 'In the segment but unsubscribed or bounced: they get nothing' })
  excluded!: number;
  @ApiPropertyOptional({ type: MailPreviewResponse, nullable: true }) preview!: MailPreviewResponse | null;
}

export class RecipientResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) clusterName!: string;
}

export class BounceResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) bouncedAt!: string;
  @ApiProperty({ type: String, description: "The mail server's answer" }) reason!: string;
}
