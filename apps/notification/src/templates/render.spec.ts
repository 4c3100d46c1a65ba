import { LANGUAGES } from '../routing/channels.js';
import { TEMPLATES, TEMPLATE_VARIABLES } from './catalogue.js';
import { MISSING_VALUE, renderMessage } from './render.js';
import { extractVariables, formatMinor, formatUtc } from './variables.js';

const sample: Record<string, string> = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, `<${v}>`]));

describe('templates', () => {
  const cases = Object.keys(TEMPLATES).flatMap((type) => LANGUAGES.map((lang) => [type, lang] as const));

  it.each(cases)('renders %s in %s with no placeholder left', (type, lang) => {
    const msg = renderMessage(type, lang, sample);
    expect(msg.language).toBe(lang);
    for (const part of [msg.subject, msg.text]) {
      expect(part).not.toMatch(/\{\{|\}\}/);
      expect(part.trim().length).toBeGreaterThan(5);
    }
  });

  it('R-1.3.2 identifies the person in referral and shelter messages by case number and victimRef only', () => {
    for (const type of Object.keys(TEMPLATES).filter((t) => /^(referral|shelter)\./.test(t))) {
      for (const lang of LANGUAGES) {
        const msg = renderMessage(type, lang, sample);
        expect(`${msg.subject} ${msg.text}`).toContain('<caseNumber>');
        expect(msg.text).toContain('<victimRef>');
      }
    }
  });

  it('R-1.3.2 never carries a name, birth date, contact or profile, even when an event would hold one', () => {
    const data = {
      caseNumber: 'NRM-2026-000001',
      victimRef: 'vr_abcdef12',
      handoverDueAt: '2026-11-26T10:00:00.000Z',
      givenName: 'Leyla',
      familyName: 'Mammadova',
      dateOfBirth: '2001-02-03',
      phone: '+994501234567',
      profile: { sex: 'female', ageBand: '18-24', languages: ['az'], needs: ['medical'] },
    };
    const vars = extractVariables({ id: 'e1', type: 'referral.reported' }, data);
    expect(Object.keys(vars).sort()).toEqual([
      'caseNumber',
      'eventId',
      'eventType',
      'handoverDueAt',
      'victimRef',
    ]);
    for (const lang of LANGUAGES) {
      const msg = renderMessage('referral.reported', lang, vars);
      const all = `${msg.subject} ${msg.text}`;
      for (const secret of ['Leyla', 'Mammadova', '2001-02-03', '+994501234567', 'female', '18-24'])
        expect(all).not.toContain(secret);
      expect(all).toContain('NRM-2026-000001');
      expect(all).toContain('vr_abcdef12');
    }
  });

  it('falls back to English when a language has no template', () => {
    const original = TEMPLATES['referral.reported'];
    const { ru: _ru, ...withoutRu } = original;
    TEMPLATES['test.only.en'] = withoutRu as typeof original;
    try {
      expect(renderMessage('test.only.en', 'ru', sample).language).toBe('en');
    } finally {
      delete TEMPLATES['test.only.en'];
    }
  });

  it('refuses a template that uses a variable outside the whitelist', () => {
    TEMPLATES['test.bad'] = {
      az: { subject: 'x', text: '{{givenName}}' },
      en: { subject: 'x', text: '{{givenName}}' },
      ru: { subject: 'x', text: '{{givenName}}' },
    };
    try {
      expect(() => renderMessage('test.bad', 'en', { givenName: 'Leyla' })).toThrow(/not whitelisted/);
    } finally {
      delete TEMPLATES['test.bad'];
    }
  });

  it('shows a dash for a whitelisted value the event does not carry, and strips control characters', () => {
    const msg = renderMessage('shelter.waitlisted', 'en', {
      caseNumber: 'C-1\r\nBcc: x',
      victimRef: 'vr_1',
      reason: 'no_capacity',
    });
    expect(msg.text).toContain(MISSING_VALUE);
    expect(msg.subject).not.toMatch(/[\r\n]/);
  });

  it('formats amounts and times for people', () => {
    expect(formatMinor(12345)).toBe('123.45');
    expect(formatMinor(5)).toBe('0.05');
    expect(formatUtc('2026-11-26T10:05:30.000Z')).toBe('2026-11-26 10:05 UTC');
    expect(extractVariables({ id: 'e', type: 't' }, { amountMinor: 150000, currency: 'AZN' }).amount).toBe(
      '1500.00 AZN',
    );
  });
});
