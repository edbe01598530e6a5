import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import {
  ClusterEventHistoryResponse,
  FollowUpAnswerDto,
  FollowUpAnswerResponse,
  FollowUpPageResponse,
  FollowUpPlanDto,
  FollowUpPlanResponse,
  FollowUpRunResponse,
  RelationshipResponse,
} from './follow-ups.dto';
import { FollowUpsService } from './follow-ups.service';
import { RelationshipsService } from './relationships.service';

/** After the event, over years: the follow-up rounds, the clusters' answers, and their relationships. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller()
export class FollowUpsController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly relationships: RelationshipsService,
  ) {}

  @Get('events/:eventId/follow-ups')
  @Roles('organiser')
  @ApiOperation({ summary: "The event's follow-up plan and its rounds (due, sent, skipped) with answer counts" })
  @ApiOkResponse({ type: FollowUpPlanResponse })
  plan(@Param('eventId') eventId: string): Promise<FollowUpPlanResponse> {
    return this.followUps.plan(eventId);
  }

  @Put('events/:eventId/follow-ups')
  @Roles('organiser')
  @ApiOperation({ summary: 'Set the months after the event at which the clusters are asked (default 3, 6, 12, 36)' })
  @ApiOkResponse({ type: FollowUpPlanResponse })
  setPlan(@Param('eventId') eventId: string, @Body() dto: FollowUpPlanDto): Promise<FollowUpPlanResponse> {
    return this.followUps.setPlan(eventId, dto);
  }

  @Post('events/:eventId/follow-ups/run')
  @HttpCode(200)
  @Roles('organiser')
  @ApiOperation({ summary: 'Send the round that is due now, if any (the worker does it on its own every hour)' })
  @ApiOkResponse({ type: FollowUpRunResponse })
  run(@Param('eventId') eventId: string): Promise<FollowUpRunResponse> {
    return this.followUps.run(eventId);
  }

  @Get('events/:eventId/clusters/:clusterId/follow-up')
  @ApiOperation({
    summary: "The cluster's relationships started at the event, with its answers and collaborations (its delegates)",
  })
  @ApiOkResponse({ type: FollowUpPageResponse })
  page(
    @Param('eventId') eventId: string,
    @Param('clusterId') clusterId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<FollowUpPageResponse> {
    return this.followUps.page(eventId, clusterId, p);
  }

  @Put('events/:eventId/clusters/:clusterId/follow-up/:otherClusterId')
  @ApiOperation({ summary: 'Say what came of one relationship started at the event (for the current round)' })
  @ApiOkResponse({ type: FollowUpAnswerResponse })
  answer(
    @Param('eventId') eventId: string,
    @Param('clusterId') clusterId: string,
    @Param('otherClusterId') otherClusterId: string,
    @Body() dto: FollowUpAnswerDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<FollowUpAnswerResponse> {
    return this.followUps.answer(eventId, clusterId, otherClusterId, dto, p);
  }

  @Get('clusters/:clusterId/relationships')
  @ApiOperation({
    summary:
      'Every cluster this cluster has met in any event: meetings, its own feedback, its latest follow-up, collaborations',
  })
  @ApiOkResponse({ type: [RelationshipResponse] })
  list(@Param('clusterId') clusterId: string, @CurrentPrincipal() p: Principal): Promise<RelationshipResponse[]> {
    return this.relationships.list(clusterId, p);
  }

  @Get('clusters/:clusterId/history/events')
  @ApiOperation({
    summary:
      "The cluster's history across its organisation's events, newest first: per event its meetings of the " +
      'published schedule, with whom, held or not as recorded on the day (organisers, its own delegates)',
  })
  @ApiOkResponse({ type: [ClusterEventHistoryResponse] })
  history(
    @Param('clusterId') clusterId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<ClusterEventHistoryResponse[]> {
    return this.relationships.byEvent(clusterId, p);
  }
}
