import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../auth/decorators';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { MailTemplateResponse, RenderedMailResponse, TemplateTextDto } from './dto/template.dto';
import { TemplatesService } from './templates.service';

/** The organiser's wording of the transactional mails, per template and language. */
@ApiTags('mail')
@ApiBearerAuth()
@Roles('organiser')
@Controller('mail/templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every editable mail in English and Danish, with its placeholders and the required ones.' })
  @ApiOkResponse({ type: [MailTemplateResponse] })
  list(): Promise<MailTemplateResponse[]> {
    return this.templates.list();
  }

  @Put(':template/:language')
  @ApiOperation({ summary: 'Reword a mail (422 naming the field when a required placeholder is dropped).' })
  @ApiOkResponse({ type: MailTemplateResponse })
  save(
    @Param('template') template: string,
    @Param('language') language: string,
    @Body() dto: TemplateTextDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<MailTemplateResponse> {
    return this.templates.save(template, language, dto, p.email);
  }

  @Delete(':template/:language')
  @ApiOperation({ summary: 'Back to the built-in wording.' })
  @ApiOkResponse({ type: MailTemplateResponse })
  reset(@Param('template') template: string, @Param('language') language: string): Promise<MailTemplateResponse> {
    return this.templates.reset(template, language);
  }

  @Post(':template/:language/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The mail a wording gives, with sample data. Saves and sends nothing.' })
  @ApiOkResponse({ type: RenderedMailResponse })
  preview(
    @Param('template') template: string,
    @Param('language') language: string,
    @Body() dto: TemplateTextDto,
  ): RenderedMailResponse {
    return this.templates.preview(template, language, dto, this.config.publicUrl);
  }
}
