import { ApiProperty } from '@nestjs/swagger';
import type { DutyShift } from '../duty-shift.entity.js';

export class DutyShiftResponse {
  @ApiProperty() officerId!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;

  static of(s: DutyShift): DutyShiftResponse {
    return Object.assign(new DutyShiftResponse(), {
      officerId: s.officerId,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    });
  }
}

export class DutyRosterResponse {
  @ApiProperty({ type: [DutyShiftResponse] }) shifts!: DutyShiftResponse[];
}
