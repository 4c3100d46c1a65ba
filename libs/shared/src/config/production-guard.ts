import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Names of variables that hold secrets (key rings, keys, tokens, passwords, credentials in URLs). In
 * production each must be given explicitly and must not be a development value.
 */
export function isSecretVariable(name: string): boolean {
  if (/_KEY_ID$/.test(name) || name === 'JWT_PUBLIC_KEY') return false;
  return /(_KEYS|_KEY|SECRET|SECRETS|TOKEN|PASSWORD)$/.test(name);
}

/** Variables with credentials that production must receive explicitly, never from a default. */
const EXPLICIT_IN_PRODUCTION = ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'AMQP_URL'];

/** Where `npm start` keeps development keys (`scripts/lib/dev-keys.mjs`); overridable for tests. */
function devKeysDir(env: Record<string, string | undefined>): string {
  return env.NRM_DEV_KEYS_DIR ?? path.join(process.cwd(), '.keys');
}

const normalise = (v: string) => v.replace(/\\n/g, '\n').replace(/\s+/g, '');

/** Every value of the development key files present on this machine, normalised. */
function developmentValues(env: Record<string, string | undefined>): Set<string> {
  const dir = devKeysDir(env);
  const values = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 16) {
      values.add(normalise(v));
      // Key rings: each key alone counts too (a ring made of one dev key and a real one is still a dev ring).
      for (const part of v.split(',')) {
        const key = part.slice(part.indexOf(':') + 1);
        if (key.length >= 16) values.add(normalise(key));
      }
    }
  };
  try {
    const secrets = path.join(dir, 'dev-secrets.json');
    if (existsSync(secrets)) {
      const parsed = JSON.parse(readFileSync(secrets, 'utf8')) as Record<string, Record<string, unknown>>;
      for (const vars of Object.values(parsed)) for (const v of Object.values(vars ?? {})) add(v);
    }
    for (const file of ['dev-jwt-public.pem', 'dev-jwt-private.pem']) {
      const f = path.join(dir, file);
      if (existsSync(f)) add(readFileSync(f, 'utf8'));
    }
  } catch {
    // unreadable development files: nothing to compare with
  }
  return values;
}

/** True for a key ring with an entry whose id marks it as a development key (`dev1:…`). */
function hasDevelopmentKeyId(value: string): boolean {
  return value.split(',').some((entry) => /^dev[^:]*:/i.test(entry.trim()));
}

/**
 * The production guard: with `NODE_ENV=production` a service refuses to start with development keys
 * (the `.keys/` files of `npm start`, or key ids `dev…`), without every secret and credential given
 * explicitly, without a token issuer and audience to check, or with a JWKS URL that is not https.
 * Returns the problems, each naming its variable (never its value).
 */
export function productionProblems(config: object, env: Record<string, string | undefined>): string[] {
  const values = config as Record<string, unknown>;
  if (values.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE']) {
    if (!given(name)) problems.push(`${name}: is required in production (tokens are checked against it)`);
  }
  const jwks = values.JWT_JWKS_URL;
  if (typeof jwks === 'string' && jwks !== '' && !jwks.startsWith('https://')) {
    problems.push('JWT_JWKS_URL: must be an https URL in production');
  }
  for (const name of EXPLICIT_IN_PRODUCTION) {
    if (!given(name)) problems.push(`${name}: must be given explicitly in production`);
  }
  const credentialsOf = (url: unknown): { user: string; pass: string } | undefined => {
    try {
      const u = new URL(String(url));
      return { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) };
    } catch {
      return undefined;
    }
  };
  for (const name of EXPLICIT_IN_PRODUCTION) {
    const c = credentialsOf(values[name]);
    if (!c || !given(name)) continue;
    // Development defaults: RabbitMQ's guest account, and provisioning's password = role name.
    if (c.user === 'guest' || c.pass === '' || c.pass === c.user || c.pass.length < 12) {
      problems.push(`${name}: uses a development or default credential; give a real password in production`);
    }
  }
  const dev = developmentValues(env);
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' || value === '') continue;
    const secret = isSecretVariable(name);
    if (secret && !given(name)) {
      problems.push(`${name}: must be given explicitly in production`);
      continue;
    }
    if (!secret && name !== 'JWT_PUBLIC_KEY') continue;
    const parts = [value, ...value.split(',').map((p) => p.slice(p.indexOf(':') + 1))].map(normalise);
    if (hasDevelopmentKeyId(value) || parts.some((p) => p.length >= 16 && dev.has(p))) {
      problems.push(`${name}: is a development key; production needs its own`);
    }
  }
  return problems;
}
