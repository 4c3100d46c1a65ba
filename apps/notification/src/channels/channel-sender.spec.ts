import { describeError, redactContacts } from './channel-sender.js';

describe('describeError', () => {
  it('R-1.3.2 never carries an address, URL or phone number into the delivery log or events', () => {
    const text = redactContacts(
      '550 5.1.1 <leyla.mammadova@police.gov.az>: unknown user at https://hooks.example.az/nrm?token=abc or +994 50 123 45 67',
    );
    expect(text).not.toMatch(/leyla|mammadova|hooks\.example|token|994|123 45/);
    expect(text).toContain('550 5.1.1');
  });

  it('names the transport error code and keeps the SMTP reply code', () => {
    const err = Object.assign(new Error('Mail command failed: 550 rejected <a@b.az>'), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(describeError(err)).toEqual({
      ok: false,
      responseCode: 550,
      error: 'EENVELOPE: Mail command failed: 550 rejected <[address]>',
    });
    const fetchErr = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(describeError(fetchErr)).toEqual({
      ok: false,
      responseCode: undefined,
      error: 'ECONNREFUSED: fetch failed',
    });
  });

  it('reports an aborted attempt as a timeout', () => {
    const controller = new AbortController();
    controller.abort();
    expect(describeError(new Error('aborted'), controller.signal)).toEqual({
      ok: false,
      timedOut: true,
      error: 'timed out',
    });
  });
});
