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
    const { status, body } = await this.answer();
    if (status !== 200) res.status(status);
    return body;
  }

  /**
   * The answer and its status. `answerHealthDirectly` serves `GET /api/health` with it ahead of the framework's
   * routing, guards and pipes (a load balancer polls it); this route answers the same for any other spelling.
   */
  async answer(): Promise<{ status: 200 | 503; body: HealthResponse | HealthFailureResponse }> {
    const failed = await this.database.check();
    const database = this.db.dataSource.options.type;
    if (failed.length === 0) return { status: 200, body: { status: 'ok', database } };
    return { status: 503, body: { status: 'error', database, failed } };
  }
}

interface HealthReq {
  method: string;
  path: string;
}
interface HealthRes {
  status(code: number): { json(body: unknown): unknown };
}

/**
 * Express middleware answering `GET`/`HEAD /api/health` exactly as the controller does (same status, body and
 * headers: Express's `json()` writes it in both cases), without the framework's per-request work. It is public, so
 * nothing the framework adds (the guard reads an optional token and ignores it) changes the answer.
 */
export function answerHealthDirectly(
  controller: HealthController,
): (req: HealthReq, res: HealthRes, next: (err?: unknown) => void) => void {
  return (req, res, next) => {
    if (req.path !== '/api/health' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    controller
      .answer()
      .then(({ status, body }) => void res.status(status).json(body))
      .catch(next);
  };
}
