#!/usr/bin/env node
// The development OpenID provider as a process (started by `npm start` and by the browser tests).
// Env: OIDC_DEV_PORT (3005), OIDC_ISSUER (http://localhost:<port>), OIDC_CLIENT_SECRET,
//      OIDC_REDIRECT_URIS and OIDC_POST_LOGOUT_REDIRECT_URIS (comma-separated), OIDC_ACCESS_TOKEN_TTL (s).
import { startDevOidc } from './lib/dev-oidc.mjs';

const port = Number(process.env.OIDC_DEV_PORT ?? 3005);
const list = (v) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const log = (o) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), service: 'dev-oidc', ...o })}\n`);
if (!process.env.OIDC_CLIENT_SECRET) {
  process.stderr.write('OIDC_CLIENT_SECRET is required\n');
  process.exit(1);
}
const oidc = await startDevOidc({
  port,
  issuer: process.env.OIDC_ISSUER ?? `http://localhost:${port}`,
  clientSecret: process.env.OIDC_CLIENT_SECRET,
  redirectUris: list(process.env.OIDC_REDIRECT_URIS ?? 'http://localhost:3000/auth/callback'),
  postLogoutRedirectUris: list(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS ?? 'http://localhost:3000/'),
  accessTokenTtlSeconds: Number(process.env.OIDC_ACCESS_TOKEN_TTL ?? 3600),
  log,
});
log({ msg: 'development OpenID provider ready', url: oidc.url });
const stop = () => void oidc.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
