import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO6391,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SEXES, type Sex } from '#shared';
import { IsCalendarDate, IsInstant, IsNotFuture } from '../../common/validators.js';
import {
  DOCUMENT_KINDS,
  EXPLOITATION_FORMS,
  REFERRAL_KINDS,
  URGENT_NEEDS,
  type ReferralKind,
} from '../../common/vocabulary.js';

export class PersonDto {
  @ApiProperty({ example: 'Aysel' })
  @IsString()
  @Length(1, 100)
  givenName!: string;

  @ApiProperty({ example: 'Mammadova' })
  @IsString()
  @Length(1, 100)
  familyName!: string;

  @ApiPropertyOptional({
    example: '2004-03-17',
    description:
      'Birth date, or else ageEstimate; with neither, the age is not established and the person is presumed a child (R-6.6)',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotFuture()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 19, description: 'Estimated age in years, when the birth date is unknown' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  ageEstimate?: number;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex!: Sex;

  @ApiProperty({ example: 'AZ', description: 'ISO 3166-1 alpha-2' })
  @IsISO31661Alpha2()
  citizenship!: string;

  @ApiProperty({ example: ['az', 'ru'], description: 'ISO 639-1 codes' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsISO6391({ each: true })
  languages!: string[];

  @ApiPropertyOptional({ description: 'How to reach the person (phone, address of stay); encrypted at rest' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  contact?: string;
}

export class DocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind!: (typeof DOCUMENT_KINDS)[number];

  @ApiProperty({
    example: 'C01234567',
    description: 'Number or reference of the document; encrypted at rest',
  })
  @IsString()
  @Length(1, 100)
  reference!: string;
}

/** The report of a presumed victim or a detected crime. */
export class CreateReferralDto {
  @ApiProperty({ enum: REFERRAL_KINDS })
  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  @ApiProperty({
    example: '2026-11-25T09:30:00Z',
    description: 'When the person was identified; handoverDueAt = identifiedAt + 24 h (R-4.2)',
  })
  @IsInstant()
  @IsNotFuture()
  identifiedAt!: string;

  @ApiPropertyOptional({
    type: PersonDto,
    description:
      'Required, except for kind crime_detected when no person is known yet (R-4.1): the duty officer adds the person later',
  })
  // @clause a detected crime is reported at once even when no person is known yet
  @ValidateIf((d: CreateReferralDto) => d.kind !== 'crime_detected' || d.person !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  person?: PersonDto;

  @ApiProperty({ enum: EXPLOITATION_FORMS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EXPLOITATION_FORMS.length)
  @ArrayUnique()
  @IsIn(EXPLOITATION_FORMS, { each: true })
  exploitation!: string[];

  @ApiPropertyOptional({
    description: "What happened, in the reporter's words; encrypted at rest, never in events or logs",
  })
  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  circumstances?: string;

  @ApiProperty({ example: 'Baku' })
  @IsString()
  @Length(1, 80)
  region!: string;

  @ApiPropertyOptional({ enum: URGENT_NEEDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(URGENT_NEEDS.length)
  @ArrayUnique()
  @IsIn(URGENT_NEEDS, { each: true })
  urgentNeeds?: string[];

  @ApiPropertyOptional({ type: [DocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DocumentDto)
  documents?: DocumentDto[];
}
