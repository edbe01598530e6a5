import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/decorators';
import { CreateDelegateDto, UnavailabilityDto, UpdateDelegateDto } from './delegates.dto';
import { DelegatesService, DelegateView } from './delegates.service';

type SlotsView = { slots: { id: string; code: string; start: string; end: string }[] };

/** Organisers manage every cluster's delegates; a delegate manages its own cluster's. */
@ApiTags('delegates')
@ApiBearerAuth()
@Controller()
export class DelegatesController {
  constructor(private readonly delegates: DelegatesService) {}

  @Post('clusters/:clusterId/delegates')
  create(@Param('clusterId') clusterId: string, @Body() dto: CreateDelegateDto, @CurrentPrincipal() p: Principal): Promise<DelegateView> {
    return this.delegates.create(clusterId, dto, p);
  }

  @Get('clusters/:clusterId/delegates')
  list(@Param('clusterId') clusterId: string, @CurrentPrincipal() p: Principal): Promise<DelegateView[]> {
    return this.delegates.list(clusterId, p);
  }

  @Get('delegates/:delegateId')
  get(@Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<DelegateView> {
    return this.delegates.get(delegateId, p);
  }

  @Patch('delegates/:delegateId')
  update(@Param('delegateId') delegateId: string, @Body() dto: UpdateDelegateDto, @CurrentPrincipal() p: Principal): Promise<DelegateView> {
    return this.delegates.update(delegateId, dto, p);
  }

  @Delete('delegates/:delegateId')
  @HttpCode(204)
  remove(@Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.delegates.remove(delegateId, p);
  }

  @Get('events/:eventId/delegates/:delegateId/unavailability')
  unavailability(@Param('eventId') eventId: string, @Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<SlotsView> {
    return this.delegates.unavailability(eventId, delegateId, p);
  }

  @Put('events/:eventId/delegates/:delegateId/unavailability')
  setUnavailability(
    @Param('eventId') eventId: string,
    @Param('delegateId') delegateId: string,
    @Body() dto: UnavailabilityDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SlotsView> {
    return this.delegates.setUnavailability(eventId, delegateId, dto.slots, p);
  }
}
