import { describeError, redactContacts } from './channel-sender.js';

describe('describeError', () => {
  it('R-1.3.2 never carries an address, URL or phone number into the delivery log or events', () => {
    const text = redactContacts(
      '550 5.1.1 <leyla.mammadova@police.gov.az>: unknown user at https://hooks.example.az/nrm?token=abc or +994 50 123 45 67',
    );
    expect(text).not.toMatch(/leyla|mammadova|hooks\.example|token|994|123 45/);
    expect(text).toContain('550 5.1.1');
  });

  it('R-1.3.2 says what failed in a fixed phrase, never the raw error text, an address or a port', () => {
    const err = Object.assign(new Error('Mail command failed: 550 rejected <a@b.az>'), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(describeError(err)).toEqual({ ok: false, responseCode: 550, error: 'SMTP 550' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(describeError(refused)).toEqual({
      ok: false,
      responseCode: undefined,
      error: 'connection refused',
    });
    const tls = Object.assign(new Error('self-signed certificate for 10.0.0.7'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(describeError(tls).error).toBe('TLS handshake failed');
    const blocked = Object.assign(new Error('x'), { code: 'ERR_ADDRESS_NOT_ALLOWED' });
    expect(describeError(blocked).error).toBe('address not allowed');
    expect(describeError(new Error('something odd at 10.1.2.3:8080')).error).toBe('send failed');
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
