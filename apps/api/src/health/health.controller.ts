import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Db } from '../database/db.service';
import { DatabaseHealth, type FailedPart } from './database-health';

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
  @ApiOkResponse({ description: "{ status: 'ok', database }" })
  @ApiServiceUnavailableResponse({ description: "{ status: 'error', database, failed: [{ part, message }] }" })
  async health(
    @Res({ passthrough: true }) res: StatusSink,
  ): Promise<{ status: 'ok' | 'error'; database: string; failed?: FailedPart[] }> {
    const failed = await this.database.check();
    const database = this.db.dataSource.options.type;
    if (failed.length === 0) return { status: 'ok', database };
    res.status(503);
    return { status: 'error', database, failed };
  }
}
