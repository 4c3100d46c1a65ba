// Development keys and secrets, created on first use in .keys/ (git-ignored). Production supplies
// its own through the environment (JWT_PUBLIC_KEY or JWT_JWKS_URL, and each service's key rings).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const KEYS_DIR = path.join(root, '.keys');

/** The development JWT signing key pair (ES256), created on first call. */
export function devJwtKeys() {
  mkdirSync(KEYS_DIR, { recursive: true, mode: 0o700 });
  const priv = path.join(KEYS_DIR, 'dev-jwt-private.pem');
  const pub = path.join(KEYS_DIR, 'dev-jwt-public.pem');
  if (!existsSync(priv) || !existsSync(pub)) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateKeyPem: readFileSync(priv, 'utf8'), publicKeyPem: readFileSync(pub, 'utf8') };
}

const key = () => randomBytes(32).toString('base64');

/**
 * Development secrets for each service's encryption key rings, created once and kept in
 * .keys/dev-secrets.json so data encrypted in one run can be read in the next.
 */
export function devSecrets() {
  mkdirSync(KEYS_DIR, { recursive: true, mode: 0o700 });
  const file = path.join(KEYS_DIR, 'dev-secrets.json');
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const wanted = {
    referral: {
      PII_KEYS: `dev1:${key()}`,
      PII_ACTIVE_KEY_ID: 'dev1',
      BLIND_INDEX_KEY: key(),
    },
    compensation: {
      PAYMENT_DATA_KEYS: `dev1:${key()}`,
      PAYMENT_DATA_ACTIVE_KEY_ID: 'dev1',
      // The Fund's own account, the debtor of pain.001 files (the registry's example IBAN, for development).
      FUND_DEBTOR_IBAN: 'AZ21NABZ00000000137010001944',
      FUND_DEBTOR_BIC: 'NABZAZ2X',
    },
    notification: {
      RECIPIENT_SECRET_KEYS: `dev1:${key()}`,
      RECIPIENT_SECRET_ACTIVE_KEY_ID: 'dev1',
    },
    shelter: {},
    // The console signs its cookies and seals its stored sessions with this: kept, so a restart keeps
    // everyone signed in.
    console: {
      SESSION_SECRET: key(),
      // Shared by the console and the development OpenID provider in docker compose.
      OIDC_CLIENT_SECRET: key(),
    },
  };
  let changed = false;
  for (const [service, vars] of Object.entries(wanted)) {
    existing[service] ??= {};
    for (const [name, value] of Object.entries(vars)) {
      if (existing[service][name] === undefined) {
        existing[service][name] = value;
        changed = true;
      }
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(existing, null, 2), { mode: 0o600 });
  return existing;
}
