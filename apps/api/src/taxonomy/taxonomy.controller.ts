import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { CreateTermDto, TermQueryDto, UpdateTermDto } from './taxonomy.dto';
import { TaxonomyTermEntity } from './taxonomy-term.entity';
import { TaxonomyService } from './taxonomy.service';

@ApiTags('taxonomy')
@ApiBearerAuth()
@Controller('taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @ApiOperation({ summary: 'Sectors and technology areas' })
  list(@Query() q: TermQueryDto): Promise<TaxonomyTermEntity[]> {
    return this.taxonomy.list(q.kind);
  }

  @Roles('organiser')
  @Post()
  @ApiOperation({ summary: 'Organiser: add a sector or technology area' })
  create(@Body() dto: CreateTermDto): Promise<TaxonomyTermEntity> {
    return this.taxonomy.create(dto.kind, dto.name);
  }

  @Roles('organiser')
  @Patch(':termId')
  @ApiOperation({ summary: 'Organiser: rename a term' })
  rename(@Param('termId') termId: string, @Body() dto: UpdateTermDto): Promise<TaxonomyTermEntity> {
    return this.taxonomy.rename(termId, dto.name);
  }

  @Roles('organiser')
  @Delete(':termId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Organiser: delete an unused term (409 if clusters use it)' })
  remove(@Param('termId') termId: string): Promise<void> {
    return this.taxonomy.remove(termId);
  }
}
