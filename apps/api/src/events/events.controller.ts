import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { CreateEventDto, DaysDto, TablesDto, UpdateEventDto } from './dto/event.dto';
import { EventEntity, SlotEntity } from './event.entity';
import { EventsService, EventView } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Roles('organiser')
  @Post()
  create(@Body() dto: CreateEventDto): Promise<EventView> {
    return this.events.create(dto);
  }

  /** Events are public to every logged-in user (name, venue, dates). */
  @Get()
  list(): Promise<EventEntity[]> {
    return this.events.list();
  }

  @Get(':eventId')
  get(@Param('eventId') eventId: string): Promise<EventView> {
    return this.events.view(eventId);
  }

  @Roles('organiser')
  @Patch(':eventId')
  update(@Param('eventId') eventId: string, @Body() dto: UpdateEventDto): Promise<EventView> {
    return this.events.update(eventId, dto);
  }

  /** Replaces the day plans and regenerates the slots (slots keep their id while their code stays). */
  @Roles('organiser')
  @Put(':eventId/days')
  days(@Param('eventId') eventId: string, @Body() dto: DaysDto): Promise<EventView> {
    return this.events.replaceDays(eventId, dto.days);
  }

  @Roles('organiser')
  @Put(':eventId/tables')
  tables(@Param('eventId') eventId: string, @Body() dto: TablesDto): Promise<EventView> {
    return this.events.replaceTables(eventId, dto.tables);
  }

  @Get(':eventId/slots')
  slots(@Param('eventId') eventId: string): Promise<SlotEntity[]> {
    return this.events.slots(eventId);
  }
}
