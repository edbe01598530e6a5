import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { NoControlChars, SingleLine } from '../../common/input-rules';

export class TemplateTextDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) @SingleLine() subject!: string;
  @ApiProperty({ maxLength: 20000, description: 'Plain text; a blank line starts a paragraph' })
  @IsString()
  @MaxLength(20000)
  @NoControlChars()
  body!: string;
}

export class MailTemplateResponse {
  @ApiProperty({
    enum: [
      'magic-link',
      'request-received',
      'request-accepted',
      'request-declined',
      'schedule-published',
      'schedule-changed',
      'reminder',
    ],
    enumName: 'EditableTemplate',
  })
  template!: string;
  @ApiProperty({ enum: ['en', 'da'], enumName: 'MailLanguage' }) language!: string;
  @ApiProperty({ type: String }) subject!: string;
  @ApiProperty({ type: String }) body!: string;
  @ApiProperty({ type: Boolean, description: 'Reworded by an organiser (false: the built-in wording)' })
  custom!: boolean;
  @ApiProperty({ type: [String] }) placeholders!: string[];
  @ApiProperty({ type: [String], description: 'Placeholders the body must keep' }) required!: string[];
  @ApiProperty({ type: String, nullable: true }) updatedAt!: string | null;
}

export class RenderedMailResponse {
  @ApiProperty({ type: String }) subject!: string;
  @ApiProperty({ type: String }) text!: string;
  @ApiProperty({ type: String }) html!: string;
}
