import { STATE_BODY_CODES } from '#shared';
import { handoverRefusal } from './handover-refusal.js';

const onDuty = { officerId: 'officer-7' };

describe(handoverRefusal.name, () => {
  it('R-4.4 allows the handover to the officer of the special police unit who is on duty now', () => {
    expect(handoverRefusal('MIA-SPU', 'officer-7', onDuty)).toBeUndefined();
  });

  it('R-4.5 refuses every other police or law-enforcement body, even when the officer id is the one on duty', () => {
    for (const org of [...STATE_BODY_CODES.filter((c) => c !== 'MIA-SPU'), 'NC', 'FUND', 'mia-spu', ''])
      expect([org, handoverRefusal(org, 'officer-7', onDuty)]).toEqual([org, 'not_special_police_unit']);
  });

  it('R-4.4 refuses a handover when no officer is on duty', () => {
    expect(handoverRefusal('MIA-SPU', 'officer-7', null)).toBe('no_officer_on_duty');
    expect(handoverRefusal('MIA-SPU', 'officer-7', undefined)).toBe('no_officer_on_duty');
  });

  it('R-4.4 refuses an officer of the unit who is not the one on duty now', () => {
    expect(handoverRefusal('MIA-SPU', 'officer-8', onDuty)).toBe('officer_not_on_duty');
    expect(handoverRefusal('MIA-SPU', '', onDuty)).toBe('officer_not_on_duty');
  });
});
