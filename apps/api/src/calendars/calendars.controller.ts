import { Controller, Delete, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/decorators';
import { forbidden } from '../common/errors';
import { fileContent } from '../common/dto/common-responses.dto';
import { CalendarsService, type IcsFile } from './calendars.service';
import { FeedResponse } from './dto/calendar-responses.dto';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

type DelegatePrincipal = Extract<Principal, { kind: 'delegate' }>;

function delegateOnly(who: Principal): DelegatePrincipal {
  if (who.kind !== 'delegate') throw forbidden('Only a delegate has an agenda');
  return who;
}

export function icsResponse(file: IcsFile, res: HeaderSink, disposition: 'attachment' | 'inline'): StreamableFile {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `${disposition}; filename="${file.filename}"`);
  res.setHeader('Cache-Control', 'private, no-cache');
  return new StreamableFile(Buffer.from(file.body, 'utf8'));
}

/** Calendar downloads and the secret feed URLs (the feeds themselves are served at /calendars/<token>.ics). */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('events/:eventId')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get('agenda.ics')
  @Roles('delegate')
  @ApiOperation({ summary: 'Download your own agenda (published schedule) as an iCalendar file.' })
  @ApiOkResponse({ description: 'An iCalendar file', content: fileContent('text/calendar') })
  async agendaIcs(
    @Param('eventId') eventId: string,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<StreamableFile> {
    return icsResponse(await this.calendars.delegateIcs(eventId, delegateOnly(who)), res, 'attachment');
  }

  @Get('agenda/feed')
  @Roles('delegate')
  @ApiOperation({
    summary: 'The secret URL of your agenda feed (created on first call); subscribe to it in your calendar.',
  })
  @ApiOkResponse({ type: FeedResponse })
  agendaFeed(@Param('eventId') eventId: string, @CurrentPrincipal() who: Principal): Promise<FeedResponse> {
    return this.calendars.delegateFeed(eventId, delegateOnly(who), false);
  }

  @Post('agenda/feed/rotate')
  @Roles('delegate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke your current feed URL and get a new one.' })
  @ApiOkResponse({ type: FeedResponse })
  rotateAgendaFeed(@Param('eventId') eventId: string, @CurrentPrincipal() who: Principal): Promise<FeedResponse> {
    return this.calendars.delegateFeed(eventId, delegateOnly(who), true);
  }

  @Delete('agenda/feed')
  @Roles('delegate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke your feed URL (it answers 404 from now on).' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revokeAgendaFeed(@Param('eventId') eventId: string, @CurrentPrincipal() who: Principal): Promise<void> {
    await this.calendars.revokeDelegateFeed(eventId, delegateOnly(who));
  }

  @Get('calendar.ics')
  @Roles('organiser')
  @ApiOperation({ summary: 'The whole event (every published meeting) as an iCalendar file.' })
  @ApiOkResponse({ description: 'An iCalendar file', content: fileContent('text/calendar') })
  async eventIcs(
    @Param('eventId') eventId: string,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<StreamableFile> {
    return icsResponse(await this.calendars.eventIcs(eventId), res, 'attachment');
  }

  @Get('calendar/feed')
  @Roles('organiser')
  @ApiOperation({ summary: "The secret URL of the organiser's whole-event feed (created on first call)." })
  @ApiOkResponse({ type: FeedResponse })
  eventFeed(@Param('eventId') eventId: string): Promise<FeedResponse> {
    return this.calendars.organiserFeed(eventId, false);
  }

  @Post('calendar/feed/rotate')
  @Roles('organiser')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke the organiser's feed URL and issue a new one." })
  @ApiOkResponse({ type: FeedResponse })
  rotateEventFeed(@Param('eventId') eventId: string): Promise<FeedResponse> {
    return this.calendars.organiserFeed(eventId, true);
  }

  @Delete('calendar/feed')
  @Roles('organiser')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the organiser's feed URL." })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revokeEventFeed(@Param('eventId') eventId: string): Promise<void> {
    await this.calendars.revokeOrganiserFeed(eventId);
  }
}
