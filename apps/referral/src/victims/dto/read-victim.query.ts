import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ACCESS_PURPOSES, type AccessPurpose } from '../../common/vocabulary.js';

export class ReadVictimQuery {
  @ApiPropertyOptional({
    enum: ACCESS_PURPOSES,
    description: 'Why the data is read (or header X-Access-Purpose); written to the access log',
  })
  @IsOptional()
  @IsIn(ACCESS_PURPOSES)
  purpose?: AccessPurpose;

  @ApiPropertyOptional({
    example: 'givenName,familyName',
    description: 'Only these personal fields (least data needed); default: all your role may read',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-zA-Z]+(,[a-zA-Z]+)*$/, { message: 'must be a comma-separated list of field names' })
  fields?: string;
}
