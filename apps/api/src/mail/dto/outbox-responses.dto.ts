import { ApiProperty } from '@nestjs/swagger';
import { OUTBOX_STATUSES } from '../outbox.dto';

/** An outbox message as the organiser sees it. */
export class OutboxMessageResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, example: 'schedule-published', description: 'The mail template' }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ type: String, description: 'The recipient as addressed: `"Name" <address>` or the address' })
  to!: string;
  @ApiProperty({ type: String, description: "The recipient's name (the address when the mail names nobody)" })
  toName!: string;
  @ApiProperty({ type: String }) toAddress!: string;
  @ApiProperty({ type: String }) subject!: string;
  @ApiProperty({ enum: OUTBOX_STATUSES, enumName: 'OutboxStatus' }) status!: string;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty({ type: Number, description: 'Sends cut off by a crash or restart' }) interrupted!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) nextAttemptAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601' }) sentAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The mail server's answer" }) response!: string | null;
}

export class OutboxKindCountResponse {
  @ApiProperty({ type: String, example: 'schedule-published' }) kind!: string;
  @ApiProperty({ type: Number }) n!: number;
}

/** One page of the outbox with the true number of matches. */
export class OutboxPageResponse {
  @ApiProperty({ type: Number, description: 'Messages matching every filter (all pages)' }) total!: number;
  @ApiProperty({
    type: [OutboxKindCountResponse],
    description: 'Messages of each kind in the event (or organisation), whatever the other filters',
  })
  kinds!: OutboxKindCountResponse[];
  @ApiProperty({ type: [OutboxMessageResponse] }) items!: OutboxMessageResponse[];
}
