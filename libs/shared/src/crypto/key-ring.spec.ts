import { randomBytes } from 'node:crypto';
import { validateSync } from 'class-validator';
import { IsActiveKeyOf, IsKeyRing, parseKeyRing } from './key-ring.js';

const key = () => randomBytes(32).toString('base64');

class SampleConfig {
  @IsKeyRing() KEYS!: string;
  @IsActiveKeyOf('KEYS') ACTIVE!: string;
}

describe(parseKeyRing.name, () => {
  it('reads several keys so that they can rotate', () => {
    const ring = parseKeyRing(`k1:${key()}, k2:${key()}`);
    expect([...ring.keys()]).toEqual(['k1', 'k2']);
    expect(ring.get('k2')).toHaveLength(32);
  });

  it('refuses short keys, bad ids, duplicates and empty rings without showing key material', () => {
    const short = Buffer.from('secret-short-key').toString('base64');
    for (const spec of [
      `k1:${short}`,
      `:${key()}`,
      `bad id:${key()}`,
      `k1:${key()},k1:${key()}`,
      '',
      'k1:***',
    ]) {
      let message = '';
      try {
        parseKeyRing(spec);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(short);
    }
  });

  it('validates config: the ring parses and the active key is in it', () => {
    const ok = Object.assign(new SampleConfig(), { KEYS: `k1:${key()}`, ACTIVE: 'k1' });
    expect(validateSync(ok)).toEqual([]);
    const bad = Object.assign(new SampleConfig(), { KEYS: `k1:${key()}`, ACTIVE: 'k9' });
    expect(validateSync(bad).map((e) => e.property)).toEqual(['ACTIVE']);
  });
});
