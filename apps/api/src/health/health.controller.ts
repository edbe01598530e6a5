import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Db } from '../database/db.service';
import { DatabaseHealth } from './database-health';
import { HealthFailureResponse, HealthResponse } from './dto/health-responses.dto';

interface StatusSink {
  status(code: number): unknown;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    private readonly database: DatabaseHealth,
  ) {}

  /** Liveness, and a database that answers: connection, migrations, every table, and on SQLite the file's integrity. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and the database, part by part (no login); 503 names the parts that failed' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthFailureResponse })
  async health(@Res({ passthrough: true }) res: StatusSink): Promise<HealthResponse | HealthFailureResponse> {
    const failed = await this.database.check();
    const database = this.db.dataSource.options.type;
    if (failed.length === 0) return { status: 'ok', database };
    res.status(503);
    return { status: 'error', database, failed };
  }
}
