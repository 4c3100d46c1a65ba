import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO31661Alpha2, IsOptional } from 'class-validator';
import { RETURN_STATUSES, RETURN_WISHES, type ReturnStatus, type ReturnWish } from '#shared';
import { DOCUMENT_KINDS } from '../../common/vocabulary.js';
import type { ReturnCase } from '../return-case.entity.js';

export class OpenReturnDto {
  @ApiProperty({ enum: RETURN_WISHES, description: "The victim's own wish; nothing happens against it" })
  @IsIn(RETURN_WISHES)
  wish!: ReturnWish;

  @ApiProperty({ example: 'UZ', description: 'ISO 3166-1 alpha-2 country of return' })
  @IsISO31661Alpha2()
  destinationCountry!: string;

  @ApiPropertyOptional({ enum: DOCUMENT_KINDS, isArray: true, example: ['travel_document'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_KINDS.length)
  @ArrayUnique()
  @IsIn(DOCUMENT_KINDS, { each: true })
  documentsNeeded?: string[];
}

const TARGETS = RETURN_STATUSES.filter((s) => s !== 'requested');

export class ReturnTransitionDto {
  @ApiProperty({ enum: TARGETS })
  @IsIn(TARGETS)
  status!: Exclude<ReturnStatus, 'requested'>;
}

export class ReturnResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() victimRef!: string;
  @ApiProperty({ enum: RETURN_WISHES }) wish!: ReturnWish;
  @ApiProperty() destinationCountry!: string;
  @ApiProperty({ type: [String] }) documentsNeeded!: string[];
  @ApiProperty({ enum: RETURN_STATUSES }) status!: ReturnStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(c: ReturnCase, victimRef: string): ReturnResponse {
    return Object.assign(new ReturnResponse(), {
      id: c.id,
      victimRef,
      wish: c.wish,
      destinationCountry: c.destinationCountry,
      documentsNeeded: c.documentsNeeded,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    });
  }
}
