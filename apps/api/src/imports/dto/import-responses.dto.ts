import { ApiProperty } from '@nestjs/swagger';

/** What an import did (all rows, or none when any row is bad). */
export class ImportResultResponse {
  @ApiProperty({ type: Number, description: 'Data rows read' }) rows!: number;
  @ApiProperty({ type: Number }) created!: number;
  @ApiProperty({ type: Number }) updated!: number;
  @ApiProperty({ type: Number, description: 'Clusters newly registered for the event' }) registered!: number;
}

export class TermSuggestionResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
}

/** A sector or technology of a cluster file that the taxonomy lacks. */
export class UnknownTermResponse {
  @ApiProperty({ enum: ['sector', 'technology'], enumName: 'TermKind' }) kind!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: [Number], description: "The file's rows that name it" }) rows!: number[];
  @ApiProperty({
    type: TermSuggestionResponse,
    nullable: true,
    description: 'An existing term that looks like it (e.g. "Agrifood" for "Agri-food")',
  })
  suggestion!: TermSuggestionResponse | null;
}
