import { validateSync } from 'class-validator';
import { IsCalendarDate, IsInstant, IsNotFuture } from './validators.js';

class Sample {
  @IsInstant() @IsNotFuture() at!: string;
  @IsCalendarDate() @IsNotFuture() day!: string;
}

const errorsOf = (at: string, day = '2000-01-01') =>
  validateSync(Object.assign(new Sample(), { at, day })).map((e) => e.property);

describe('validators', () => {
  it('accepts instants with a zone and real calendar dates in the past', () => {
    expect(errorsOf('2026-01-10T08:15:00Z')).toEqual([]);
    expect(errorsOf('2026-01-10T12:15:00.123+04:00')).toEqual([]);
  });

  it('refuses instants without a zone, impossible dates and the future', () => {
    expect(errorsOf('2026-01-10T08:15:00')).toEqual(['at']);
    expect(errorsOf('2026-02-30T08:15:00Z')).toEqual(['at']);
    expect(errorsOf(new Date(Date.now() + 3_600_000).toISOString())).toEqual(['at']);
    expect(errorsOf('2026-01-10T08:15:00Z', '2001-02-29')).toEqual(['day']);
    expect(errorsOf('2026-01-10T08:15:00Z', '2999-01-01')).toEqual(['day']);
  });
});
