import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/decorators';
import { fileContent } from '../common/dto/common-responses.dto';
import { AccessService, Permission } from '../access/access.service';
import { AppError, ErrorCode } from '../common/errors';
import {
  AgendaResponse,
  EditRefusedResponse,
  EditResultResponse,
  JobResponse,
  PinnedSolveStartedResponse,
  PublishPreviewResponse,
  PublishedVersionResponse,
  SendAgendasResponse,
  SolveStartedResponse,
  SwapResultResponse,
  VersionReviewResponse,
  VersionSummaryResponse,
} from './dto/schedule-responses.dto';
import { AgendaQuery, EditMeetingDto, ExportQuery, SolveDto, SwapMeetingsDto } from './schedules.dto';
import { ScheduleEdits } from './schedule-edits';
import { SchedulesService } from './schedules.service';
import { ScheduleViews } from './schedule-views';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

@ApiTags('schedules')
@ApiBearerAuth()
@Controller('events/:eventId')
export class SchedulesController {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly views: ScheduleViews,
    private readonly access: AccessService,
    private readonly edits: ScheduleEdits,
  ) {}

  @Post('schedule/solve')
  @Roles('organiser')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a solve of the accepted requests; the finished job stores a draft version.' })
  @ApiAcceptedResponse({ type: SolveStartedResponse })
  async solve(@Param('eventId') eventId: string, @Body() dto: SolveDto): Promise<SolveStartedResponse> {
    const { jobId, meetings } = await this.schedules.start(eventId, 'solve', dto);
    return { jobId, meetings, statusUrl: `/api/events/${eventId}/schedule/jobs/${jobId}` };
  }

  @Post('schedule/resolve')
  @Roles('organiser')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'After a late change: solve again keeping the published meetings where they are; gives a draft with the changes.',
  })
  @ApiAcceptedResponse({ type: SolveStartedResponse })
  async resolve(@Param('eventId') eventId: string, @Body() dto: SolveDto): Promise<SolveStartedResponse> {
    const { jobId, meetings } = await this.schedules.start(eventId, 'resolve', dto);
    return { jobId, meetings, statusUrl: `/api/events/${eventId}/schedule/jobs/${jobId}` };
  }

  @Get('schedule/jobs')
  @Roles('organiser')
  @ApiOperation({
    summary: "The event's solve jobs, newest first (at most 10): leaving the solve page and coming back finds them.",
  })
  @ApiOkResponse({ type: [JobResponse] })
  jobs(@Param('eventId') eventId: string): Promise<JobResponse[]> {
    return this.schedules.recentJobs(eventId);
  }

  @Get('schedule/jobs/:jobId')
  @Roles('organiser')
  @ApiOperation({ summary: 'State and percent of a solve job; when done, the draft version it stored.' })
  @ApiOkResponse({ type: JobResponse })
  job(@Param('eventId') eventId: string, @Param('jobId') jobId: string): Promise<JobResponse> {
    return this.schedules.job(eventId, jobId);
  }

  @Get('schedule/versions')
  @Roles('organiser')
  @ApiOperation({ summary: 'All schedule versions of the event (drafts, published, superseded).' })
  @ApiOkResponse({ type: [VersionSummaryResponse] })
  list(@Param('eventId') eventId: string): Promise<VersionSummaryResponse[]> {
    return this.views.list(eventId);
  }

  @Get('schedule/versions/:versionId')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'Review a version (or `published`): assignments, stats, objective, bound, gap, unscheduled with reasons, changes.',
  })
  @ApiOkResponse({ type: VersionReviewResponse })
  review(@Param('eventId') eventId: string, @Param('versionId') versionId: string): Promise<VersionReviewResponse> {
    return this.views.review(eventId, versionId);
  }

  @Post('schedule/versions/:versionId/publish')
  @Roles('organiser')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a draft; the previously published version becomes superseded. 409 if not a draft or stale.',
  })
  @ApiOkResponse({ type: PublishedVersionResponse })
  async publish(
    @Param('eventId') eventId: string,
    @Param('versionId') versionId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<PublishedVersionResponse> {
    const v = await this.schedules.publish(eventId, versionId, p);
    return { id: v.id, number: v.number, state: v.state, publishedAt: v.publishedAt, attendeesMailed: v.queued };
  }

  @Get('schedule/versions/:versionId/publish-preview')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'What publishing this draft would do, changing nothing: how many attendees would be mailed (their agenda on ' +
      'the first publish, "schedule changed" to the affected ones after). 409 when it could not be published.',
  })
  @ApiOkResponse({ type: PublishPreviewResponse })
  publishPreview(
    @Param('eventId') eventId: string,
    @Param('versionId') versionId: string,
  ): Promise<PublishPreviewResponse> {
    return this.schedules.publishPreview(eventId, versionId);
  }

  @Patch('schedule/versions/:versionId/meetings/:meetingId')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'Hand edit of a draft: move a meeting (slot and/or table codes), place an unscheduled one, unschedule it ' +
      '(`slot: null`), pin or unpin it. Checked by the validator; refused with the rule and the conflicting meeting ' +
      'named (409 double-booked or table taken, 422 unavailable, seats, table not allowed; 409 for a published ' +
      'version), nothing changed.',
  })
  @ApiOkResponse({ type: EditResultResponse })
  @ApiConflictResponse({ type: EditRefusedResponse })
  @ApiUnprocessableEntityResponse({ type: EditRefusedResponse })
  editMeeting(
    @Param('eventId') eventId: string,
    @Param('versionId') versionId: string,
    @Param('meetingId') meetingId: string,
    @Body() dto: EditMeetingDto,
  ): Promise<EditResultResponse> {
    return this.edits.edit(eventId, versionId, meetingId, dto);
  }

  @Post('schedule/versions/:versionId/meetings/:meetingId/swap')
  @Roles('organiser')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand edit of a draft: two held meetings swap slots and tables in one step; refused like a move.',
  })
  @ApiOkResponse({ type: SwapResultResponse })
  @ApiConflictResponse({ type: EditRefusedResponse })
  @ApiUnprocessableEntityResponse({ type: EditRefusedResponse })
  swapMeetings(
    @Param('eventId') eventId: string,
    @Param('versionId') versionId: string,
    @Param('meetingId') meetingId: string,
    @Body() dto: SwapMeetingsDto,
  ): Promise<SwapResultResponse> {
    return this.edits.swap(eventId, versionId, meetingId, dto.with);
  }

  @Post('schedule/versions/:versionId/solve-around-pins')
  @Roles('organiser')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Solve again keeping every meeting pinned in this version at its slot and table; the job stores a new draft.',
  })
  @ApiAcceptedResponse({ type: PinnedSolveStartedResponse })
  async solveAroundPins(
    @Param('eventId') eventId: string,
    @Param('versionId') versionId: string,
    @Body() dto: SolveDto,
  ): Promise<PinnedSolveStartedResponse> {
    const { jobId, meetings, pinned } = await this.schedules.start(eventId, 'solve', dto, versionId);
    return { jobId, meetings, pinned, statusUrl: `/api/events/${eventId}/schedule/jobs/${jobId}` };
  }

  @Post('schedule/published/send-agendas')
  @Roles('organiser')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send the published agendas (again) to every attendee with a meeting, .ics attached. 409 when nothing is published.',
  })
  @ApiOkResponse({ type: SendAgendasResponse })
  sendAgendas(@Param('eventId') eventId: string): Promise<SendAgendasResponse> {
    return this.schedules.sendAgendas(eventId);
  }

  @Get('schedule/versions/:versionId/export')
  @Roles('organiser')
  @ApiOperation({ summary: 'Download the schedule (one row per meeting) or the table plan as CSV or XLSX.' })
  @ApiOkResponse({
    description: 'A CSV or XLSX file',
    content: fileContent('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  })
  async export(
    @Param('eventId') eventId: string,
    @Param('versionId') versionId: string,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<StreamableFile> {
    const file = await this.views.export(eventId, versionId, query.format ?? 'csv', query.kind ?? 'schedule');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(file.body);
  }

  @Get('agenda')
  @Roles('delegate', 'organiser')
  @ApiOperation({ summary: "A delegate's own meetings in the published schedule (organisers pass ?delegateId=)." })
  @ApiOkResponse({ type: AgendaResponse })
  async agenda(
    @Param('eventId') eventId: string,
    @Query() query: AgendaQuery,
    @CurrentPrincipal() who: Principal,
  ): Promise<AgendaResponse> {
    if (query.delegateId !== undefined) await this.access.require(who, Permission.AgendaRead, [query.delegateId]);
    if (who.kind === 'delegate') return this.views.agenda(eventId, who.delegateId, who.clusterId);
    if (query.delegateId === undefined) {
      throw new AppError(ErrorCode.Validation, 'delegateId: is required for organisers (whose agenda?)', [
        { path: 'delegateId', message: 'is required for organisers (whose agenda?)' },
      ]);
    }
    return this.views.agendaOf(eventId, query.delegateId);
  }
}
