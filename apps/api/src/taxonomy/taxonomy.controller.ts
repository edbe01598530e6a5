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
import { CreateTermDto, TermQueryDto, UpdateTermDto } from './taxonomy.dto';
import { TermResponse } from './dto/taxonomy-responses.dto';
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
  @Post()
  @ApiOperation({ summary: 'Organiser: add a sector or technology area' })
  @ApiCreatedResponse({ type: TermResponse })
  create(@Body() dto: CreateTermDto): Promise<TermResponse> {
    return this.taxonomy.create(dto.kind, dto.name);
  }

  @Roles('organiser')
  @Patch(':termId')
  @ApiOperation({ summary: 'Organiser: rename a term' })
  @ApiOkResponse({ type: TermResponse })
  rename(@Param('termId') termId: string, @Body() dto: UpdateTermDto): Promise<TermResponse> {
    return this.taxonomy.rename(termId, dto.name);
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
