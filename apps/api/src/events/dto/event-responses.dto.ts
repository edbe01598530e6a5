import { ApiProperty } from '@nestjs/swagger';

/** An event as listed (every signed-in user sees the list). */
export class EventSummaryResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) venue!: string;
  @ApiProperty({ type: String, example: 'Europe/Berlin', description: 'IANA time zone' }) timezone!: string;
  @ApiProperty({ type: String, description: 'UTC instant (ISO 8601); pending requests expire then' })
  requestDeadline!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When it was archived (ISO 8601); null: current' })
  archivedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Its first day (YYYY-MM-DD); null without a day plan' })
  firstDay!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Its last day (YYYY-MM-DD); null without a day plan' })
  lastDay!: string | null;
}

export class BreakResponse {
  @ApiProperty({ type: String, example: '12:00' }) start!: string;
  @ApiProperty({ type: String, example: '13:00' }) end!: string;
}

export class DayPlanResponse {
  @ApiProperty({ type: String, example: '2027-05-11' }) date!: string;
  @ApiProperty({ type: String, example: '09:00' }) startTime!: string;
  @ApiProperty({ type: String, example: '17:00' }) endTime!: string;
  @ApiProperty({ type: Number, example: 30 }) meetingMinutes!: number;
  @ApiProperty({ type: [BreakResponse] }) breaks!: BreakResponse[];
}

export class TableResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, example: 'T01' }) name!: string;
  @ApiProperty({ type: Number, example: 4 }) seats!: number;
  @ApiProperty({ type: [String], example: ['accessible'] }) features!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The cluster whose stand this table is' })
  standClusterId!: string | null;
}

/** An event with its day plans, tables and the number of slots they give. */
export class EventResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) venue!: string;
  @ApiProperty({ type: String, example: 'Europe/Berlin', description: 'IANA time zone' }) timezone!: string;
  @ApiProperty({ type: String, description: 'UTC instant (ISO 8601)' }) requestDeadline!: string;
  @ApiProperty({
    enum: ['en', 'da'],
    enumName: 'UserLanguage',
    nullable: true,
    description:
      'The language of mails to delegates who chose none; null: Danish for clusters in Denmark, else English',
  })
  language!: 'en' | 'da' | null;
  @ApiProperty({ type: [DayPlanResponse] }) days!: DayPlanResponse[];
  @ApiProperty({ type: [TableResponse] }) tables!: TableResponse[];
  @ApiProperty({ type: Number }) slotCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'When it was archived (ISO 8601); null: current' })
  archivedAt!: string | null;
}

/** What a new event took over from an earlier one (issue 9, item 2). */
export class CopiedResponse {
  @ApiProperty({ type: String }) fromEventId!: string;
  @ApiProperty({ type: Number }) days!: number;
  @ApiProperty({ type: Number }) tables!: number;
  @ApiProperty({ type: Number }) clusters!: number;
  @ApiProperty({ type: Number, description: 'Delegates of the copied clusters (they join with their cluster)' })
  delegates!: number;
}

/** A new event, with what it copied. */
export class CreatedEventResponse extends EventResponse {
  @ApiProperty({ type: CopiedResponse, nullable: true }) copied!: CopiedResponse | null;
}

/** A generated meeting slot. */
export class SlotResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) eventId!: string;
  @ApiProperty({ type: String }) dayId!: string;
  @ApiProperty({ type: String, example: 'd1s03', description: 'Stable for a given day plan' }) code!: string;
  @ApiProperty({ type: Number, description: 'Order over the whole event, 0-based' }) position!: number;
  @ApiProperty({ type: String, description: "ISO 8601 with the event zone's offset" }) startsAt!: string;
  @ApiProperty({ type: String, description: "ISO 8601 with the event zone's offset" }) endsAt!: string;
}
