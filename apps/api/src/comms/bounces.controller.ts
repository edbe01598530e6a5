import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { BounceResponse } from './dto/mailing-responses.dto';
import { BouncesService } from './bounces.service';

/** Addresses that bounced permanently, for the organiser. */
@ApiTags('mailings')
@ApiBearerAuth()
@Roles('organiser')
@Controller('events/:eventId/bounces')
export class BouncesController {
  constructor(private readonly bounces: BouncesService) {}

  @Get()
  @ApiOperation({ summary: 'Delegates of the event whose address the mail server refused permanently.' })
  @ApiOkResponse({ type: [BounceResponse] })
  list(@Param('eventId') eventId: string): Promise<BounceResponse[]> {
    return this.bounces.list(eventId);
  }

  @Delete(':delegateId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clear the bounce mark once the address is fixed: mailings and nudges go to it again.' })
  @ApiNoContentResponse()
  async clear(@Param('eventId') eventId: string, @Param('delegateId') delegateId: string): Promise<void> {
    await this.bounces.clear(eventId, delegateId);
  }
}
