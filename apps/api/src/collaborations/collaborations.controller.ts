import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/decorators';
import { CollaborationsService } from './collaborations.service';
import { CollaborationDto } from './dto/collaboration.dto';
import { CollaborationResponse } from './dto/collaboration-responses.dto';

/** Collaborations between clusters: recorded by a partner cluster's delegates or an organiser. */
@ApiTags('collaborations')
@ApiBearerAuth()
@Controller()
export class CollaborationsController {
  constructor(private readonly collaborations: CollaborationsService) {}

  @Post('clusters/:clusterId/collaborations')
  @ApiOperation({ summary: 'Record a collaboration of this cluster (organisers, or a delegate of the cluster)' })
  @ApiCreatedResponse({ type: CollaborationResponse })
  create(
    @Param('clusterId') clusterId: string,
    @Body() dto: CollaborationDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CollaborationResponse> {
    return this.collaborations.create(clusterId, dto, p);
  }

  @Get('clusters/:clusterId/collaborations')
  @ApiOperation({ summary: "The cluster's collaborations (organisers, or its delegates)" })
  @ApiOkResponse({ type: [CollaborationResponse] })
  list(@Param('clusterId') clusterId: string, @CurrentPrincipal() p: Principal): Promise<CollaborationResponse[]> {
    return this.collaborations.list(clusterId, p);
  }

  @Put('collaborations/:collaborationId')
  @ApiOperation({ summary: 'Change a collaboration (organisers, or a delegate of a partner cluster)' })
  @ApiOkResponse({ type: CollaborationResponse })
  update(
    @Param('collaborationId') id: string,
    @Body() dto: CollaborationDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<CollaborationResponse> {
    return this.collaborations.update(id, dto, p);
  }
}
