import { Controller, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import { ImportResultResponse, UnknownTermResponse } from './dto/import-responses.dto';
import { ImportsService, REQUIRED_COLUMNS } from './imports.service';
import { readSheet } from './table-reader';

interface RawRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

const length = (req: RawRequest): string | undefined => {
  const l = req.headers['content-length'];
  return typeof l === 'string' ? l : undefined;
};

const FILE_BODY = { schema: { type: 'string', format: 'binary' } } as const;

/**
 * Send the file itself as the body: `Content-Type: text/csv` or
 * `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`. Any bad row gives 422 naming
 * row and column, and nothing is imported.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Roles('organiser')
@Controller('events/:eventId/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Columns: name, country, region, sectors (a;b), technologies, scope, label, label_valid_until, companies, smes,
   * knowledge_institutions, public_bodies, industry_associations, financial_actors, secretariat_size, offers, seeks, website. */
  @Post('clusters')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody(FILE_BODY)
  @ApiQuery({
    name: 'createTerms',
    required: false,
    description: 'true: add every unknown sector/technology to the taxonomy',
  })
  @ApiQuery({
    name: 'terms',
    required: false,
    description:
      'JSON list `[{ kind, name, termId? }]`: each unknown sector/technology of the file mapped to an existing term (termId), or created (no termId)',
  })
  @ApiOperation({ summary: 'Organiser: import clusters from CSV or XLSX (all or nothing; 422 names row and column)' })
  @ApiOkResponse({ type: ImportResultResponse })
  async clusters(
    @Param('eventId') eventId: string,
    @Req() req: RawRequest,
    @CurrentPrincipal() p: Principal,
    @Query('createTerms') createTerms?: string,
    @Query('terms') terms?: string,
  ): Promise<ImportResultResponse> {
    const mapping = typeof terms === 'string' ? await this.imports.termMapping(terms) : undefined;
    return this.imports.importClusters(
      eventId,
      await readSheet(req.body, REQUIRED_COLUMNS.clusters, length(req)),
      createTerms === 'true' || (mapping ?? false),
      p,
    );
  }

  /** The same file as `clusters`: nothing is imported. */
  @Post('clusters/unknown-terms')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody(FILE_BODY)
  @ApiOperation({
    summary:
      'Organiser: the sectors and technologies of a cluster file missing from the taxonomy, with a suggested existing term',
  })
  @ApiOkResponse({ type: [UnknownTermResponse] })
  async unknownTerms(@Param('eventId') eventId: string, @Req() req: RawRequest): Promise<UnknownTermResponse[]> {
    return this.imports.unknownTerms(eventId, await readSheet(req.body, REQUIRED_COLUMNS.clusters, length(req)));
  }

  /** Columns: cluster (its name), name, email, role, and optionally language (en or da; empty: the event's default). */
  @Post('delegates')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody(FILE_BODY)
  @ApiOperation({ summary: 'Organiser: import delegates from CSV or XLSX (all or nothing; 422 names row and column)' })
  @ApiOkResponse({ type: ImportResultResponse })
  async delegates(
    @Param('eventId') eventId: string,
    @Req() req: RawRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<ImportResultResponse> {
    return this.imports.importDelegates(eventId, await readSheet(req.body, REQUIRED_COLUMNS.delegates, length(req)), p);
  }
}
