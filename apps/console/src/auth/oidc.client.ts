import * as oidc from 'openid-client';
import type { ConsoleConfig } from '../config/console.config.js';
import { mapClaims, type ClaimMapping, type ConsoleRole } from './claims.js';

/** What the browser carries (signed cookie) between the redirect to the provider and the callback. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

export interface SignedIn {
  sub: string;
  name: string;
  role: ConsoleRole;
  org: string;
  accessToken: string;
  idToken?: string;
  /** When the access token expires (ms since epoch). */
  expiresAt: number;
}

export class SignInRefused extends Error {}

/**
 * The console as an OpenID relying party: authorization code flow with PKCE (S256), state and nonce,
 * against the provider found by discovery at OIDC_ISSUER. Any certified provider works; the role and
 * organisation are read from the ID token through the configured claim mapping.
 */
export class OidcClient {
  private configuration?: Promise<oidc.Configuration>;
  private readonly mapping: ClaimMapping;

  constructor(private readonly config: ConsoleConfig) {
    this.mapping = {
      roleClaim: config.OIDC_ROLE_CLAIM,
      orgClaim: config.OIDC_ORG_CLAIM,
      roleMap: config.OIDC_ROLE_MAP
        ? (JSON.parse(config.OIDC_ROLE_MAP) as Record<string, string>)
        : undefined,
    };
  }

  get redirectUri(): string {
    return `${this.config.PUBLIC_URL}/auth/callback`;
  }

  /** Discovery, retried on the next sign-in if the provider was not reachable. */
  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        new URL(this.config.OIDC_ISSUER),
        this.config.OIDC_CLIENT_ID,
        undefined,
        oidc.ClientSecretBasic(this.config.OIDC_CLIENT_SECRET),
        // Plain HTTP only for a provider on this machine (the development provider).
        isLoopbackHttp(this.config.OIDC_ISSUER) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.configuration = undefined;
        throw err;
      });
    return this.configuration;
  }

  async start(): Promise<{ url: string; pending: PendingLogin }> {
    const configuration = await this.discover();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const params: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: this.config.OIDC_SCOPE,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    };
    if (this.config.OIDC_RESOURCE) params.resource = this.config.OIDC_RESOURCE;
    return { url: oidc.buildAuthorizationUrl(configuration, params).href, pending };
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<SignedIn> {
    const configuration = await this.discover();
    const extra: Record<string, string> = {};
    if (this.config.OIDC_RESOURCE) extra.resource = this.config.OIDC_RESOURCE;
    const tokens = await oidc.authorizationCodeGrant(
      configuration,
      callbackUrl,
      {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      },
      extra,
    );
    const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    const mapped = mapClaims(claims, this.mapping);
    if (!mapped)
      throw new SignInRefused('The identity provider gave no platform role or organisation for this user');
    const expiresIn = tokens.expiresIn() ?? 300;
    return {
      sub: String(claims.sub),
      name: typeof claims.name === 'string' ? claims.name : String(claims.sub),
      ...mapped,
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      expiresAt: Date.now() + expiresIn * 1000,
    };
  }

  /** The provider's sign-out URL (RP-initiated logout), or undefined if it has none. */
  async endSessionUrl(
    idToken: string | undefined,
    postLogoutRedirectUri: string,
  ): Promise<string | undefined> {
    try {
      const configuration = await this.discover();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      const params: Record<string, string> = {
        post_logout_redirect_uri: postLogoutRedirectUri,
        client_id: this.config.OIDC_CLIENT_ID,
      };
      if (idToken) params.id_token_hint = idToken;
      return oidc.buildEndSessionUrl(configuration, params).href;
    } catch {
      return undefined;
    }
  }
}

function isLoopbackHttp(issuer: string): boolean {
  const u = new URL(issuer);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}
