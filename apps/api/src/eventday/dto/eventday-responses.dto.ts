import { ApiProperty } from '@nestjs/swagger';
import { MARK_STATUSES, MEETING_STATUSES } from '../eventday.entity';

export class CheckinResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: Boolean }) checkedIn!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 8601' }) checkedInAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'qr, search or list' }) method!: string | null;
  @ApiProperty({ type: Boolean, description: 'Nothing changed: it was done before' }) already!: boolean;
}

export class ParticipantCheckinResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: Boolean, description: 'Has a meeting in the published schedule' }) hasMeetings!: boolean;
  @ApiProperty({ type: String, description: 'What their QR code carries (printed agendas)' }) checkinCode!: string;
  @ApiProperty({ type: Boolean }) checkedIn!: boolean;
  @ApiProperty({ type: String, nullable: true }) checkedInAt!: string | null;
}

export class MarkResponse {
  @ApiProperty({ type: String, description: "The marker's name (an organiser's e-mail)" }) by!: string;
  @ApiProperty({ enum: ['delegate', 'organiser'] }) kind!: 'delegate' | 'organiser';
  @ApiProperty({ enum: MARK_STATUSES, enumName: 'MarkStatus' }) status!: (typeof MARK_STATUSES)[number];
  @ApiProperty({ type: [String] }) absent!: string[];
  @ApiProperty({ type: String }) at!: string;
}

export class MeetingStatusResponse {
  @ApiProperty({ type: String }) meetingId!: string;
  @ApiProperty({ enum: MEETING_STATUSES, enumName: 'MeetingStatus' }) status!: (typeof MEETING_STATUSES)[number];
  @ApiProperty({ type: Boolean, description: 'The marks disagree' }) conflict!: boolean;
  @ApiProperty({ type: [String], description: 'No-show: the clusters that did not come' }) absent!: string[];
  @ApiProperty({ type: [MarkResponse] }) marks!: MarkResponse[];
}

export class BoardDelegateResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: Boolean }) checkedIn!: boolean;
}

export class BoardPartyResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: [BoardDelegateResponse] }) delegates!: BoardDelegateResponse[];
}

export class BoardMeetingResponse extends MeetingStatusResponse {
  @ApiProperty({ type: String }) tableId!: string;
  @ApiProperty({ type: String }) tableName!: string;
  @ApiProperty({ type: String }) slotId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
  @ApiProperty({ type: [BoardPartyResponse] }) parties!: BoardPartyResponse[];
  @ApiProperty({ type: Boolean, description: 'A party is not checked in ten minutes before (or later)' })
  atRisk!: boolean;
}

export class FreeTableResponse {
  @ApiProperty({ type: String }) tableId!: string;
  @ApiProperty({ type: String }) name!: string;
}

export class BoardSlotResponse {
  @ApiProperty({ type: String }) slotId!: string;
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
  @ApiProperty({ type: [BoardMeetingResponse] }) meetings!: BoardMeetingResponse[];
  @ApiProperty({ type: [FreeTableResponse] }) freeTables!: FreeTableResponse[];
}

export class WaitingResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) clusterName!: string;
  @ApiProperty({ type: String }) checkedInAt!: string;
}

export class BoardResponse {
  @ApiProperty({ type: String }) at!: string;
  @ApiProperty({ type: Number, nullable: true }) versionNumber!: number | null;
  @ApiProperty({ type: BoardSlotResponse, nullable: true }) current!: BoardSlotResponse | null;
  @ApiProperty({ type: BoardSlotResponse, nullable: true }) next!: BoardSlotResponse | null;
  @ApiProperty({ type: [BoardMeetingResponse] }) atRisk!: BoardMeetingResponse[];
  @ApiProperty({ type: [WaitingResponse], description: 'Checked in, without a meeting that happens now' })
  waiting!: WaitingResponse[];
  @ApiProperty({ type: Number }) checkedIn!: number;
  @ApiProperty({ type: Number, description: 'People with a meeting in the published schedule' }) attendees!: number;
  @ApiProperty({ type: Number }) delegates!: number;
}

export class MyMeetingResponse extends BoardMeetingResponse {
  @ApiProperty({ type: Boolean, description: 'It will not happen (marked so, or a party is missing)' })
  missed!: boolean;
}

