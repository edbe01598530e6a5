import { ApiProperty } from '@nestjs/swagger';

/** `GET /auth/me` for an organiser. */
export class OrganiserMeResponse {
  @ApiProperty({ enum: ['organiser'] }) kind!: 'organiser';
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) name!: string;
  /** The organiser's role in their organisation: owner (manages organisers), organiser, viewer (read-only). */
  @ApiProperty({ enum: ['owner', 'organiser', 'viewer'] }) role!: 'owner' | 'organiser' | 'viewer';
  @ApiProperty({ type: String }) organisationId!: string;
  @ApiProperty({ type: String }) organisationName!: string;
  @ApiProperty({
    enum: ['en', 'da'],
    enumName: 'UserLanguage',
    nullable: true,
    description: 'The language the organiser chose (mails, error messages, the web app after sign-in); null: none',
  })
  language!: 'en' | 'da' | null;
}

/** `GET /auth/me` for a delegate: also their role and cluster. */
export class DelegateMeResponse {
  @ApiProperty({ enum: ['delegate'] }) kind!: 'delegate';
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) role!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({
    enum: ['en', 'da'],
    enumName: 'UserLanguage',
    nullable: true,
    description: 'The language the delegate chose (the web app follows it after sign-in); null: none chosen',
  })
  language!: 'en' | 'da' | null;
}

/** Who is signed in: an organiser or a delegate (told apart by `kind`). */
export type MeResponse = OrganiserMeResponse | DelegateMeResponse;
