import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsISO6391,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
} from 'class-validator';
import type { LegalAidProvider } from '../legal-aid-provider.entity.js';

export class CreateLegalAidProviderDto {
  @ApiProperty({ example: 'Azerbaijan Bar Association — free legal aid centre' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Baku' })
  @IsString()
  @Length(1, 80)
  region!: string;

  @ApiPropertyOptional({
    example: 'NGO-LAW-1',
    description:
      'Organisation code its service_provider staff sign in with; legal-aid requests can be addressed only to a provider with one (R-3.1)',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/, { message: 'must be an organisation code' })
  orgCode?: string;

  @ApiProperty({ example: ['az', 'ru', 'en'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsISO6391({ each: true })
  languages!: string[];

  @ApiPropertyOptional({ example: '+994 12 000 00 00' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string;
}

export class LegalAidProviderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() website?: string;
  @ApiPropertyOptional({ description: 'Organisation code legal-aid requests are addressed to' })
  orgCode?: string;

  static of(p: LegalAidProvider): LegalAidProviderResponse {
    return Object.assign(new LegalAidProviderResponse(), {
      id: p.id,
      name: p.name,
      region: p.region,
      languages: p.languages,
      ...(p.phone ? { phone: p.phone } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.website ? { website: p.website } : {}),
      ...(p.orgCode ? { orgCode: p.orgCode } : {}),
    });
  }
}

export class ProvidersQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  region?: string;

  @ApiPropertyOptional({ description: 'ISO 639-1' })
  @IsOptional()
  @IsISO6391()
  language?: string;
}
