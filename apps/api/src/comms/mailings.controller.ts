import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth/decorators';
import { MessageResponse } from '../common/dto/common-responses.dto';
import { CreateMailingDto, PreviewMailingDto, SegmentDto, UnsubscribeDto } from './dto/mailing.dto';
import {
  MailingCreatedResponse,
  MailingPreviewResponse,
  MailingResponse,
  RecipientResponse,
} from './dto/mailing-responses.dto';
import { MailingsService, type MailingInput } from './mailings.service';

const input = (dto: CreateMailingDto): MailingInput => ({ segment: dto.segment, subject: dto.subject, body: dto.body });

/** The organiser's custom mail to a segment of an event's participants. */
@ApiTags('mailings')
@ApiBearerAuth()
@Controller()
export class MailingsController {
  constructor(private readonly mailings: MailingsService) {}

  @Post('events/:eventId/mailings')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'Send a mail to a segment: every recipient gets it in their language (Danish for clusters in Denmark when both versions are given), through the outbox. Answers the number queued.',
  })
  @ApiCreatedResponse({ type: MailingCreatedResponse })
  send(
    @Param('eventId') eventId: string,
    @Body() dto: CreateMailingDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MailingCreatedResponse> {
    return this.mailings.send(eventId, input(dto), p.email);
  }

  @Get('events/:eventId/mailings')
  @Roles('organiser')
  @ApiOperation({ summary: 'The mailings of the event, newest first, with queued, sent and failed counts.' })
  @ApiOkResponse({ type: [MailingResponse] })
  list(@Param('eventId') eventId: string): Promise<MailingResponse[]> {
    return this.mailings.list(eventId);
  }

  @Post('events/:eventId/mailings/preview')
  @Roles('organiser')
  @HttpCode(200)
  @ApiOperation({ summary: 'How many would receive a mailing, and the mail of one recipient. Sends nothing.' })
  @ApiOkResponse({ type: MailingPreviewResponse })
  preview(@Param('eventId') eventId: string, @Body() dto: PreviewMailingDto): Promise<MailingPreviewResponse> {
    return this.mailings.preview(eventId, input(dto), dto.delegateId);
  }

  @Post('events/:eventId/segments/recipients')
  @Roles('organiser')
  @HttpCode(200)
  @ApiOperation({ summary: 'The delegates a segment selects (unsubscribed and bounced addresses left out).' })
  @ApiOkResponse({ type: [RecipientResponse] })
  async recipients(@Param('eventId') eventId: string, @Body() dto: SegmentDto): Promise<RecipientResponse[]> {
    return (await this.mailings.recipientList(eventId, dto)).map((c) => ({
      delegateId: c.delegateId,
      name: c.name,
      email: c.email,
      clusterName: c.clusterName,
    }));
  }

  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Follow the unsubscribe link of a mailing, nudge, feedback reminder or follow-up: no more of those (transactional mail, agendas and the first feedback mail included, still comes).',
  })
  @ApiOkResponse({ type: MessageResponse })
  async unsubscribe(@Body() dto: UnsubscribeDto): Promise<MessageResponse> {
    await this.mailings.unsubscribe(dto.token);
    return { message: 'Unsubscribed: no more mailings, reminders or follow-ups.' };
  }
}
