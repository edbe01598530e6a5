import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { SingleLine } from '../common/input-rules';
import { TERM_KINDS, TermKind } from './taxonomy-term.entity';

export class CreateTermDto {
  @ApiProperty({ enum: TERM_KINDS }) @IsIn(TERM_KINDS) kind!: TermKind;
  @ApiProperty({ example: 'Renewable energy' }) @IsString() @Length(1, 120) @SingleLine() name!: string;
}

export class UpdateTermDto {
  @ApiProperty() @IsString() @Length(1, 120) @SingleLine() name!: string;
}

export class TermQueryDto {
  @ApiPropertyOptional({ enum: TERM_KINDS }) @IsOptional() @IsIn(TERM_KINDS) kind?: TermKind;
}
