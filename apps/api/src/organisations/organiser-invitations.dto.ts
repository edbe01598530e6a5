import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { OptionalNotNull, SingleLine } from '../common/input-rules';
import { ORGANISER_ROLES, type OrganiserRole } from './organisation.entity';

/** The languages an invitation mail is written in. */
export const INVITATION_LANGUAGES = ['en', 'da'] as const;
export type InvitationLanguage = (typeof INVITATION_LANGUAGES)[number];

const lower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** An owner invites someone to organise with their organisation. */
export class InviteOrganiserDto {
  @ApiProperty({ example: 'kim@partner.example' })
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;
  @ApiProperty({ example: 'Kim Hansen' }) @IsString() @Length(1, 200) @SingleLine() name!: string;
  @ApiProperty({ enum: ORGANISER_ROLES })
  @IsIn(ORGANISER_ROLES as unknown as string[])
  role!: OrganiserRole;
  @ApiPropertyOptional({ enum: INVITATION_LANGUAGES, description: "The mail's language (default English)" })
  @OptionalNotNull()
  @IsIn(INVITATION_LANGUAGES)
  language?: InvitationLanguage;
}

/** The token of an invitation link. */
export class InvitationTokenDto {
  @ApiProperty() @IsString() @Length(20, 200) token!: string;
}

/** The invitee accepts: the password they chose (and their name, if they change it). */
export class AcceptOrganiserInvitationDto extends InvitationTokenDto {
  @ApiPropertyOptional({ description: 'Default: the name the owner gave' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  @SingleLine()
  name?: string;
  @ApiProperty({ description: '10 to 72 characters' })
  @IsString()
  @Length(10, 72, { message: 'must be 10 to 72 characters long' })
  password!: string;
}

/** A pending invitation (not accepted, not revoked), as its organisation's owners see it. */
export class OrganiserInvitationResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ enum: ORGANISER_ROLES }) role!: OrganiserRole;
  @ApiProperty({ enum: INVITATION_LANGUAGES }) language!: InvitationLanguage;
  @ApiProperty({ type: String, description: 'The name of the owner who invited (or resent)' }) invitedBy!: string;
  @ApiProperty({ type: String, description: 'ISO 8601: when the mail was (last) sent' }) createdAt!: string;
  @ApiProperty({ type: String, description: 'ISO 8601' }) expiresAt!: string;
  @ApiProperty({ type: Boolean, description: 'The link has expired: resend it' }) expired!: boolean;
}

/** What the invitation page shows before the invitee sets a password. */
export class OrganiserInvitationPreviewResponse {
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ enum: ORGANISER_ROLES }) role!: OrganiserRole;
  @ApiProperty({ type: String }) organisationName!: string;
  @ApiProperty({ enum: INVITATION_LANGUAGES }) language!: InvitationLanguage;
  @ApiProperty({ type: String, description: 'ISO 8601' }) expiresAt!: string;
}
