import { ApiProperty } from '@nestjs/swagger';
import { TERM_KINDS } from '../taxonomy-term.entity';

/** A sector or technology area. */
export class TermResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ enum: TERM_KINDS, enumName: 'TermKind' }) kind!: string;
  @ApiProperty({ type: String, description: 'The English label' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The Danish label; null: the English one is shown' })
  nameDa!: string | null;
}

/** A term with the number of clusters that use it (the taxonomy page). */
export class TermUsageResponse extends TermResponse {
  @ApiProperty({ type: Number }) clusters!: number;
}

export class MergeResultResponse {
  @ApiProperty({ type: TermResponse, description: 'The surviving term' }) term!: TermResponse;
  @ApiProperty({ type: Number, description: 'Clusters moved to the surviving term' }) moved!: number;
  @ApiProperty({ type: Number, description: 'Clusters that had both terms (they keep the surviving one)' })
  hadBoth!: number;
}
