import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { NudgeRunResponse, NudgeSettingsDto, NudgeSettingsResponse } from './dto/nudge.dto';
import { NudgesService } from './nudges.service';

/** The organiser's automatic nudges of the booking phase. */
@ApiTags('mailings')
@ApiBearerAuth()
@Roles('organiser')
@Controller('events/:eventId/nudges')
export class NudgesController {
  constructor(private readonly nudges: NudgesService) {}

  @Get()
  @ApiOperation({ summary: 'The nudge settings of the event (all off until saved).' })
  @ApiOkResponse({ type: NudgeSettingsResponse })
  get(@Param('eventId') eventId: string): Promise<NudgeSettingsResponse> {
    return this.nudges.settings(eventId);
  }

  @Put()
  @ApiOperation({ summary: 'Switch each nudge on or off and set its interval.' })
  @ApiOkResponse({ type: NudgeSettingsResponse })
  put(@Param('eventId') eventId: string, @Body() dto: NudgeSettingsDto): Promise<NudgeSettingsResponse> {
    return this.nudges.save(eventId, dto);
  }

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Queue the nudges due now (the worker also does it every NUDGE_EVERY_MS); answers how many of each.',
  })
  @ApiOkResponse({ type: NudgeRunResponse })
  run(@Param('eventId') eventId: string): Promise<NudgeRunResponse> {
    return this.nudges.run(eventId);
  }
}
