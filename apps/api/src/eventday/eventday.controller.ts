import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/decorators';
import { fileContent } from '../common/dto/common-responses.dto';
import {
  BoardResponse,
  CheckinResponse,
  DaySettingsResponse,
  FiguresResponse,
  MeetingStatusResponse,
  MyDayResponse,
  ParticipantCheckinResponse,
  RebookingOffersResponse,
  RebookingResponse,
} from './dto/eventday-responses.dto';
import {
  AtQuery,
  BookRebookingDto,
  CheckinDto,
  DaySettingsDto,
  FiguresExportQuery,
  MeetingStatusDto,
  MyDayQuery,
  ParticipantsQuery,
  RebookingQuery,
} from './dto/eventday.dto';
import { EventDayService } from './eventday.service';
import { RebookingService } from './rebooking.service';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** The day of the event (issue 10): check-in, meeting status, live board, on-site rebooking, figures. */
@ApiTags('event day')
@ApiBearerAuth()
@Controller('events/:eventId')
export class EventDayController {
  constructor(
    private readonly day: EventDayService,
    private readonly rebooking: RebookingService,
  ) {}

  @Post('checkins')
  @HttpCode(200)
  @Roles('organiser', 'delegate')
  @ApiOperation({
    summary:
      'Check a delegate in by id or by the code of their QR (idempotent). A delegate may only check themselves in.',
  })
  @ApiOkResponse({ type: CheckinResponse })
  checkIn(
    @Param('eventId') eventId: string,
    @Body() dto: CheckinDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CheckinResponse> {
    return this.day.checkIn(eventId, dto, p);
  }

  @Delete('checkins/:delegateId')
  @Roles('organiser', 'delegate')
  @ApiOperation({ summary: 'Undo a check-in (idempotent). A delegate may only undo their own.' })
  @ApiOkResponse({ type: CheckinResponse })
  undo(
    @Param('eventId') eventId: string,
    @Param('delegateId') delegateId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<CheckinResponse> {
    return this.day.undoCheckIn(eventId, delegateId, p);
  }

  @Get('checkins')
  @Roles('organiser')
  @ApiOperation({ summary: 'The participants with their check-in state; ?q= searches names, e-mails and clusters.' })
  @ApiOkResponse({ type: [ParticipantCheckinResponse] })
  participants(
    @Param('eventId') eventId: string,
    @Query() query: ParticipantsQuery,
  ): Promise<ParticipantCheckinResponse[]> {
    return this.day.participants(eventId, query.q);
  }

  @Put('meetings/:meetingId/status')
  @Roles('organiser', 'delegate')
  @ApiOperation({
    summary:
      'Mark a published meeting held, no-show (absent: the missing clusters) or cancelled on site. Attendees mark only their own meetings; every marker keeps their own mark.',
  })
  @ApiOkResponse({ type: MeetingStatusResponse })
  mark(
    @Param('eventId') eventId: string,
    @Param('meetingId') meetingId: string,
    @Body() dto: MeetingStatusDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MeetingStatusResponse> {
    return this.day.mark(eventId, meetingId, dto, p);
  }

  @Get('day')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'The live board: current and next slot with each table, check-in state, meetings at risk, free tables and people waiting.',
  })
  @ApiOkResponse({ type: BoardResponse })
  board(@Param('eventId') eventId: string, @Query() query: AtQuery): Promise<BoardResponse> {
    return this.day.board(eventId, query.at);
  }

  @Get('day/me')
  @Roles('organiser', 'delegate')
  @ApiOperation({
    summary: "A delegate's day: check-in code and state, meetings with status (organisers: ?delegateId=).",
  })
  @ApiOkResponse({ type: MyDayResponse })
  me(
    @Param('eventId') eventId: string,
    @Query() query: MyDayQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<MyDayResponse> {
    return this.day.myDay(eventId, p, query.delegateId);
  }

  @Get('day/rebooking')
  @Roles('organiser', 'delegate')
  @ApiOperation({
    summary:
      "Replacement offers for a delegate's meetings that will not happen (the solver in keep mode, every other meeting pinned).",
  })
  @ApiOkResponse({ type: RebookingOffersResponse })
  offers(
    @Param('eventId') eventId: string,
    @Query() query: RebookingQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<RebookingOffersResponse> {
    return this.rebooking.offers(eventId, query.delegateId, query.at, p);
  }

  @Post('day/rebooking')
  @HttpCode(200)
  @Roles('organiser', 'delegate')
  @ApiOperation({
    summary:
      'Book a replacement offer: publishes the change (nothing else moves) and mails both parties. Delegates only with self-service on.',
  })
  @ApiOkResponse({ type: RebookingResponse })
  book(
    @Param('eventId') eventId: string,
    @Body() dto: BookRebookingDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RebookingResponse> {
    return this.rebooking.book(eventId, dto, p, dto.at);
  }

  @Get('day/settings')
  @Roles('organiser')
  @ApiOperation({ summary: 'Self-service rebooking and the reminder lead time (default off).' })
  @ApiOkResponse({ type: DaySettingsResponse })
  settings(@Param('eventId') eventId: string): Promise<DaySettingsResponse> {
    return this.day.settings(eventId);
  }

  @Put('day/settings')
  @Roles('organiser')
  @ApiOperation({ summary: 'Change self-service rebooking or the reminder lead time (null: off).' })
  @ApiOkResponse({ type: DaySettingsResponse })
  saveSettings(@Param('eventId') eventId: string, @Body() dto: DaySettingsDto): Promise<DaySettingsResponse> {
    return this.day.saveSettings(eventId, dto);
  }

  @Get('day/figures')
  @Roles('organiser')
  @ApiOperation({ summary: 'Meetings held, no-shows by cluster and country, check-in rate, rebookings.' })
  @ApiOkResponse({ type: FiguresResponse })
  figures(@Param('eventId') eventId: string): Promise<FiguresResponse> {
    return this.day.figures(eventId);
  }

  @Get('day/figures/export')
  @Roles('organiser')
  @ApiOperation({ summary: 'The figures as CSV or XLSX.' })
  @ApiOkResponse({
    description: 'A CSV or XLSX file',
    content: fileContent('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  })
  async exportFigures(
    @Param('eventId') eventId: string,
    @Query() query: FiguresExportQuery,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<StreamableFile> {
    const file = await this.day.exportFigures(eventId, query.format ?? 'csv');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(file.body);
  }
}
