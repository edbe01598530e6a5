import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { OptionalNotNull, SingleLine } from '../common/input-rules';
import { TERM_KINDS, TermKind } from './taxonomy-term.entity';

export class CreateTermDto {
  @ApiProperty({ enum: TERM_KINDS }) @IsIn(TERM_KINDS) kind!: TermKind;
  @ApiProperty({ example: 'Renewable energy', description: 'The English label' })
  @IsString()
  @Length(1, 120)
  @SingleLine()
  name!: string;
  @ApiPropertyOptional({ type: String, example: 'Vedvarende energi', description: 'The Danish label' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 120)
  @SingleLine()
  nameDa?: string;
}

/** Either label may be left out to keep it; `nameDa: null` clears the Danish label. */
export class UpdateTermDto {
  @ApiPropertyOptional({ description: 'The English label' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 120)
  @SingleLine()
  name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The Danish label (null clears it)' })
  @IsOptional()
  @ValidateIf((_o: unknown, v: unknown) => v !== null)
  @IsString()
  @Length(1, 120)
  @SingleLine()
  nameDa?: string | null;
}

export class MergeTermDto {
  @ApiProperty({ description: 'The term that stays; every cluster of the merged term moves to it' })
  @IsString()
  @Length(1, 36)
  intoTermId!: string;
}

export class TermQueryDto {
  @ApiPropertyOptional({ enum: TERM_KINDS }) @IsOptional() @IsIn(TERM_KINDS) kind?: TermKind;
}
