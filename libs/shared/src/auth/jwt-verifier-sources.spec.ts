import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK, importPKCS8 } from 'jose';
import { JwtVerifier } from './jwt-verifier.js';

const claims = { role: 'police_duty_officer', org: 'MIA-SPU' };

function ecPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey,
  };
}
const sign = async (privatePem: string, kid?: string) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', ...(kid ? { kid } : {}) })
    .setSubject('duty')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importPKCS8(privatePem, 'ES256'));

describe('JwtVerifier with a public key and a JWKS together (development: npm run token and the OpenID provider)', () => {
  const devKey = ecPair();
  const providerKey = ecPair();
  let server: Server;
  let jwksUrl: string;
  beforeAll(async () => {
    const jwk = { ...(await exportJWK(providerKey.publicKey)), kid: 'provider-1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('accepts a token signed by the key and one signed through the JWKS, and refuses any other', async () => {
    const verifier = new JwtVerifier({ publicKeyPem: devKey.publicPem, jwksUrl });
    await expect(verifier.verify(await sign(devKey.privatePem))).resolves.toMatchObject({
      sub: 'duty',
      ...claims,
    });
    await expect(verifier.verify(await sign(providerKey.privatePem, 'provider-1'))).resolves.toMatchObject({
      sub: 'duty',
    });
    await expect(verifier.verify(await sign(ecPair().privatePem, 'provider-1'))).rejects.toThrow();
    await expect(verifier.verify(await sign(ecPair().privatePem))).rejects.toThrow();
  });

  it('with only a key, a JWKS-signed token is refused', async () => {
    const verifier = new JwtVerifier({ publicKeyPem: devKey.publicPem });
    await expect(verifier.verify(await sign(providerKey.privatePem, 'provider-1'))).rejects.toThrow();
  });
});
