import { ApiProperty } from '@nestjs/swagger';

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: String, example: 'better-sqlite3', description: 'The database driver in use' })
  database!: string;
}
