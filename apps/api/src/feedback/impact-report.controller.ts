import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import { fileContent } from '../common/dto/common-responses.dto';
import { ImpactReportQuery, ImpactReportResponse } from './impact-report.dto';
import { ImpactReportService } from './impact-report.service';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** The impact report of an event, for organisers. */
@ApiTags('feedback')
@ApiBearerAuth()
@ApiExtraModels(ImpactReportResponse)
@Controller()
export class ImpactReportController {
  constructor(private readonly reports: ImpactReportService) {}

  @Get('events/:eventId/impact-report')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'The impact report of the event (meetings, feedback, usefulness, next steps, participation, per country, collaborations, follow-ups, evaluation) as JSON, CSV, XLSX or PDF',
  })
  @ApiOkResponse({
    description: 'The report (JSON), a CSV or XLSX file of `section, measure, value` rows, or a PDF with charts',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ImpactReportResponse) } },
      ...fileContent(
        'text/csv',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/pdf',
      ),
    },
  })
  async report(
    @Param('eventId') eventId: string,
    @Query() query: ImpactReportQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ImpactReportResponse | StreamableFile> {
    const format = query.format ?? 'json';
    if (format === 'json') return this.reports.report(eventId, p);
    const file = await this.reports.file(eventId, format, p);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(file.body);
  }
}
