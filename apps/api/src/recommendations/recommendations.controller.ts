import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import {
  NotInterestedDto,
  NudgeDto,
  OverviewQueryDto,
  RecommendationQueryDto,
  RecommendationSettingsDto,
} from './dto/recommendation.dto';
import {
  NotInterestedResponse,
  NudgeResponse,
  OverviewResponse,
  RecommendationResponse,
  RecommendationSettingsResponse,
} from './dto/recommendation-responses.dto';
import { RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('events/:eventId')
export class RecommendationsController {
  constructor(private readonly recs: RecommendationsService) {}

  /** A delegate of that cluster or an organiser. */
  @Get('clusters/:clusterId/recommendations')
  @ApiOperation({
    summary: 'Clusters this cluster should meet, best first, with reasons (its delegates or an organiser)',
  })
  @ApiOkResponse({ type: [RecommendationResponse] })
  list(
    @Param('eventId') eventId: string,
    @Param('clusterId') clusterId: string,
    @Query() q: RecommendationQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RecommendationResponse[]> {
    return this.recs.forCluster(eventId, clusterId, p, q.limit ?? 10, q.lang ?? 'en');
  }

  @Post('clusters/:clusterId/recommendations/not-interested')
  @ApiOperation({ summary: '"Not interested": never suggest this cluster to this one again in the event' })
  @ApiCreatedResponse({ type: NotInterestedResponse })
  async notInterested(
    @Param('eventId') eventId: string,
    @Param('clusterId') clusterId: string,
    @Body() dto: NotInterestedDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<NotInterestedResponse> {
    await this.recs.markNotInterested(eventId, clusterId, dto.targetClusterId, p);
    return { clusterId, targetClusterId: dto.targetClusterId };
  }

  @Delete('clusters/:clusterId/recommendations/not-interested/:targetClusterId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Undo "not interested"' })
  @ApiNoContentResponse({ description: 'The cluster may be suggested again' })
  undoNotInterested(
    @Param('eventId') eventId: string,
    @Param('clusterId') clusterId: string,
    @Param('targetClusterId') targetClusterId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    return this.recs.undoNotInterested(eventId, clusterId, targetClusterId, p);
  }

  @Roles('organiser')
  @Get('recommendations/overview')
  @ApiOperation({ summary: 'Organiser: clusters with few or no requests, each with its best suggestions' })
  @ApiOkResponse({ type: OverviewResponse })
  overview(@Param('eventId') eventId: string, @Query() q: OverviewQueryDto): Promise<OverviewResponse> {
    return this.recs.overview(eventId, q.maxRequests ?? 1, q.limit ?? 3, q.lang ?? 'en');
  }

  @Roles('organiser')
  @Post('recommendations/nudges')
  @ApiOperation({
    summary: "Organiser: mail clusters' delegates their top suggestions (409 after the request deadline)",
  })
  @ApiCreatedResponse({ type: NudgeResponse })
  nudge(@Param('eventId') eventId: string, @Body() dto: NudgeDto): Promise<NudgeResponse> {
    return this.recs.nudge(eventId, dto);
  }

  @Roles('organiser')
  @Get('recommendations/settings')
  @ApiOperation({ summary: "Organiser: the event's recommendation settings (mutual-fit bonus)" })
  @ApiOkResponse({ type: RecommendationSettingsResponse })
  settings(@Param('eventId') eventId: string): Promise<RecommendationSettingsResponse> {
    return this.recs.settings(eventId);
  }

  @Roles('organiser')
  @Put('recommendations/settings')
  @ApiOperation({ summary: 'Organiser: set the mutual-fit bonus for the solver (0 = off)' })
  @ApiOkResponse({ type: RecommendationSettingsResponse })
  saveSettings(
    @Param('eventId') eventId: string,
    @Body() dto: RecommendationSettingsDto,
  ): Promise<RecommendationSettingsResponse> {
    return this.recs.saveSettings(eventId, dto.mutualFitBonus);
  }
}
