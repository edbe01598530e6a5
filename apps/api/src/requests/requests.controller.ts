import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/decorators';
import { AcceptRequestDto, CreateRequestDto, DeclineRequestDto, RequestQueryDto } from './dto/request.dto';
import { RequestsService, RequestView } from './requests.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller()
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  /** A delegate requests a meeting for their cluster (organisers name `requesterClusterId`). 409 if the pair has one already. */
  @Post('events/:eventId/requests')
  create(@Param('eventId') eventId: string, @Body() dto: CreateRequestDto, @CurrentPrincipal() p: Principal): Promise<RequestView> {
    return this.requests.create(eventId, dto, p);
  }

  /** Organisers see all requests; a delegate those of their own cluster. */
  @Get('events/:eventId/requests')
  list(@Param('eventId') eventId: string, @Query() q: RequestQueryDto, @CurrentPrincipal() p: Principal): Promise<RequestView[]> {
    return this.requests.list(eventId, q, p);
  }

  @Get('requests/:requestId')
  get(@Param('requestId') requestId: string, @CurrentPrincipal() p: Principal): Promise<RequestView> {
    return this.requests.view(requestId, p);
  }

  /** The receiving cluster accepts with its interest and delegates; a second answer gives 409. */
  @Post('requests/:requestId/accept')
  @HttpCode(200)
  accept(@Param('requestId') requestId: string, @Body() dto: AcceptRequestDto, @CurrentPrincipal() p: Principal): Promise<RequestView> {
    return this.requests.accept(requestId, dto, p);
  }

  @Post('requests/:requestId/decline')
  @HttpCode(200)
  decline(@Param('requestId') requestId: string, @Body() dto: DeclineRequestDto, @CurrentPrincipal() p: Principal): Promise<RequestView> {
    return this.requests.decline(requestId, dto.clusterId, p);
  }

  @Post('requests/:requestId/withdraw')
  @HttpCode(200)
  withdraw(@Param('requestId') requestId: string, @CurrentPrincipal() p: Principal): Promise<RequestView> {
    return this.requests.withdraw(requestId, p);
  }
}
