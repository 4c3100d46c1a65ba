// The embedded development OpenID Provider (oidc-provider, a devDependency): one seeded user per role,
// username = password, its own sign-in form (fields "Username" and "Password", button "Sign in").
// It issues JWT access tokens with `sub`, `role` and `org`, which the services verify through its JWKS.
// Development and tests only: `npm start` and the browser tests run it; production uses a real
// provider (Keycloak, Entra ID, …) configured by OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import Provider from 'oidc-provider';
import { KEYS_DIR } from './dev-keys.mjs';

/** The API audience of the access tokens (a resource indicator). */
export const DEV_API_RESOURCE = 'urn:nrm:api';
export const DEV_CLIENT_ID = 'nrm-console';
/** Code of the demo shelter; its staff's `org` claim. */
export const DEMO_SHELTER_CODE = 'SHL-BAKU-01';
/** Code of the demo assistance centre (it keeps the individual plans); its staff's `org` claim. */
export const DEMO_CENTRE_CODE = 'AC-GANJA-01';

/** The seeded users: username = password. */
export const DEV_USERS = [
  { username: 'agency', role: 'agency_officer', org: 'MIA', name: 'Agency officer' },
  { username: 'duty', role: 'police_duty_officer', org: 'MIA-SPU', name: 'Duty officer' },
  { username: 'shelter', role: 'facility_staff', org: DEMO_SHELTER_CODE, name: 'Shelter staff' },
  { username: 'centre', role: 'facility_staff', org: DEMO_CENTRE_CODE, name: 'Assistance centre staff' },
  { username: 'fund-officer', role: 'fund_officer', org: 'FUND', name: 'Fund officer' },
  { username: 'fund-approver', role: 'fund_approver', org: 'FUND', name: 'Fund approver' },
  { username: 'coordinator', role: 'coordinator', org: 'NC', name: 'National Coordinator' },
  { username: 'operator', role: 'operator', org: 'MIA', name: 'Operator' },
  { username: 'admin', role: 'admin', org: 'MIA', name: 'Administrator' },
  // The Ministry of Health, which organises the free medical aid of R-3.3: medical service requests go to it.
  { username: 'provider', role: 'service_provider', org: 'MOH', name: 'Service provider' },
];

/** The provider's signing key (RS256 JWK), kept in .keys/ so tokens survive a restart. */
function signingJwk(keysDir) {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = path.join(keysDir, 'dev-oidc-jwk.json');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = {
      ...privateKey.export({ format: 'jwk' }),
      kid: `dev-${randomBytes(4).toString('hex')}`,
      use: 'sig',
      alg: 'RS256',
    };
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0003;width:min(22rem,90vw)}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;font-size:1rem}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#1565c0;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus,input:focus{outline:3px solid #ffb300}
.error{color:#b71c1c;background:#ffebee;padding:.6rem;border-radius:4px;margin-top:1rem}
small{color:#555;display:block;margin-top:1rem}
</style></head><body><main>${body}</main></body></html>`;
}

function loginForm(uid, { error, username = '' } = {}) {
  return page(
    'Sign in — NRM development identity provider',
    `<h1>Sign in</h1>
<p>NRM Platform — development identity provider</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" value="${escape(username)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<small>Development only. Users: ${DEV_USERS.map((u) => escape(u.username)).join(', ')} (password = username).</small>`,
  );
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts the provider. `issuer` is its public URL (http://localhost:3005 in development),
 * `redirectUris` the console's callback URLs, `postLogoutRedirectUris` where sign-out returns.
 * Resolves to `{ url, close() }` once it listens.
 */
export async function startDevOidc({
  port = 3005,
  host = '127.0.0.1',
  issuer = `http://localhost:${port}`,
  clientSecret,
  redirectUris,
  postLogoutRedirectUris = [],
  accessTokenTtlSeconds = 3600,
  keysDir = KEYS_DIR,
  log = () => {},
}) {
  if (process.env.NODE_ENV === 'production')
    throw new Error('the development OpenID provider never runs in production');
  const users = new Map(DEV_USERS.map((u) => [u.username, u]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingJwk(keysDir)] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'nrm', 'api'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], nrm: ['role', 'org'] },
    // role and org in the ID token, so the console knows the user without the userinfo endpoint.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const user = users.get(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: user.name,
          preferred_username: id,
          role: user.role,
          org: user.org,
        }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // No confirmation page: the console asked for the sign-out (with the ID token as a hint).
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Signing out',
            `${form}<p>Signing out…</p><noscript><button form="op.logoutForm" type="submit" name="logout" value="yes">Sign out</button></noscript><script>var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`,
          );
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => DEV_API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== DEV_API_RESOURCE) throw new Provider.errors.InvalidTarget();
          return {
            scope: 'api',
            audience: DEV_API_RESOURCE,
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The services authorise on these claims of the access token.
    extraTokenClaims: async (_ctx, token) => {
      const user = users.get(token.accountId);
      return user ? { role: user.role, org: user.org } : undefined;
    },
    // First-party client: no consent screen; the grant covers what the console asks for.
    loadExistingGrant: async (ctx) => {
      const existing =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile nrm');
      grant.addOIDCClaims(['sub', 'name', 'preferred_username', 'role', 'org']);
      grant.addResourceScope(DEV_API_RESOURCE, 'api');
      await grant.save();
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId, grant.jti);
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      IdToken: accessTokenTtlSeconds,
      Session: 8 * 3600,
      Interaction: 3600,
      Grant: 8 * 3600,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<h1>Sign-in error</h1><p class="error" role="alert">${escape(out.error_description ?? out.error)}</p>`,
      );
    },
  });
  if (issuer.startsWith('http://')) {
    // Plain HTTP on localhost in development: the provider's cookies are not `secure`.
    provider.proxy = false;
  }
  const callback = provider.callback();

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
      if (!match) return callback(req, res);
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== match[1]) throw new Error('interaction mismatch');
        res.setHeader('Cache-Control', 'no-store');
        if (!match[2] && req.method === 'GET' && details.prompt.name === 'consent') {
          // First-party client: whatever is still missing is granted without a consent screen.
          const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
          const grant = details.grantId
            ? await provider.Grant.find(details.grantId)
            : new provider.Grant({
                accountId: details.session.accountId,
                clientId: details.params.client_id,
              });
          if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
          if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
          for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {}))
            grant.addResourceScope(indicator, scopes.join(' '));
          const grantId = await grant.save();
          return provider.interactionFinished(
            req,
            res,
            { consent: { grantId } },
            { mergeWithLastSubmission: true },
          );
        }
        if (!match[2] && req.method === 'GET') {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          return res.end(loginForm(details.uid));
        }
        if (match[2] && req.method === 'POST') {
          const form = await readForm(req);
          const username = form.get('username') ?? '';
          const user = users.get(username);
          if (!user || form.get('password') !== username) {
            log({ msg: 'sign-in refused' });
            res.statusCode = 401;
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            return res.end(
              loginForm(details.uid, { error: 'Sign-in failed: wrong username or password.', username }),
            );
          }
          log({ msg: 'signed in', role: user.role });
          return provider.interactionFinished(
            req,
            res,
            { login: { accountId: username } },
            { mergeWithLastSubmission: false },
          );
        }
        res.statusCode = 405;
        return res.end();
      } catch {
        res.statusCode = 400;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        return res.end(
          page(
            'Sign-in expired',
            '<h1>Sign-in expired</h1><p role="alert">This sign-in has expired. Go back to the console and sign in again.</p>',
          ),
        );
      }
    })();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    url: issuer,
    port: actualPort,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
