import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, OrganiserPrincipal, OrganiserRoles, Principal, Roles } from '../auth/decorators';
import { fileContent } from '../common/dto/common-responses.dto';
import { AuditLog } from './audit-log';
import { AuditExportQueryDto, AuditQueryDto } from './dto/privacy.dto';
import {
  AuditEntryResponse,
  AuditPageResponse,
  ErasurePreviewResponse,
  ErasureReportResponse,
  PersonalDataExportResponse,
} from './dto/privacy-responses.dto';
import { PrivacyService } from './privacy.service';

interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/** Issue 17: a person's data export and erasure, and the audit log. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly audit: AuditLog,
  ) {}

  @Get('me/export')
  @Roles('delegate')
  @ApiOperation({
    summary:
      'Everything the service holds about the signed-in delegate: profile, cluster, requests, meetings, availability, feedback, mails, consent (JSON)',
  })
  @ApiOkResponse({ type: PersonalDataExportResponse })
  myExport(@CurrentPrincipal() p: Principal): Promise<PersonalDataExportResponse> {
    if (p.kind !== 'delegate') throw new Error('unreachable: @Roles(delegate)');
    return this.privacy.export(p.delegateId, p);
  }

  @Get('delegates/:delegateId/export')
  @OrganiserRoles('owner', 'organiser')
  @ApiOperation({
    summary:
      "A person's data export (the delegate themself, or an organiser for a person who asked); recorded in the audit log",
  })
  @ApiOkResponse({ type: PersonalDataExportResponse })
  export(
    @Param('delegateId') delegateId: string,
    @CurrentPrincipal() p: Principal,
  ): Promise<PersonalDataExportResponse> {
    return this.privacy.export(delegateId, p);
  }

  @Get('delegates/:delegateId/erasure')
  @OrganiserRoles('owner', 'organiser')
  @ApiOperation({
    summary:
      'What erasing the person would do: the upcoming meetings that are cancelled and whose delegates are mailed',
  })
  @ApiOkResponse({ type: ErasurePreviewResponse })
  preview(@Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<ErasurePreviewResponse> {
    return this.privacy.preview(delegateId, p);
  }

  @Post('delegates/:delegateId/erasure')
  @OrganiserRoles('owner', 'organiser')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Erase a person (the delegate themself, or an organiser): name, e-mail, role and free texts replaced everywhere, links and feeds revoked; counterparts of cancelled upcoming meetings are mailed first. 409 if erased already',
  })
  @ApiOkResponse({ type: ErasureReportResponse })
  erase(@Param('delegateId') delegateId: string, @CurrentPrincipal() p: Principal): Promise<ErasureReportResponse> {
    return this.privacy.erase(delegateId, p);
  }

  @Get('audit-log')
  @Roles('organiser')
  @OrganiserRoles('owner')
  @ApiOperation({
    summary:
      "Owners: their organisation's actions on personal data and schedules (import, edit, erase, publish, export, notice, retention), newest first",
  })
  @ApiOkResponse({ type: AuditPageResponse })
  auditLog(@Query() q: AuditQueryDto, @CurrentPrincipal() p: OrganiserPrincipal): Promise<AuditPageResponse> {
    return this.audit.list({ ...q, organisationId: p.organisationId });
  }

  @Get('audit-log/export')
  @Roles('organiser')
  @OrganiserRoles('owner')
  @ApiOperation({ summary: "Owners: their organisation's whole audit log, oldest first, as CSV (default) or JSON" })
  @ApiOkResponse({
    description:
      'CSV rows (at, actor_kind, actor_id, actor_email, action, target_type, target_id, event_id, summary) or JSON',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AuditEntryResponse) } } },
      ...fileContent('text/csv'),
    },
  })
  async auditExport(
    @Query() q: AuditExportQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
    @CurrentPrincipal() p: OrganiserPrincipal,
  ): Promise<AuditEntryResponse[] | StreamableFile> {
    if (q.format === 'json') return this.audit.all(p.organisationId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    return new StreamableFile(await this.audit.csv(p.organisationId));
  }
}
