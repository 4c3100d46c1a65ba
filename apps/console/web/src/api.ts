// Calls to the console server: same-origin, cookie-authenticated; writes carry the CSRF token.
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail ?? title);
  }
}

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Listeners told when a call answers 401 (the session is gone). */
const unauthorizedListeners = new Set<(type: string) => void>();
export function onUnauthorized(listener: (type: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function api<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body: unknown =
    text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const p = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const error = new ApiError(
      res.status,
      typeof p.type === 'string' ? p.type : String(res.status),
      typeof p.title === 'string' ? p.title : res.statusText,
      typeof p.detail === 'string' ? p.detail : undefined,
      Array.isArray(p.errors) ? (p.errors as FieldProblem[]) : [],
    );
    if (res.status === 401) for (const l of unauthorizedListeners) l(error.type);
    throw error;
  }
  return body as T;
}

/** A fresh idempotency key: one per form, kept until the form succeeds. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
