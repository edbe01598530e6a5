import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, OrganiserPrincipal, Roles } from '../auth/decorators';
import { QueuedResponse } from '../common/dto/common-responses.dto';
import { OutboxMessageResponse, OutboxPageResponse } from './dto/outbox-responses.dto';
import { MailService } from './mail.service';
import { OutboxPageQuery, OutboxQuery, RemindersDto } from './outbox.dto';

/** The organiser's view of the mail outbox: what was sent, what waits, what failed and why. */
@ApiTags('mail')
@ApiBearerAuth()
@Roles('organiser')
@Controller('mail')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get('outbox')
  @ApiOperation({ summary: 'Outbox messages, newest first, with status, attempts and the last error.' })
  @ApiOkResponse({ type: [OutboxMessageResponse] })
  list(@Query() q: OutboxQuery, @CurrentPrincipal() p: OrganiserPrincipal): Promise<OutboxMessageResponse[]> {
    return this.mail.list({
      organisationId: p.organisationId,
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.eventId !== undefined ? { eventId: q.eventId } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
    });
  }

  @Get('outbox/page')
  @ApiOperation({
    summary: 'A page of the outbox: search, status, kind, sort, with the total and the number of each kind.',
  })
  @ApiOkResponse({ type: OutboxPageResponse })
  page(@Query() q: OutboxPageQuery, @CurrentPrincipal() p: OrganiserPrincipal): Promise<OutboxPageResponse> {
    return this.mail.page({ ...q, organisationId: p.organisationId });
  }

  @Get('outbox/:id')
  @ApiOperation({ summary: 'One outbox message.' })
  @ApiOkResponse({ type: OutboxMessageResponse })
  get(@Param('id') id: string, @CurrentPrincipal() p: OrganiserPrincipal): Promise<OutboxMessageResponse> {
    return this.mail.get(id, p.organisationId);
  }

  @Post('outbox/:id/requeue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Try a failed message again (409 if it is not failed).' })
  @ApiOkResponse({ type: OutboxMessageResponse })
  requeue(@Param('id') id: string, @CurrentPrincipal() p: OrganiserPrincipal): Promise<OutboxMessageResponse> {
    return this.mail.requeue(id, p.organisationId);
  }

  @Post('reminders')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue the day-before reminders now (idempotent; the worker also does it hourly).' })
  @ApiOkResponse({ type: QueuedResponse })
  async reminders(@Body() dto: RemindersDto, @CurrentPrincipal() p: OrganiserPrincipal): Promise<QueuedResponse> {
    return {
      queued: await this.mail.queueReminders(dto.at !== undefined ? new Date(dto.at) : new Date(), p.organisationId),
    };
  }
}
