import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Db } from '../database/db.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  /** Liveness and database reachability. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; database: string }> {
    await this.db.dataSource.query('SELECT 1');
    return { status: 'ok', database: this.db.dataSource.options.type };
  }
}
