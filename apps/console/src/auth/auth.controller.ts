import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { CONSOLE_CONFIG, CONSOLE_LOGGER } from '../tokens.js';
import type { ConsoleConfig } from '../config/console.config.js';
import { SessionStore } from '../session/session.store.js';
import {
  LOGIN_COOKIE,
  SESSION_COOKIE,
  readSession,
  sendProblem,
  sessionCookieOptions,
} from '../session/session.http.js';
import { OidcClient, SignInRefused, type PendingLogin } from './oidc.client.js';

const LOGIN_TTL_SECONDS = 600;

/**
 * Sign-in (authorization code + PKCE), the current session as the browser may know it (who, until
 * when, the CSRF token for writes) and sign-out. The tokens themselves stay in the server's session.
 */
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(CONSOLE_LOGGER) private readonly logger: Logger,
    private readonly oidc: OidcClient,
    private readonly sessions: SessionStore,
  ) {}

  @Get('login')
  async login(@Res() reply: FastifyReply): Promise<void> {
    try {
      const { url, pending } = await this.oidc.start();
      void reply.setCookie(LOGIN_COOKIE, JSON.stringify(pending), {
        ...sessionCookieOptions(this.config),
        path: '/auth',
        maxAge: LOGIN_TTL_SECONDS,
      });
      void reply.redirect(url, 302);
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'identity provider unreachable');
      void reply.redirect('/#/login?error=provider-unavailable', 302);
    }
  }

  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const raw = request.cookies[LOGIN_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    void reply.clearCookie(LOGIN_COOKIE, { path: '/auth' });
    const query = request.query as Record<string, string | undefined>;
    if (query.error) return void reply.redirect('/#/login?error=sign-in-failed', 302);
    if (!unsigned?.valid || !unsigned.value)
      return void reply.redirect('/#/login?error=sign-in-expired', 302);
    try {
      const pending = JSON.parse(unsigned.value) as PendingLogin;
      const signedIn = await this.oidc.finish(new URL(request.url, this.config.PUBLIC_URL), pending);
      const session = await this.sessions.create({
        ...signedIn,
        expiresAt: Math.min(signedIn.expiresAt, Date.now() + this.config.SESSION_TTL_SECONDS * 1000),
      });
      this.logger.info({ role: session.role, org: session.org }, 'signed in');
      // A browser-session cookie: the server ends the session (and says so) when its time is up.
      void reply.setCookie(SESSION_COOKIE, session.id, { ...sessionCookieOptions(this.config), path: '/' });
      void reply.redirect('/', 302);
    } catch (err) {
      const reason = err instanceof SignInRefused ? 'no-role' : 'sign-in-failed';
      this.logger.warn({ reason, err: err instanceof Error ? err.message : String(err) }, 'sign-in refused');
      void reply.redirect(`/#/login?error=${reason}`, 302);
    }
  }

  /** Who is signed in: `{ user, expiresAt, csrfToken }`, or 401 (`session-expired` if there was one). */
  @Get('session')
  async session(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await readSession(request, this.sessions);
    if (typeof session === 'string') return sendProblem(reply, 401, session);
    void reply.header('Cache-Control', 'no-store').send({
      user: { sub: session.sub, name: session.name, role: session.role, org: session.org },
      expiresAt: new Date(session.expiresAt).toISOString(),
      csrfToken: reply.generateCsrf(),
    });
  }

  /** Ends the session; answers where to go to end the provider's session too. */
  @Post('logout')
  @HttpCode(200)
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await readSession(request, this.sessions);
    const idToken = typeof session === 'string' ? undefined : session.idToken;
    if (typeof session !== 'string') await this.sessions.delete(session.id);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // The provider's session is ended too, but only for a live session (an expired one just ends here).
    const endSessionUrl = idToken
      ? await this.oidc.endSessionUrl(idToken, `${this.config.PUBLIC_URL}/`)
      : undefined;
    void reply.send({ endSessionUrl: endSessionUrl ?? null });
  }
}
