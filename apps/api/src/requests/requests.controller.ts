import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/decorators';
import {
  AcceptRequestDto,
  CreateRequestDto,
  DeclineRequestDto,
  RequestPageQueryDto,
  RequestQueryDto,
} from './dto/request.dto';
import { MeetingRequestResponse, MeetingRequestsPageResponse } from './dto/request-responses.dto';
import { RequestsService } from './requests.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller()
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  /** A delegate requests a meeting for their cluster (organisers name `requesterClusterId`). 409 if the pair has one already. */
  @Post('events/:eventId/requests')
  @ApiOperation({ summary: 'Request a meeting (409 if the pair has a pending or accepted one)' })
  @ApiCreatedResponse({ type: MeetingRequestResponse })
  create(
    @Param('eventId') eventId: string,
    @Body() dto: CreateRequestDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MeetingRequestResponse> {
    return this.requests.create(eventId, dto, p);
  }

  /** Organisers see all requests; a delegate those of their own cluster. */
  @Get('events/:eventId/requests')
  @ApiOperation({ summary: "Requests of an event: all for organisers, the own cluster's for delegates" })
  @ApiOkResponse({ type: [MeetingRequestResponse] })
  list(
    @Param('eventId') eventId: string,
    @Query() q: RequestQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MeetingRequestResponse[]> {
    return this.requests.list(eventId, q, p);
  }

  /** The same list searched, sorted and paged, with true totals (issue 16, item 6). */
  @Get('events/:eventId/requests/page')
  @ApiOperation({
    summary: 'A page of the requests: search, status, cluster, sort, with the total and per-status counts',
  })
  @ApiOkResponse({ type: MeetingRequestsPageResponse })
  page(
    @Param('eventId') eventId: string,
    @Query() q: RequestPageQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MeetingRequestsPageResponse> {
    return this.requests.page(eventId, q, p);
  }

  @Get('requests/:requestId')
  @ApiOperation({ summary: 'A request (404 unless your cluster takes part)' })
  @ApiOkResponse({ type: MeetingRequestResponse })
  get(@Param('requestId') requestId: string, @CurrentPrincipal() p: Principal): Promise<MeetingRequestResponse> {
    return this.requests.view(requestId, p);
  }

  /** The receiving cluster accepts with its interest and delegates; a second answer gives 409. */
  @Post('requests/:requestId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiver accepts with its interest 1-5 and delegates (409 on a second answer)' })
  @ApiOkResponse({ type: MeetingRequestResponse })
  accept(
    @Param('requestId') requestId: string,
    @Body() dto: AcceptRequestDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MeetingRequestResponse> {
    return this.requests.accept(requestId, dto, p);
  }

  @Post('requests/:requestId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiver declines' })
  @ApiOkResponse({ type: MeetingRequestResponse })
  decline(
    @Param('requestId') requestId: string,
    @Body() dto: DeclineRequestDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MeetingRequestResponse> {
    return this.requests.decline(requestId, dto.clusterId, p, dto.reason);
  }

  @Post('requests/:requestId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requester withdraws a pending or accepted request' })
  @ApiOkResponse({ type: MeetingRequestResponse })
  withdraw(@Param('requestId') requestId: string, @CurrentPrincipal() p: Principal): Promise<MeetingRequestResponse> {
    return this.requests.withdraw(requestId, p);
  }
}
