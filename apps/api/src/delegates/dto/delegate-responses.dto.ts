import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A delegate of a cluster. */
export class DelegateResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) clusterId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) role!: string;
  @ApiProperty({ type: [String], example: ['accessible'], description: 'Table features the delegate needs' })
  needs!: string[];
  @ApiProperty({
    enum: ['en', 'da'],
    enumName: 'UserLanguage',
    nullable: true,
    description: "The delegate's language (mails, web app); null: the event's default",
  })
  language!: 'en' | 'da' | null;
}

/** A slot as named in a delegate's unavailability. */
export class UnavailableSlotResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String, example: 'd1s03' }) code!: string;
  @ApiProperty({ type: String, description: 'ISO 8601 (UTC)' }) start!: string;
  @ApiProperty({ type: String, description: 'ISO 8601 (UTC)' }) end!: string;
}

/** The slots of an event in which a delegate cannot meet. */
export class UnavailabilityResponse {
  @ApiProperty({ type: [UnavailableSlotResponse] }) slots!: UnavailableSlotResponse[];
}

/** A delegate's edit: `pendingEmail` while a new address waits for its owner to follow the mailed link. */
export class DelegateUpdateResponse extends DelegateResponse {
  @ApiPropertyOptional({ type: String, description: 'The new address, until the link mailed there is followed' })
  pendingEmail?: string;
}

/** A delegate invited someone: the same answer whether or not the address belongs to another cluster. */
export class InvitationResponse {
  @ApiProperty({ type: String, enum: ['invited'] }) status!: 'invited';
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) message!: string;
}
