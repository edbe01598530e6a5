import { ApiProperty } from '@nestjs/swagger';

/** What an import did (all rows, or none when any row is bad). */
export class ImportResultResponse {
  @ApiProperty({ type: Number, description: 'Data rows read' }) rows!: number;
  @ApiProperty({ type: Number }) created!: number;
  @ApiProperty({ type: Number }) updated!: number;
  @ApiProperty({ type: Number, description: 'Clusters newly registered for the event' }) registered!: number;
}
