import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, OrganiserPrincipal, Principal, Roles } from '../auth/decorators';
import { AccessService } from '../access/access.service';
import { CreateEventDto, DaysDto, NewEventDto, TablesDto, UpdateEventDto } from './dto/event.dto';
import { CreatedEventResponse, EventResponse, EventSummaryResponse, SlotResponse } from './dto/event-responses.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly access: AccessService,
  ) {}

  @Roles('organiser')
  @Post()
  @ApiOperation({
    summary:
      'Organiser: create an event (optionally with day plans and tables), or copy parts of an earlier event of the ' +
      'organisation (copyFrom: day plan shifted to firstDay, tables, participants); one transaction',
  })
  @ApiCreatedResponse({ type: CreatedEventResponse })
  create(@Body() dto: NewEventDto, @CurrentPrincipal() p: OrganiserPrincipal): Promise<CreatedEventResponse> {
    return this.events.create(dto, p);
  }

  /** The events of the asker's organisation (a delegate's: their cluster's), newest first. */
  @Get()
  @ApiOperation({
    summary:
      "List the events of the asker's organisation (a delegate: their cluster's), newest first, archived ones too",
  })
  @ApiOkResponse({ type: [EventSummaryResponse] })
  async list(@CurrentPrincipal() p: Principal): Promise<EventSummaryResponse[]> {
    const organisationId =
      p.kind === 'organiser' ? p.organisationId : await this.access.organisationOfCluster(p.clusterId);
    return this.events.list(organisationId);
  }

  @Roles('organiser')
  @Post(':eventId/archive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Organiser: archive a past event (409 before its last meeting has ended); it stays open as usual',
  })
  @ApiOkResponse({ type: EventResponse })
  archive(@Param('eventId') eventId: string): Promise<EventResponse> {
    return this.events.setArchived(eventId, true);
  }

  @Roles('organiser')
  @Delete(':eventId/archive')
  @ApiOperation({ summary: 'Organiser: take an event out of the archive' })
  @ApiOkResponse({ type: EventResponse })
  unarchive(@Param('eventId') eventId: string): Promise<EventResponse> {
    return this.events.setArchived(eventId, false);
  }

  @Get(':eventId')
  @ApiOperation({ summary: 'An event with its day plans, tables and slot count' })
  @ApiOkResponse({ type: EventResponse })
  get(@Param('eventId') eventId: string): Promise<EventResponse> {
    return this.events.view(eventId);
  }

  @Roles('organiser')
  @Patch(':eventId')
  @ApiOperation({
    summary:
      'Organiser: update name, venue, timezone (slots follow; 409 while a schedule is published) or request deadline',
  })
  @ApiOkResponse({ type: EventResponse })
  update(@Param('eventId') eventId: string, @Body() dto: UpdateEventDto): Promise<EventResponse> {
    return this.events.update(eventId, dto);
  }

  /** Replaces the day plans and regenerates the slots (slots keep their id while their code stays). */
  @Roles('organiser')
  @Put(':eventId/days')
  @ApiOperation({
    summary:
      'Organiser: replace the day plans; slots are regenerated (ids kept per code); 409 if published meetings use a removed or moved slot',
  })
  @ApiOkResponse({ type: EventResponse })
  days(@Param('eventId') eventId: string, @Body() dto: DaysDto): Promise<EventResponse> {
    return this.events.replaceDays(eventId, dto.days);
  }

  @Roles('organiser')
  @Put(':eventId/tables')
  @ApiOperation({
    summary:
      'Organiser: replace the tables (ids kept per name); 409 if published meetings use a removed table or need more seats',
  })
  @ApiOkResponse({ type: EventResponse })
  tables(@Param('eventId') eventId: string, @Body() dto: TablesDto): Promise<EventResponse> {
    return this.events.replaceTables(eventId, dto.tables);
  }

  @Roles('organiser')
  @Put(':eventId/setup')
  @ApiOperation({
    summary:
      'Organiser: save the whole setup (details, day plans, tables) in one step: every field is checked first and ' +
      'all problems named at once (422), then the published-schedule guards (409); nothing is written unless all pass',
  })
  @ApiOkResponse({ type: EventResponse })
  setup(@Param('eventId') eventId: string, @Body() dto: CreateEventDto): Promise<EventResponse> {
    return this.events.setup(eventId, dto);
  }

  @Get(':eventId/slots')
  @ApiOperation({ summary: 'The generated slots of an event, in order' })
  @ApiOkResponse({ type: [SlotResponse] })
  slots(@Param('eventId') eventId: string): Promise<SlotResponse[]> {
    return this.events.slots(eventId);
  }
}
