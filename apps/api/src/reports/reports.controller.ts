import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/decorators';
import { fileContent } from '../common/dto/common-responses.dto';
import {
  ImpactReportsQuery,
  ImpactReportsResponse,
  PerformanceReportQuery,
  PerformanceReportResponse,
} from './reports.dto';
import type { ReportFile } from './report-file';
import { ReportsService } from './reports.service';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

const FILES = fileContent(
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/pdf',
);

function send(file: ReportFile, res: HeaderSink): StreamableFile {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  return new StreamableFile(file.body);
}

/** Reports across events, for organisers. */
@ApiTags('feedback')
@ApiBearerAuth()
@ApiExtraModels(ImpactReportsResponse, PerformanceReportResponse)
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('impact-reports')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'Impact figures across events by year, cluster or country (optionally one year), as JSON, CSV, XLSX or PDF',
  })
  @ApiOkResponse({
    description: 'The groups (JSON), or a file of `section, measure, value` rows',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ImpactReportsResponse) } }, ...FILES },
  })
  async across(
    @Query() q: ImpactReportsQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<ImpactReportsResponse | StreamableFile> {
    const format = q.format ?? 'json';
    if (format === 'json') return this.reports.across(q.by ?? 'year', q.year, p);
    return send(await this.reports.acrossFile(q.by ?? 'year', q.year, format, p), res);
  }

  @Get('impact-reports/performance')
  @Roles('organiser')
  @ApiOperation({
    summary:
      'The yearly performance report: participating companies, SMEs, new collaborations, new ideas, products and competences',
  })
  @ApiOkResponse({
    description: 'The report (JSON), or a file of `section, measure, value` rows',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PerformanceReportResponse) } }, ...FILES },
  })
  async performance(
    @Query() q: PerformanceReportQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<PerformanceReportResponse | StreamableFile> {
    const format = q.format ?? 'json';
    if (format === 'json') return this.reports.performance(q.year, p);
    return send(await this.reports.performanceFile(q.year, format, p), res);
  }
}
