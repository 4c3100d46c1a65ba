import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isPoolSaturation } from '../database/pool-pressure.js';
import { DomainError, errorTitles, type FieldProblem } from './domain-error.js';

/** The body of every error response (RFC 9457), `type` being a short code such as `not-found`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errorId?: string;
  errors?: FieldProblem[];
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-entity',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

/**
 * Turns any error into a problem+json answer. Messages of framework errors (body parser, router)
 * are replaced by generic ones so that nothing from the request body is echoed back; an
 * unexpected error becomes a 500 with an error id that is logged together with the stack.
 */
export function toProblem(error: unknown, logger?: Logger): ProblemDetails {
  if (error instanceof DomainError) {
    return {
      type: error.code,
      title: errorTitles.get(error.code) ?? error.code,
      status: error.status,
      detail: error.detail,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    const type = STATUS_CODES[status] ?? 'bad-request';
    return {
      type,
      title: errorTitles.get(type) ?? titleCase(type),
      status,
      detail: safeDetail(error, status),
    };
  }
  // Overload is not failure: no pooled connection free within DATABASE_POOL_WAIT_MS, or Postgres out of
  // connection slots. Nothing was written; the client retries after Retry-After.
  if (isPoolSaturation(error)) return overloadedProblem();
  if (status === 503 || isDependencyDown(error)) {
    return {
      type: 'service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The service is not ready; retry later',
    };
  }
  const errorId = randomUUID();
  logger?.error({ err: loggableError(error), errorId }, 'unhandled error');
  return {
    type: 'internal-error',
    title: 'Internal error',
    status: 500,
    detail: `An unexpected error occurred; quote error id ${errorId} to an operator`,
    errorId,
  };
}

/** Seconds a client is asked to wait after `503 overloaded`. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/** The answer to a request beyond the bounded queue (pool wait or in-flight cap): `503 overloaded`. */
export function overloadedProblem(): ProblemDetails {
  return {
    type: 'overloaded',
    title: 'Overloaded',
    status: 503,
    detail: 'The service is at capacity and did not process the request; retry after the time in Retry-After',
  };
}

/**
 * Removes what may carry personal data from a text: quoted values (Postgres quotes the offending input,
 * `invalid input syntax for type uuid: "…"`), key details (`Key (x)=(…)`) and query strings.
 */
export function scrubText(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/=\([^)]*\)/g, '=(…)')
    .replace(/\?[^\s"'#]*/g, (m) => (m.length > 1 ? '?…' : m));
}

/**
 * What is logged of an unexpected error: its class, codes and the names of the database objects
 * involved, with the message and stack scrubbed. Never the SQL, its parameters, the driver's
 * `detail`/`where` (which quote rows) or the request's query string.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: scrubText(String(error)) };
  const e = error as Record<string, unknown> & { driverError?: Record<string, unknown> };
  const driver = e.driverError ?? e;
  const pick = (o: Record<string, unknown>, k: string) => (typeof o[k] === 'string' ? o[k] : undefined);
  const out: Record<string, unknown> = {
    type: (error as Error).constructor?.name ?? 'Error',
    message: scrubText(typeof e.message === 'string' ? e.message : ''),
  };
  for (const k of ['code', 'constraint', 'table', 'schema', 'column', 'routine']) {
    const v = pick(driver, k) ?? pick(e, k);
    if (v !== undefined) out[k] = v;
  }
  if (typeof e.stack === 'string') {
    // The first line of a stack is the message: scrub it; frames name files and functions only.
    out.stack = scrubText(e.stack);
  }
  return out;
}

/**
 * True for errors that mean Postgres is unreachable or restarting (not a bug of ours): they answer
 * 503 so that clients retry, never 500.
 */
function isDependencyDown(error: unknown): boolean {
  const candidates = [
    error,
    (error as { driverError?: unknown })?.driverError,
    (error as { cause?: unknown })?.cause,
  ];
  return candidates.some((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const { code: rawCode, message: rawMessage } = e as { code?: unknown; message?: unknown };
    const code = typeof rawCode === 'string' ? rawCode : '';
    const message = typeof rawMessage === 'string' ? rawMessage : '';
    return (
      code.startsWith('08') ||
      ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code) ||
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection due to administrator command/i.test(
        message,
      )
    );
  });
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const s = error.statusCode;
    if (typeof s === 'number') return s;
  }
  return undefined;
}

function safeDetail(error: unknown, status: number): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413)
    return 'The request body is larger than allowed';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return 'Send the body as application/json';
  if (code.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)
    return 'The request body is not valid JSON';
  if (status === 404) return 'No such resource';
  if (status === 401) return 'A valid bearer token is required';
  if (status === 403) return 'Your role may not do this';
  if (error instanceof HttpException) {
    const res = error.getResponse();
    // Nest's own messages (e.g. "Cannot GET /x") contain only the route, never the body.
    if (typeof res === 'string') return res;
    if (typeof res === 'object' && res && 'message' in res && typeof res.message === 'string')
      return res.message;
  }
  return 'The request could not be processed';
}

function titleCase(code: string): string {
  const s = code.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The global filter: every error leaves as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger?: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (exception instanceof HttpException && request.url?.startsWith('/health')) {
      // Health checks answer in terminus' own format, which says which dependency is down.
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const problem = toProblem(exception, this.logger);
    problem.instance = request.url?.split('?')[0];
    if (problem.status === 503)
      void reply.header(
        'Retry-After',
        problem.type === 'overloaded' ? String(OVERLOAD_RETRY_AFTER_SECONDS) : '5',
      );
    if (problem.status === 429 && typeof exception === 'object' && exception && 'retryAfter' in exception) {
      void reply.header('Retry-After', String(exception.retryAfter));
    }
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }
}
