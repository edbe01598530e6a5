import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import {
  DelegateResponse,
  DelegateUpdateResponse,
  InvitationResponse,
  UnavailabilityResponse,
} from './dto/delegate-responses.dto';

interface StatusSink {
  status(code: number): unknown;
}

/** Organisers manage every cluster's delegates; a delegate manages its own cluster's. */
@ApiTags('delegates')
@ApiBearerAuth()
@Controller()
export class DelegatesController {
  constructor(private readonly delegates: DelegatesService) {}

  @Post('clusters/:clusterId/delegates')
  @ApiOperation({
    summary:
      "Add a delegate to a cluster: organisers at once (201), the cluster's delegates by a link mailed to the address (202)",
  })
  @ApiCreatedResponse({ type: DelegateResponse, description: 'Organisers: the new delegate' })
  @ApiAcceptedResponse({
    type: InvitationResponse,
    description: "A cluster's delegate: a link went to the address (the same answer if it belongs to another cluster)",
  })
  async create(
    @Param('clusterId') clusterId: string,
    @Body() dto: CreateDelegateDto,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: StatusSink,
  ): Promise<DelegateResponse | InvitationResponse> {
    const result = await this.delegates.create(clusterId, dto, p);
    if ('status' in result) res.status(202);
    return result;
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
  @ApiOperation({
    summary:
      'Edit a delegate (organisers, own cluster); a delegate changing an e-mail address gets `pendingEmail` until the link mailed there is followed',
  })
  @ApiOkResponse({ type: DelegateUpdateResponse })
  update(
    @Param('delegateId') delegateId: string,
    @Body() dto: UpdateDelegateDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<DelegateUpdateResponse> {
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
