import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Db } from '../database/db.service';
import { HealthResponse } from './dto/health-responses.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  /** Liveness and database reachability. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability (no login)' })
  @ApiOkResponse({ type: HealthResponse })
  async health(): Promise<HealthResponse> {
    await this.db.dataSource.query('SELECT 1');
    return { status: 'ok', database: this.db.dataSource.options.type };
  }
}
