import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/decorators';
import { CreateDelegateDto, UnavailabilityDto, UpdateDelegateDto } from './delegates.dto';
import { DelegatesService } from './delegates.service';
import { DelegateResponse, UnavailabilityResponse } from './dto/delegate-responses.dto';

/** Organisers manage every cluster's delegates; a delegate manages its own cluster's. */
@ApiTags('delegates')
@ApiBearerAuth()
@Controller()
export class DelegatesController {
  constructor(private readonly delegates: DelegatesService) {}

  @Post('clusters/:clusterId/delegates')
  @ApiOperation({ summary: "Add a delegate to a cluster (organisers, or the cluster's delegates)" })
  @ApiCreatedResponse({ type: DelegateResponse })
  create(
    @Param('clusterId') clusterId: string,
    @Body() dto: CreateDelegateDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DelegateResponse> {
    return this.delegates.create(clusterId, dto, p);
  }

  @Get('clusters/:clusterId/delegates')
  @ApiOperation({ summary: "A cluster's delegates (organisers, own cluster)" })
  @ApiOkResponse({ type: [DelegateResponse] })
  list(@Param('clusterId') clusterId: string, @CurrentPrincipal() p: Principal): Promise<DelegateResponse[]> {
    return this.delegates.list(clusterId, p);
  }

  @Get('delegates/:delegateId')
  @ApiOperation({ summary: 'A delegate (404 for other clusters)' })
  @ApiOkResponse({ type: DelegateResponse })
  get(@Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<DelegateResponse> {
    return this.delegates.get(delegateId, p);
  }

  @Patch('delegates/:delegateId')
  @ApiOperation({ summary: 'Edit a delegate (organisers, own cluster)' })
  @ApiOkResponse({ type: DelegateResponse })
  update(
    @Param('delegateId') delegateId: string,
    @Body() dto: UpdateDelegateDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DelegateResponse> {
    return this.delegates.update(delegateId, dto, p);
  }

  @Delete('delegates/:delegateId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a delegate (organisers, own cluster); their tokens stop working' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.delegates.remove(delegateId, p);
  }

  @Get('events/:eventId/delegates/:delegateId/unavailability')
  @ApiOperation({ summary: "A delegate's unavailable slots in an event" })
  @ApiOkResponse({ type: UnavailabilityResponse })
  unavailability(
    @Param('eventId') eventId: string,
    @Param('delegateId') delegateId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<UnavailabilityResponse> {
    return this.delegates.unavailability(eventId, delegateId, p);
  }

  @Put('events/:eventId/delegates/:delegateId/unavailability')
  @ApiOperation({ summary: "Replace a delegate's unavailable slots in an event (slot ids or codes)" })
  @ApiOkResponse({ type: UnavailabilityResponse })
  setUnavailability(
    @Param('eventId') eventId: string,
    @Param('delegateId') delegateId: string,
    @Body() dto: UnavailabilityDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<UnavailabilityResponse> {
    return this.delegates.setUnavailability(eventId, delegateId, dto.slots, p);
  }
}
