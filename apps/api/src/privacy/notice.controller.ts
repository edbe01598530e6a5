import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, OrganiserRoles, Principal, Roles } from '../auth/decorators';
import { AcceptNoticeDto, MyPrivacyDto, PublishNoticeDto, RetentionDto } from './dto/privacy.dto';
import {
  MyPrivacyResponse,
  NoticeResponse,
  NoticesResponse,
  RetentionReportResponse,
  RetentionResponse,
} from './dto/privacy-responses.dto';
import { NoticeService } from './notice.service';

const delegateId = (p: Principal): string => (p.kind === 'delegate' ? p.delegateId : '');

/** Issue 17: the organisation's privacy notice and retention, and the delegate's acceptance and directory choice. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class NoticeController {
  constructor(private readonly notices: NoticeService) {}

  @Get('privacy/notice')
  @Roles('organiser')
  @ApiOperation({ summary: "The organisation's privacy notice: the current version and every earlier one" })
  @ApiOkResponse({ type: NoticesResponse })
  list(@CurrentPrincipal() p: Principal): Promise<NoticesResponse> {
    return this.notices.notices(p);
  }

  @Put('privacy/notice')
  @Roles('organiser')
  @OrganiserRoles('owner')
  @ApiOperation({
    summary: 'Publish a new version of the privacy notice (owners); every delegate accepts it at their next sign-in',
  })
  @ApiOkResponse({ type: NoticeResponse })
  publish(@Body() dto: PublishNoticeDto, @CurrentPrincipal() p: Principal): Promise<NoticeResponse> {
    return this.notices.publishNotice(p, dto.text);
  }

  @Get('privacy/retention')
  @Roles('organiser')
  @ApiOperation({ summary: "The organisation's retention setting and the report of the job's last run" })
  @ApiOkResponse({ type: RetentionResponse })
  retention(@CurrentPrincipal() p: Principal): Promise<RetentionResponse> {
    return this.notices.retention(p);
  }

  @Put('privacy/retention')
  @Roles('organiser')
  @OrganiserRoles('owner')
  @ApiOperation({ summary: 'Set the retention (owners): months after the last event, days a sent mail keeps its body' })
  @ApiOkResponse({ type: RetentionResponse })
  setRetention(@Body() dto: RetentionDto, @CurrentPrincipal() p: Principal): Promise<RetentionResponse> {
    return this.notices.setRetention(p, dto);
  }

  @Post('privacy/retention/run')
  @Roles('organiser')
  @OrganiserRoles('owner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the retention job now (owners; it also runs daily) and get its report' })
  @ApiOkResponse({ type: RetentionReportResponse })
  run(@CurrentPrincipal() p: Principal): Promise<RetentionReportResponse> {
    return this.notices.runNow(p);
  }

  @Get('me/privacy')
  @Roles('delegate')
  @ApiOperation({ summary: 'Your directory choice, the current privacy notice and whether you must accept it' })
  @ApiOkResponse({ type: MyPrivacyResponse })
  mine(@CurrentPrincipal() p: Principal): Promise<MyPrivacyResponse> {
    return this.notices.mine(delegateId(p));
  }

  @Put('me/privacy')
  @Roles('delegate')
  @ApiOperation({ summary: 'Choose whether your name and role are listed on your cluster profile in the directory' })
  @ApiOkResponse({ type: MyPrivacyResponse })
  setMine(@Body() dto: MyPrivacyDto, @CurrentPrincipal() p: Principal): Promise<MyPrivacyResponse> {
    return this.notices.setDirectoryVisible(delegateId(p), dto.directoryVisible);
  }

  @Post('me/privacy/accept')
  @Roles('delegate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the current privacy notice (409 when the version is not the current one)' })
  @ApiOkResponse({ type: MyPrivacyResponse })
  accept(@Body() dto: AcceptNoticeDto, @CurrentPrincipal() p: Principal): Promise<MyPrivacyResponse> {
    return this.notices.accept(delegateId(p), dto.version);
  }
}
