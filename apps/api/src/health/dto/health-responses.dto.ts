import { ApiProperty } from '@nestjs/swagger';

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: String, example: 'better-sqlite3', description: 'The database driver in use' })
  database!: string;
}

/** A part of the database that failed its check. */
export class FailedPartResponse {
  @ApiProperty({
    type: String,
    example: 'table cluster',
    description: '`connection`, `migrations`, `table <name>` or `integrity`',
  })
  part!: string;
  @ApiProperty({ type: String, example: 'PRAGMA quick_check: database disk image is malformed' }) message!: string;
}

/** 503: the database does not answer as it should; `failed` names the parts. */
export class HealthFailureResponse {
  @ApiProperty({ enum: ['error'] }) status!: 'error';
  @ApiProperty({ type: String, example: 'better-sqlite3' }) database!: string;
  @ApiProperty({ type: [FailedPartResponse] }) failed!: FailedPartResponse[];
}
