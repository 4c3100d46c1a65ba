import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DOCUMENT_KINDS } from '../../common/vocabulary.js';

/** A handover request: allows only `toOrg = MIA-SPU` and the officer on duty now. */
export class RequestHandoverDto {
  @ApiProperty({
    example: 'MIA-SPU',
    description: 'Must be MIA-SPU (R-4.4); any other body is refused 422 (R-4.5)',
  })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/, { message: 'must be an organisation code' })
  toOrg!: string;

  @ApiProperty({
    example: 'spu-officer-17',
    description: 'Must be the duty officer now (GET /v1/duty-roster/current)',
  })
  @IsString()
  @Length(1, 100)
  toOfficerId!: string;
}

export const DECISION_OUTCOMES = ['identified_victim', 'not_a_victim'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export class DecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;
}

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The duty officer's acceptance of a handover, recording what was delivered with the person. */
export class AcceptHandoverDto {
  @ApiPropertyOptional({
    enum: DOCUMENT_KINDS,
    isArray: true,
    example: ['passport', 'birth_certificate'],
    description:
      'Kinds of the documents delivered with the person (R-4.2), one entry per document; none delivered: [] (the default)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(DOCUMENT_KINDS, { each: true })
  documentsDelivered?: DocumentKind[];
}