export class MyDayResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String, description: 'What the personal QR code carries' }) checkinCode!: string;
  @ApiProperty({ type: Boolean }) checkedIn!: boolean;
  @ApiProperty({ type: Boolean }) selfServiceRebooking!: boolean;
  @ApiProperty({ type: [MyMeetingResponse] }) meetings!: MyMeetingResponse[];
}

export class DaySettingsResponse {
  @ApiProperty({ type: Boolean }) selfServiceRebooking!: boolean;
  @ApiProperty({ type: Number, nullable: true }) reminderMinutes!: number | null;
}

export class MissedMeetingResponse {
  @ApiProperty({ type: String }) meetingId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) tableName!: string;
  @ApiProperty({ type: [String] }) clusterIds!: string[];
  @ApiProperty({ type: [String] }) names!: string[];
}

export const REBOOKING_BASES = ['accepted', 'request', 'recommendation'] as const;

export class RebookingOfferResponse {
  @ApiProperty({ type: String }) replacesMeetingId!: string;
  @ApiProperty({ type: String }) partnerDelegateId!: string;
  @ApiProperty({ type: String }) partnerName!: string;
  @ApiProperty({ type: String }) partnerClusterId!: string;
  @ApiProperty({ type: String }) partnerClusterName!: string;
  @ApiProperty({ type: String }) partnerCountry!: string;
  @ApiProperty({ enum: REBOOKING_BASES, enumName: 'RebookingBasis' }) basis!: (typeof REBOOKING_BASES)[number];
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String }) slotId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) endsAt!: string;
  @ApiProperty({ type: String }) tableId!: string;
  @ApiProperty({ type: String }) tableName!: string;
}

export class RebookingOffersResponse {
  @ApiProperty({ type: String }) delegateId!: string;
  @ApiProperty({ type: Boolean }) checkedIn!: boolean;
  @ApiProperty({ type: Boolean, description: 'The asker may book an offer' }) canBook!: boolean;
  @ApiProperty({ type: [MissedMeetingResponse] }) missed!: MissedMeetingResponse[];
  @ApiProperty({ type: [RebookingOfferResponse] }) offers!: RebookingOfferResponse[];
  @ApiProperty({ type: Number, description: "The solver's time for the answer, in ms" }) solverMs!: number;
  @ApiProperty({ type: Number, description: "The service's CPU time while the solver ran, in ms" })
  solverCpuMs!: number;
}

export class RebookingResponse {
  @ApiProperty({ type: String }) rebookingId!: string;
  @ApiProperty({ type: String }) meetingId!: string;
  @ApiProperty({ type: String }) replacesMeetingId!: string;
  @ApiProperty({ enum: REBOOKING_BASES, enumName: 'RebookingBasis' }) basis!: string;
  @ApiProperty({ type: String }) versionId!: string;
  @ApiProperty({ type: Number }) versionNumber!: number;
  @ApiProperty({ type: String }) slotId!: string;
  @ApiProperty({ type: String }) startsAt!: string;
  @ApiProperty({ type: String }) tableId!: string;
  @ApiProperty({ type: String }) tableName!: string;
  @ApiProperty({ type: Number, description: 'Mails queued to the attendees whose agenda changed' }) mailed!: number;
}

export class NoShowsByClusterResponse {
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number }) count!: number;
}

export class NoShowsByCountryResponse {
  @ApiProperty({ type: String }) country!: string;
  @ApiProperty({ type: Number }) count!: number;
}

export class FiguresResponse {
  @ApiProperty({ type: Number, nullable: true }) versionNumber!: number | null;
  @ApiProperty({ type: Number, description: 'Published meetings and those a rebooking replaced' }) meetings!: number;
  @ApiProperty({ type: Number }) held!: number;
  @ApiProperty({ type: Number }) noShows!: number;
  @ApiProperty({ type: Number }) cancelledOnSite!: number;
  @ApiProperty({ type: Number }) unmarked!: number;
  @ApiProperty({ type: Number }) conflicts!: number;
  @ApiProperty({ type: Number }) attendees!: number;
  @ApiProperty({ type: Number }) checkedIn!: number;
  @ApiProperty({ type: Number, description: 'checkedIn / attendees, 0..1' }) checkInRate!: number;
  @ApiProperty({ type: Number }) rebookings!: number;
  @ApiProperty({ type: [NoShowsByClusterResponse] }) noShowsByCluster!: NoShowsByClusterResponse[];
  @ApiProperty({ type: [NoShowsByCountryResponse] }) noShowsByCountry!: NoShowsByCountryResponse[];
}
