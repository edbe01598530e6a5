import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, OrganiserPrincipal, Principal, Roles } from '../auth/decorators';
import { ClustersService } from './clusters.service';
import {
  ClusterResponse,
  DirectoryPageResponse,
  HistoryItemResponse,
  ParticipantResponse,
} from './dto/cluster-responses.dto';
import { CreateClusterDto, DirectoryQueryDto, ParticipantDto, UpdateClusterDto } from './dto/cluster.dto';

@ApiTags('clusters')
@ApiBearerAuth()
@Controller()
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Roles('organiser')
  @Post('clusters')
  @ApiOperation({ summary: 'Organiser: register a cluster' })
  @ApiCreatedResponse({ type: ClusterResponse })
  create(@Body() dto: CreateClusterDto, @CurrentPrincipal() p: OrganiserPrincipal): Promise<ClusterResponse> {
    return this.clusters.create(dto, p);
  }

  /** All clusters (organisers), with the same filters as the directory. */
  @Roles('organiser')
  @Get('clusters')
  @ApiOperation({ summary: 'Organiser: all clusters, with the directory filters' })
  @ApiOkResponse({ type: DirectoryPageResponse })
  list(@Query() q: DirectoryQueryDto, @CurrentPrincipal() p: OrganiserPrincipal): Promise<DirectoryPageResponse> {
    return this.clusters.listAll(p, q);
  }

  /** The public profile; organisers and the cluster's own delegates also see its delegates. */
  @Get('clusters/:clusterId')
  @ApiOperation({ summary: "A cluster's public profile (its delegates too for organisers and its own delegates)" })
  @ApiOkResponse({ type: ClusterResponse })
  get(@Param('clusterId') clusterId: string, @CurrentPrincipal() p: Principal): Promise<ClusterResponse> {
    return this.clusters.view(clusterId, p);
  }

  /** Organisers, or a delegate of this cluster. */
  @Patch('clusters/:clusterId')
  @ApiOperation({ summary: "Edit a cluster's profile (organisers, or a delegate of that cluster)" })
  @ApiOkResponse({ type: ClusterResponse })
  update(
    @Param('clusterId') clusterId: string,
    @Body() dto: UpdateClusterDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<ClusterResponse> {
    return this.clusters.update(clusterId, dto, p);
  }

  /** The cluster's requests and meetings in every event (organisers, own delegates). */
  @Get('clusters/:clusterId/history')
  @ApiOperation({ summary: "The cluster's requests and meetings in every event (organisers, own delegates)" })
  @ApiOkResponse({ type: [HistoryItemResponse] })
  history(@Param('clusterId') clusterId: string, @CurrentPrincipal() p: Principal): Promise<HistoryItemResponse[]> {
    return this.clusters.history(clusterId, p);
  }

  /** The directory of an event: filter by sector, technology, country, label (maturity), scope; `q` searches offers/seeks. */
  @Get('events/:eventId/clusters')
  @ApiOperation({
    summary: 'Directory of an event: filter by sector, technology, country, label, scope; q searches offers/seeks',
  })
  @ApiOkResponse({ type: DirectoryPageResponse })
  directory(
    @Param('eventId') eventId: string,
    @Query() q: DirectoryQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DirectoryPageResponse> {
    return this.clusters.directory(eventId, q, p);
  }

  @Roles('organiser')
  @Post('events/:eventId/participants')
  @ApiOperation({ summary: 'Organiser: register a cluster for the event' })
  @ApiCreatedResponse({ type: ParticipantResponse })
  addParticipant(@Param('eventId') eventId: string, @Body() dto: ParticipantDto): Promise<ParticipantResponse> {
    return this.clusters.addParticipant(eventId, dto.clusterId);
  }

  @Roles('organiser')
  @Delete('events/:eventId/participants/:clusterId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Organiser: remove a cluster from the event (409 while it has open requests)' })
  @ApiNoContentResponse({ description: 'Removed' })
  removeParticipant(@Param('eventId') eventId: string, @Param('clusterId') clusterId: string): Promise<void> {
    return this.clusters.removeParticipant(eventId, clusterId);
  }
}
