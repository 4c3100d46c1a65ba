import httpProxy from '@fastify/http-proxy';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayProxy } from '../auth/claims.js';
import type { Session, SessionStore } from '../session/session.store.js';
import { readSession, sendProblem } from '../session/session.http.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Headers of the browser that never reach a service. */
const DROPPED = ['cookie', 'authorization', 'x-csrf-token', 'host', 'origin', 'referer'];

type WithSession = FastifyRequest & { consoleSession?: Session };

/**
 * @fastify/csrf-protection's check, answered as a boolean: the plugin itself would send its own error
 * on a mismatch (not problem+json) and never call back. Its check is synchronous.
 */
function csrfValid(fastify: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  let ok = false;
  const probe = { unsignCookie: (value: string) => reply.unsignCookie(value), send: () => probe };
  fastify.csrfProtection(request, probe as unknown as FastifyReply, () => {
    ok = true;
  });
  return ok;
}

/**
 * `/api/<service>/…` → the service, with the session's access token as the bearer token (the
 * browser never sees it). Needs a live session; writes need the CSRF token of /auth/session in
 * `X-CSRF-Token`; a role reaches only its own services (the services check roles again).
 */
export async function registerApiProxy(
  fastify: FastifyInstance,
  upstreams: Record<string, string>,
  sessions: SessionStore,
): Promise<void> {
  for (const [service, upstream] of Object.entries(upstreams)) {
    const prefix = `/api/${service}`;
    /** True when the call may go on to the service; otherwise it has been answered here. */
    const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
      let session: Awaited<ReturnType<typeof readSession>>;
      try {
        session = await readSession(request, sessions);
      } catch {
        sendProblem(reply, 503, 'service-unavailable', 'The session store did not answer');
        return false;
      }
      if (typeof session === 'string') {
        sendProblem(reply, 401, session);
        return false;
      }
      const path = request.url.slice(prefix.length).split('?')[0] ?? '';
      if (!mayProxy(session.role, service, path)) {
        sendProblem(
          reply,
          403,
          'forbidden',
          `The ${session.role} role has no access to this part of the ${service} service`,
        );
        return false;
      }
      (request as WithSession).consoleSession = session;
      if (READS.has(request.method)) return true;
      // Double-submit CSRF check (@fastify/csrf-protection): token header against the signed secret cookie.
      if (!csrfValid(fastify, request, reply)) {
        sendProblem(reply, 403, 'csrf-token-invalid');
        return false;
      }
      return true;
    };
    await fastify.register(httpProxy, {
      upstream,
      prefix,
      rewritePrefix: '',
      httpMethods: ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'],
      preHandler: (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
        void guard(request, reply).then(
          (pass) => pass && done(),
          (err: Error) => done(err),
        );
      },
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => {
          const out: Record<string, string | string[] | undefined> = { ...headers };
          for (const name of DROPPED) delete out[name];
          const session = (request as WithSession).consoleSession;
          if (session) out.authorization = `Bearer ${session.accessToken}`;
          return out;
        },
        onError: (reply, { error }) => {
          sendProblem(
            reply as unknown as FastifyReply,
            503,
            'service-unavailable',
            `The ${service} service did not answer (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          );
        },
      },
    });
  }
}
