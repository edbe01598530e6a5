import { ApiProperty } from '@nestjs/swagger';

/** A secret calendar feed URL (anyone with it can read the calendar, without a login). */
export class FeedResponse {
  @ApiProperty({ type: String, example: 'http://localhost:3000/calendars/Zx9...Q.ics' }) url!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
}
