import {
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  type JWTVerifyGetKey,
  type KeyObject,
  type CryptoKey,
} from 'jose';
import { ROLES, type Principal, type Role } from './roles.js';

export interface JwtVerifierOptions {
  publicKeyPem?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat` (default 30). */
  clockToleranceSeconds?: number;
  /** Longest time a verified token is taken from the cache without verifying it again, in ms (default 2 min). */
  cacheMaxMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Algorithms accepted; `none` and HMAC are never accepted, so a public key cannot be used as a secret. */
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * Verifies bearer tokens against a configured public key (PEM, SPKI), an OIDC provider's JWKS, or
 * both (development: `npm run token`'s key and the development provider's JWKS).
 * Expired, not-yet-valid, wrongly signed tokens and tokens without `sub`, `org` or a known `role` are
 * refused.
 */
export class JwtVerifier {
  private key?: Promise<CryptoKey | KeyObject>;
  private jwks?: JWTVerifyGetKey;
  /**
   * Tokens already verified, until they expire: a client sends the same token with every request,
   * and verifying an ECDSA/RSA signature each time cost ~10 % of an intake's CPU (measured).
   * Bounded; the oldest entries go first.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  private static readonly CACHE_SIZE = 10_000;

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
    if (options.publicKeyPem) this.key = loadPublicKey(options.publicKeyPem);
    if (!this.jwks && !this.key) throw new Error('JwtVerifier needs JWT_PUBLIC_KEY or JWT_JWKS_URL');
  }

  async verify(token: string): Promise<Principal> {
    const now = this.options.now ?? Date.now;
    const cached = this.verified.get(token);
    if (cached && cached.expiresAtMs > now()) return cached.principal;
    if (cached) this.verified.delete(token);
    const opts = {
      algorithms: ALGORITHMS,
      issuer: this.options.issuer,
      audience: this.options.audience,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: this.options.clockToleranceSeconds ?? 30,
      currentDate: new Date(now()),
    };
    const { payload } = await this.verifySignature(token, opts);
    const { sub, role, org } = payload as { sub?: unknown; role?: unknown; org?: unknown };
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof role !== 'string') {
      throw new Error('token lacks sub, role or org');
    }
    if (!(ROLES as readonly string[]).includes(role)) throw new Error('unknown role');
    const principal: Principal = { sub, org, role: role as Role };
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= JwtVerifier.CACHE_SIZE)
        this.verified.delete(this.verified.keys().next().value!);
      // Cached until the token expires or for a few minutes, whichever is sooner, so that a key
      // withdrawn from the JWKS stops working soon even for long-lived tokens.
      const cacheUntil = Math.min(payload.exp * 1000, now() + (this.options.cacheMaxMs ?? 120_000));
      this.verified.set(token, { principal, expiresAtMs: cacheUntil });
    }
    return principal;
  }

  /** With both a key and a JWKS, a token signed by either is accepted. */
  private async verifySignature(token: string, opts: Parameters<typeof jwtVerify>[2]) {
    if (this.key) {
      try {
        return await jwtVerify(token, await this.key, opts);
      } catch (err) {
        if (!this.jwks) throw err;
      }
    }
    return jwtVerify(token, this.jwks!, opts);
  }

  /** Until when (epoch ms) a verified token is served from the cache; undefined if it is not cached. */
  cachedUntil(token: string): number | undefined {
    return this.verified.get(token)?.expiresAtMs;
  }
}

async function loadPublicKey(pem: string): Promise<CryptoKey | KeyObject> {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  const { createPublicKey } = await import('node:crypto');
  // Node's parser tells us the key type, so RSA, EC and Ed25519 keys all work with one setting.
  const keyObject = createPublicKey(text);
  const alg =
    keyObject.asymmetricKeyType === 'ed25519'
      ? 'EdDSA'
      : keyObject.asymmetricKeyType === 'ec'
        ? 'ES256'
        : 'RS256';
  return importSPKI(text, alg);
}
