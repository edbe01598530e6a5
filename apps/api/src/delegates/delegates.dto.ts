import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

const lower = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateDelegateDto {
  @ApiProperty({ example: 'Ana Ruiz' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'ana@cluster.example' })
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;
  @ApiProperty({ example: 'Cluster manager' }) @IsString() @Length(1, 120) role!: string;
  @ApiPropertyOptional({ type: [String], example: ['accessible'], description: 'Table features the delegate needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  needs?: string[];
}

export class UpdateDelegateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(lower)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120) role?: string;
  @ApiPropertyOptional({ type: [String], example: ['accessible'], description: 'Table features the delegate needs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  needs?: string[];
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
