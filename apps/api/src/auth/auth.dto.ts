import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

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
