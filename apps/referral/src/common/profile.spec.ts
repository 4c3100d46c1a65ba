import { ageOn, buildProfile } from './profile.js';

describe('buildProfile', () => {
  const at = new Date('2026-11-25T12:00:00Z');

  it('computes the age on a date, before and after the birthday', () => {
    expect(ageOn('2008-11-25', at)).toBe(18);
    expect(ageOn('2008-11-26', at)).toBe(17);
  });

  it('R-6.6 marks a person under 18 as a child, with an age band and no birth date', () => {
    const p = buildProfile(
      { sex: 'female', dateOfBirth: '2010-01-01', languages: ['az'], needs: ['shelter'] },
      at,
    );
    expect(p).toEqual({
      sex: 'female',
      ageBand: '14-17',
      age: 16,
      child: true,
      languages: ['az'],
      needs: ['shelter'],
    });
    expect(JSON.stringify(p)).not.toContain('2010');
  });

  it('uses the age estimate when there is no birth date', () => {
    expect(buildProfile({ sex: 'male', ageEstimate: 40, languages: [], needs: [] }, at)).toMatchObject({
      age: 40,
      ageBand: '35-49',
      child: false,
    });
  });

  it('R-6.6 presumes a person whose age is not established a child', () => {
    expect(buildProfile({ sex: 'unknown', languages: [], needs: [] }, at)).toMatchObject({
      ageBand: 'unknown',
      child: true,
    });
    expect(buildProfile({ sex: 'male', ageEstimate: 18, languages: [], needs: [] }, at).child).toBe(false);
  });
});
