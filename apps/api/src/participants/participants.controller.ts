import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import { CreateClusterDto } from '../clusters/dto/cluster.dto';
import { fileContent } from '../common/dto/common-responses.dto';
import {
  AttendeesDto,
  LoginLinksDto,
  ParticipantCandidatesQuery,
  ParticipantClustersQuery,
  ParticipantDelegatesQuery,
  ParticipantExportQuery,
} from './dto/participants.dto';
import {
  AttendeesResponse,
  LoginLinksResponse,
  ParticipantCandidatesResponse,
  ParticipantClusterResponse,
  ParticipantClustersPageResponse,
  ParticipantDelegatesPageResponse,
} from './dto/participants-responses.dto';
import { ParticipantsService } from './participants.service';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** Issue 9, item 3: the event's participants for organisers; attendees of a request for its parties. */
@ApiTags('participants')
@ApiBearerAuth()
@Controller('events/:eventId')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Roles('organiser')
  @Get('participants/clusters')
  @ApiOperation({ summary: "Organiser: the event's clusters, searched, sorted and paged, with delegates and sign-ins" })
  @ApiOkResponse({ type: ParticipantClustersPageResponse })
  clusters(
    @Param('eventId') eventId: string,
    @Query() q: ParticipantClustersQuery,
  ): Promise<ParticipantClustersPageResponse> {
    return this.participants.clusters(eventId, q);
  }

  @Roles('organiser')
  @Post('participants/clusters')
  @ApiOperation({ summary: 'Organiser: register a new cluster and add it to the event (one transaction)' })
  @ApiCreatedResponse({ type: ParticipantClusterResponse })
  addCluster(@Param('eventId') eventId: string, @Body() dto: CreateClusterDto): Promise<ParticipantClusterResponse> {
    return this.participants.addCluster(eventId, dto);
  }

  @Roles('organiser')
  @Get('participants/candidates')
  @ApiOperation({
    summary:
      "Organiser: the organisation's clusters not in the event (from earlier events), searched by name or country; " +
      'add one with POST /api/events/:eventId/participants',
  })
  @ApiOkResponse({ type: ParticipantCandidatesResponse })
  candidates(
    @Param('eventId') eventId: string,
    @Query() q: ParticipantCandidatesQuery,
  ): Promise<ParticipantCandidatesResponse> {
    return this.participants.candidates(eventId, q);
  }

  @Roles('organiser')
  @Get('participants/delegates')
  @ApiOperation({ summary: "Organiser: the delegates of the event's clusters, with their last sign-in" })
  @ApiOkResponse({ type: ParticipantDelegatesPageResponse })
  delegates(
    @Param('eventId') eventId: string,
    @Query() q: ParticipantDelegatesQuery,
  ): Promise<ParticipantDelegatesPageResponse> {
    return this.participants.delegates(eventId, q);
  }

  @Roles('organiser')
  @Post('participants/login-links')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Organiser: mail a login link (valid INVITATION_TTL, English or Danish) to named delegates or to all who never signed in',
  })
  @ApiOkResponse({ type: LoginLinksResponse })
  loginLinks(@Param('eventId') eventId: string, @Body() dto: LoginLinksDto): Promise<LoginLinksResponse> {
    return this.participants.sendLoginLinks(eventId, dto);
  }

  @Roles('organiser')
  @Get('participants/export')
  @ApiOperation({ summary: "Organiser: the event's clusters, delegates or requests as CSV or XLSX" })
  @ApiOkResponse({
    description: 'A CSV or XLSX file',
    content: fileContent('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  })
  async export(
    @Param('eventId') eventId: string,
    @Query() q: ParticipantExportQuery,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<StreamableFile> {
    const file = await this.participants.export(eventId, q.kind, q.format ?? 'csv');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(file.body);
  }

  @Put('requests/:requestId/attendees')
  @ApiOperation({
    summary:
      "Change which of a cluster's delegates attend a pending or accepted request (a delegate: their own cluster's side)",
  })
  @ApiOkResponse({ type: AttendeesResponse })
  attendees(
    @Param('eventId') eventId: string,
    @Param('requestId') requestId: string,
    @Body() dto: AttendeesDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AttendeesResponse> {
    return this.participants.setAttendees(eventId, requestId, dto, p);
  }
}
