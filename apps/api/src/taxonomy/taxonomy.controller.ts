import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { CreateTermDto, MergeTermDto, TermQueryDto, UpdateTermDto } from './taxonomy.dto';
import { MergeResultResponse, TermResponse, TermUsageResponse } from './dto/taxonomy-responses.dto';
import { TaxonomyService } from './taxonomy.service';

@ApiTags('taxonomy')
@ApiBearerAuth()
@Controller('taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @ApiOperation({ summary: 'Sectors and technology areas' })
  @ApiOkResponse({ type: [TermResponse] })
  list(@Query() q: TermQueryDto): Promise<TermResponse[]> {
    return this.taxonomy.list(q.kind);
  }

  @Roles('organiser')
  @Get('usage')
  @ApiOperation({ summary: 'Organiser: every term with the number of clusters using it' })
  @ApiOkResponse({ type: [TermUsageResponse] })
  usage(@Query() q: TermQueryDto): Promise<TermUsageResponse[]> {
    return this.taxonomy.usage(q.kind);
  }

  @Roles('organiser')
  @Post()
  @ApiOperation({ summary: 'Organiser: add a sector or technology area (English and optional Danish label)' })
  @ApiCreatedResponse({ type: TermResponse })
  create(@Body() dto: CreateTermDto): Promise<TermResponse> {
    return this.taxonomy.create(dto.kind, dto.name, dto.nameDa);
  }

  @Roles('organiser')
  @Post(':termId/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Organiser: merge a term into another of the same kind (every cluster moves to it; one transaction)',
  })
  @ApiOkResponse({ type: MergeResultResponse })
  merge(@Param('termId') termId: string, @Body() dto: MergeTermDto): Promise<MergeResultResponse> {
    return this.taxonomy.merge(termId, dto.intoTermId);
  }

  @Roles('organiser')
  @Patch(':termId')
  @ApiOperation({ summary: 'Organiser: rename a term (English and/or Danish label)' })
  @ApiOkResponse({ type: TermResponse })
  rename(@Param('termId') termId: string, @Body() dto: UpdateTermDto): Promise<TermResponse> {
    return this.taxonomy.rename(termId, dto);
  }

  @Roles('organiser')
  @Delete(':termId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Organiser: delete an unused term (409 if clusters use it)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@Param('termId') termId: string): Promise<void> {
    return this.taxonomy.remove(termId);
  }
}
