import type { Principal } from '#shared';
import type { Referral } from '../referral.entity.js';
import { ReferralResponse } from './referral.response.js';

const now = new Date('2026-11-25T12:00:00Z');
const base = {
  id: '7d1f2c8e-1111-4a5b-9c0d-000000000001',
  caseNumber: 'NRM-2026-000001',
  victimRef: 'V-0123456789ABCDEFGHJK',
  kind: 'presumed_victim',
  status: 'reported',
  reportingOrg: 'MOH',
  region: 'Baku',
  exploitation: ['labour'],
  urgentNeeds: [],
  identifiedAt: new Date('2026-11-25T10:00:00Z'),
  handoverDueAt: new Date('2026-11-26T10:00:00Z'),
  likelyDuplicate: true,
  handoverToOfficer: null,
  handoverRequestedAt: null,
  handedOverAt: null,
  handoverLate: null,
  breachedAt: null,
  decidedAt: null,
  createdAt: now,
} as unknown as Referral;

const duty: Principal = { sub: 'spu-1', role: 'police_duty_officer', org: 'MIA-SPU' };
const agency: Principal = { sub: 'moh-1', role: 'agency_officer', org: 'MOH' };
const coordinator: Principal = { sub: 'nc-1', role: 'coordinator', org: 'NC' };

describe(ReferralResponse.name, () => {
  it('R-4.2 is overdue once the deadline passes without a handover, or when a breach was recorded', () => {
    expect(ReferralResponse.of(base, duty, now).overdue).toBe(false);
    expect(
      ReferralResponse.of({ ...base, handoverDueAt: new Date('2026-11-25T11:00:00Z') }, duty, now).overdue,
    ).toBe(true);
    const lateButDone = {
      ...base,
      status: 'handed_over',
      handoverDueAt: new Date('2026-11-25T11:00:00Z'),
      breachedAt: now,
    } as Referral;
    expect(ReferralResponse.of(lateButDone, duty, now).overdue).toBe(true);
    const onTime = {
      ...base,
      status: 'handed_over',
      handoverDueAt: new Date('2026-11-25T11:00:00Z'),
    } as Referral;
    expect(ReferralResponse.of(onTime, duty, now).overdue).toBe(false);
  });

  it('R-1.3.2 shows the duplicate flag to the duty officer only and hides the victimRef from the coordinator', () => {
    expect(ReferralResponse.of(base, duty, now).likelyDuplicate).toBe(true);
    expect(ReferralResponse.of(base, agency, now).likelyDuplicate).toBeUndefined();
    expect(ReferralResponse.of(base, coordinator, now).victimRef).toBeUndefined();
    expect(ReferralResponse.of(base, agency, now).victimRef).toBe(base.victimRef);
  });
});
