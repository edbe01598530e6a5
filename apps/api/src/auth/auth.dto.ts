import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { USER_LANGUAGES, type UserLanguage } from '../common/language';

export class LoginDto {
  @ApiProperty({ example: 'organiser@example.org' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
}

export class MagicLinkRequestDto {
  @ApiProperty({ example: 'delegate@cluster.example' }) @IsEmail() @MaxLength(254) email!: string;
}

export class MagicLinkVerifyDto {
  @ApiProperty() @IsString() @Length(20, 200) token!: string;
}

export class TokenResponse {
  @ApiProperty({ type: String }) accessToken!: string;
  @ApiProperty({ type: Number, description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ enum: ['organiser', 'delegate'] }) kind!: 'organiser' | 'delegate';
}

/** `PATCH /auth/me`: the signed-in organiser's own settings. */
export class UpdateOrganiserMeDto {
  @ApiPropertyOptional({
    enum: USER_LANGUAGES,
    enumName: 'UserLanguage',
    nullable: true,
    description: "The organiser's language: their mails, error messages and the web app after sign-in; null: none",
  })
  @IsOptional()
  @IsIn(USER_LANGUAGES, { message: 'must be en or da' })
  language?: UserLanguage | null;
}
