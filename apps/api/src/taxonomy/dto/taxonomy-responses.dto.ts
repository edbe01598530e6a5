import { ApiProperty } from '@nestjs/swagger';
import { TERM_KINDS } from '../taxonomy-term.entity';

/** A sector or technology area. */
export class TermResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ enum: TERM_KINDS, enumName: 'TermKind' }) kind!: string;
  @ApiProperty({ type: String }) name!: string;
}
