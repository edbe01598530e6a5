import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ORGANISER_ROLES, type OrganiserRole } from './organisation.entity';

export class OrganiserRoleDto {
  @ApiProperty({ enum: ORGANISER_ROLES })
  @IsIn(ORGANISER_ROLES as unknown as string[])
  role!: OrganiserRole;
}

/** An organiser of the asker's organisation. */
export class OrganiserResponse {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) email!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ enum: ORGANISER_ROLES }) role!: OrganiserRole;
  @ApiProperty({ type: String, description: 'ISO 8601' }) createdAt!: string;
}
