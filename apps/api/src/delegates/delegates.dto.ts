import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OptionalNotNull, SingleLine } from '../common/input-rules';
import { USER_LANGUAGES, UserLanguage } from '../common/language';

const lower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateDelegateDto {
  @ApiProperty({ example: 'Ana Ruiz' }) @IsString() @Length(1, 200) @SingleLine() name!: string;
  @ApiProperty({ example: 'ana@cluster.example' })
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;
  @ApiProperty({ example: 'Cluster manager' }) @IsString() @Length(1, 120) @SingleLine() role!: string;
  @ApiPropertyOptional({ type: [String], example: ['accessible'], description: 'Table features the delegate needs' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @SingleLine({ each: true })
  needs?: string[];
}

export class UpdateDelegateDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 200) @SingleLine() name?: string;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @Length(1, 120) @SingleLine() role?: string;
  @ApiPropertyOptional({ type: [String], example: ['accessible'], description: 'Table features the delegate needs' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @SingleLine({ each: true })
  needs?: string[];
  @ApiPropertyOptional({
    enum: USER_LANGUAGES,
    enumName: 'UserLanguage',
    nullable: true,
    description: "The language of the delegate's mails and of the web app after sign-in; null: the event's default",
  })
  @IsOptional()
  @IsIn(USER_LANGUAGES, { message: 'must be en or da' })
  language?: UserLanguage | null;
}

export class UnavailabilityDto {
  @ApiProperty({
    type: [String],
    description: 'Slot ids (or codes like d1s03) of this event in which the delegate cannot meet',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  slots!: string[];
}
