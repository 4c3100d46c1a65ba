import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VictimDocumentView {
  @ApiProperty() kind!: string;
  @ApiProperty() reference!: string;
}

/** A victim's personal data, as read by an authorised role; every read is in the access log. */
export class VictimResponse {
  @ApiProperty() victimRef!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() sex!: string;
  @ApiProperty() citizenship!: string;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiPropertyOptional() givenName?: string;
  @ApiPropertyOptional() familyName?: string;
  @ApiPropertyOptional() dateOfBirth?: string;
  @ApiPropertyOptional() ageEstimate?: number;
  @ApiPropertyOptional() contact?: string;
  @ApiPropertyOptional() circumstances?: string;
  @ApiPropertyOptional({ type: [VictimDocumentView] }) documents?: VictimDocumentView[];
}

export class AccessLogEntryResponse {
  @ApiProperty() at!: string;
  @ApiProperty() actorSub!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty() actorOrg!: string;
  @ApiProperty({ type: [String], description: 'Personal fields read' }) fields!: string[];
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: ['granted', 'refused'] }) outcome!: string;
}
