import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

export class CreatePayoutBatchDto {
  @ApiProperty({ type: [String], description: 'Approved bank-transfer payouts to send in one pain.001 file' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ArrayUnique() @IsUUID('all', { each: true })
  payoutIds!: string[];
}

export class PayoutBatchResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'pain.001 message id' }) messageId!: string;
  @ApiProperty() payoutCount!: number;
  @ApiProperty() controlSumMinor!: number;
  @ApiProperty({ enum: ['AZN'] }) currency!: 'AZN';
  @ApiProperty({ type: [String] }) payoutIds!: string[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
}
