import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { JwtVerifier } from './jwt-verifier.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function token(claims: { exp: number; iss?: string; aud?: string; nbf?: number }): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'ES256');
  const jwt = new SignJWT({ role: 'admin', org: 'NC' })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('admin-1')
    .setIssuedAt(claims.exp - 3600)
    .setExpirationTime(claims.exp);
  if (claims.iss) jwt.setIssuer(claims.iss);
  if (claims.aud) jwt.setAudience(claims.aud);
  if (claims.nbf) jwt.setNotBefore(claims.nbf);
  return jwt.sign(key);
}

describe(JwtVerifier.name, () => {
  const nowS = Math.floor(Date.now() / 1000);

  it('tolerates a small clock skew (30 s by default) and no more', async () => {
    const verifier = new JwtVerifier({ publicKeyPem });
    await expect(verifier.verify(await token({ exp: nowS - 10 }))).resolves.toMatchObject({ sub: 'admin-1' });
    await expect(verifier.verify(await token({ exp: nowS - 45 }))).rejects.toThrow();
    await expect(verifier.verify(await token({ exp: nowS + 3600, nbf: nowS + 20 }))).resolves.toBeDefined();
    await expect(verifier.verify(await token({ exp: nowS + 3600, nbf: nowS + 90 }))).rejects.toThrow();
  });

  it('checks issuer and audience when configured', async () => {
    const verifier = new JwtVerifier({ publicKeyPem, issuer: 'https://idp.example', audience: 'nrm' });
    await expect(
      verifier.verify(await token({ exp: nowS + 60, iss: 'https://idp.example', aud: 'nrm' })),
    ).resolves.toBeDefined();
    await expect(
      verifier.verify(await token({ exp: nowS + 60, iss: 'https://evil.example', aud: 'nrm' })),
    ).rejects.toThrow();
    await expect(
      verifier.verify(await token({ exp: nowS + 60, iss: 'https://idp.example', aud: 'other' })),
    ).rejects.toThrow();
    await expect(verifier.verify(await token({ exp: nowS + 60 }))).rejects.toThrow();
  });

  it('caches a verified token no longer than its expiry or a few minutes, whichever is sooner', async () => {
    let now = Date.now();
    const verifier = new JwtVerifier({ publicKeyPem, cacheMaxMs: 120_000, now: () => now });
    const longLived = await token({ exp: Math.floor(now / 1000) + 8 * 3600 });
    await verifier.verify(longLived);
    expect(verifier.cachedUntil(longLived)).toBe(now + 120_000);
    const shortLived = await token({ exp: Math.floor(now / 1000) + 30 });
    await verifier.verify(shortLived);
    expect(verifier.cachedUntil(shortLived)).toBe(Math.floor(now / 1000) * 1000 + 30_000);
    // Past the cache bound the token is verified again (and still valid, so cached again from then).
    now += 121_000;
    await verifier.verify(longLived);
    expect(verifier.cachedUntil(longLived)).toBe(now + 120_000);
  });
});
