import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleConfig } from '../config/console.config.js';
import type { Session, SessionStore } from './session.store.js';

export const SESSION_COOKIE = 'nrm_session';
export const LOGIN_COOKIE = 'nrm_login';

/** httpOnly, SameSite=Lax (the provider's redirect back is a top-level navigation), signed. */
export function sessionCookieOptions(config: ConsoleConfig): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE, signed: true };
}

/** The request's live session, or why there is none. */
export async function readSession(
  request: FastifyRequest,
  store: SessionStore,
): Promise<Session | 'unauthorized' | 'session-expired'> {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return 'unauthorized';
  const unsigned = request.unsignCookie(raw);
  const session = unsigned.valid ? await store.get(unsigned.value ?? undefined) : undefined;
  // A cookie whose session is gone: it expired (or was signed out elsewhere).
  if (!session || session === 'expired') return 'session-expired';
  return session;
}

const TITLES: Record<string, string> = {
  unauthorized: 'Sign in first',
  'session-expired': 'The session has expired: sign in again',
  forbidden: 'This role may not do this',
  'csrf-token-invalid': 'Missing or invalid CSRF token',
  'not-found': 'Not found',
  'service-unavailable': 'Service unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, type: string, detail?: string): void {
  void reply
    .status(status)
    .header('Content-Type', 'application/problem+json')
    .header('Cache-Control', 'no-store')
    .send({ type, title: TITLES[type] ?? type, status, ...(detail ? { detail } : {}) });
}
