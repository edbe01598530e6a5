import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of a request, at the field (or CSV row and column) where it is. */
export class FieldErrorResponse {
  @ApiProperty({ type: String, example: 'days[0].startTime', description: 'Field path, or `row 4, column email`' })
  path!: string;
  @ApiProperty({
    type: String,
    example: 'time_format',
    description: 'Stable code of the problem (`unknown` for one without its own code yet)',
  })
  code!: string;
  @ApiProperty({ type: String, example: 'must be a time HH:mm', description: "In the asker's language" })
  message!: string;
}

/** Every error answer of the service (4xx and 5xx), from the one exception filter. */
export class ErrorResponse {
  @ApiProperty({ type: Number, example: 400 }) statusCode!: number;
  @ApiProperty({ type: String, example: 'Bad Request' }) error!: string;
  @ApiProperty({
    type: String,
    example: 'validation',
    description:
      'The kind of error: validation, unprocessable, not_found, conflict, forbidden, unauthorised, too_many_requests, payload_too_large, internal',
  })
  code!: string;
  @ApiProperty({
    type: String,
    example: 'time_format',
    description: 'Stable code of the message (`fields` when several fields are named, `unknown` when it has none yet)',
  })
  messageCode!: string;
  @ApiProperty({
    type: String,
    example: 'days[0].startTime: must be a time HH:mm',
    description: "In the asker's language: the signed-in delegate's setting, else Accept-Language, else English",
  })
  message!: string;
  @ApiPropertyOptional({
    type: String,
    description: 'The English original, when a Danish answer could only name the kind of error',
  })
  messageEn?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'Present when the problem is in named fields' })
  fields?: FieldErrorResponse[];
}

/** A plain confirmation. */
export class MessageResponse {
  @ApiProperty({ type: String }) message!: string;
}

/** How many mails were queued. */
export class QueuedResponse {
  @ApiProperty({ type: Number, example: 12 }) queued!: number;
}

/** A binary or text file answer (CSV, XLSX, iCalendar), documented per content type. */
export const fileContent = (...types: string[]): Record<string, { schema: { type: 'string'; format: 'binary' } }> =>
  Object.fromEntries(types.map((t) => [t, { schema: { type: 'string' as const, format: 'binary' as const } }]));
