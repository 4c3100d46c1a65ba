import { SessionSeal } from './session-seal.js';
import { MemorySessionStore } from './session.store.js';

describe(SessionSeal.name, () => {
  const secret = 'a-session-secret-of-at-least-32-characters';
  const id = 'the-cookie-session-id';

  it('opens what it sealed for the same row', () => {
    const seal = new SessionSeal(secret);
    const sealed = seal.seal({ accessToken: 'eyJhbGciOi.token' }, SessionSeal.idHash(id));
    expect(sealed.includes(Buffer.from('eyJ'))).toBe(false);
    expect(seal.unseal(sealed, SessionSeal.idHash(id))).toEqual({ accessToken: 'eyJhbGciOi.token' });
  });

  it('refuses a value moved to another row, altered, or sealed under another secret', () => {
    const seal = new SessionSeal(secret);
    const sealed = seal.seal({ sub: 'duty' }, SessionSeal.idHash(id));
    expect(seal.unseal(sealed, SessionSeal.idHash('another-id'))).toBeUndefined();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(seal.unseal(altered, SessionSeal.idHash(id))).toBeUndefined();
    expect(new SessionSeal(`${secret}-rotated`).unseal(sealed, SessionSeal.idHash(id))).toBeUndefined();
  });

  it('keys rows by a hash of the id, never the id itself', () => {
    expect(SessionSeal.idHash(id)).toHaveLength(32);
    expect(SessionSeal.idHash(id).toString('utf8')).not.toContain(id);
  });
});

describe(MemorySessionStore.name, () => {
  it('answers a session until it expires, then `expired` once, then nothing', async () => {
    let now = 1_000;
    const store = new MemorySessionStore(() => now);
    const s = await store.create({
      sub: 'duty',
      name: 'Duty',
      role: 'police_duty_officer',
      org: 'MIA-SPU',
      accessToken: 't',
      expiresAt: 2_000,
    });
    await expect(store.get(s.id)).resolves.toMatchObject({ sub: 'duty' });
    now = 2_000;
    await expect(store.get(s.id)).resolves.toBe('expired');
    await expect(store.get(s.id)).resolves.toBeUndefined();
    await store.close();
  });
});
