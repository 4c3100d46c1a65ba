import { errorStatuses, errorTitles } from '../errors/domain-error.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const MUTATIONS = new Set(['put', 'post', 'patch', 'delete']);
const PROBLEM = 'application/problem+json';

/** What every problem+json body looks like (RFC 9457, with the platform's `type` codes). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'An error (RFC 9457). `type` is a stable short code; `detail` never contains personal data.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'Stable error code, e.g. `validation-failed`' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errorId: { type: 'string', description: 'Quoted to operators for a 500; logged with the stack' },
    errors: {
      type: 'array',
      description: 'For `validation-failed`: every bad field',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'person.citizenship' }, message: { type: 'string' } },
      },
    },
  },
};

/** Codes the problem filter gives errors that do not come from a domain error map. */
const FRAMEWORK_CODES: Record<number, string[]> = {
  400: ['bad-request'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['not-found'],
  409: ['conflict'],
  413: ['payload-too-large'],
  415: ['unsupported-media-type'],
  422: ['unprocessable-entity'],
  429: ['too-many-requests'],
  503: ['service-unavailable'],
};

/** Every `type` code registered in this process (the service's capabilities and the shared ones), by status. */
function codesByStatus(): Map<number, string[]> {
  const out = new Map<number, Set<string>>();
  const add = (status: number, code: string) => out.set(status, (out.get(status) ?? new Set()).add(code));
  for (const [code, status] of errorStatuses) add(status, code);
  for (const [status, codes] of Object.entries(FRAMEWORK_CODES))
    for (const c of codes) add(Number(status), c);
  return new Map([...out].map(([s, codes]) => [s, [...codes].sort()]));
}

/** The statuses an operation can answer with, from what it is (a mutation, with path parameters, with a body). */
function statusesOf(method: string, path: string, op: Json, registered: Map<number, string[]>): number[] {
  if (!path.startsWith('/v1')) return [];
  const statuses = new Set([400, 401, 403, 503]);
  const hasPathParams = /\{[^}]+\}/.test(path);
  if (hasPathParams) statuses.add(404);
  if (op.requestBody) [413, 415].forEach((s) => statuses.add(s));
  if (MUTATIONS.has(method)) [409, 422].forEach((s) => registered.has(s) && statuses.add(s));
  if (hasPathParams && registered.has(410)) statuses.add(410);
  // Whatever the code declared explicitly (e.g. 429 on rate-limited routes) is kept and gets a body.
  for (const s of Object.keys(op.responses ?? {})) if (/^4\d\d$|^5\d\d$/.test(s)) statuses.add(Number(s));
  return [...statuses].sort((a, b) => a - b);
}

/** A request body example built from the schema: declared examples, else the first enum value, else by type. */
function exampleOf(schema: Json | undefined, components: Json, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (schema.$ref) return exampleOf(components[String(schema.$ref).split('/').pop()!], components, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((s: Json) => exampleOf(s, components, depth + 1)));
  if (schema.oneOf || schema.anyOf)
    return exampleOf((schema.oneOf ?? schema.anyOf)[0], components, depth + 1);
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      for (const [name, prop] of Object.entries((schema.properties ?? {}) as Json)) {
        const required = (schema.required ?? []).includes(name);
        const value = exampleOf(prop, components, depth + 1);
        if (value !== undefined && (required || (prop as Json).example !== undefined || depth <= 1))
          out[name] = value;
      }
      return out;
    }
    case 'array':
      return [exampleOf(schema.items, components, depth + 1)].filter((v) => v !== undefined);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      switch (schema.format) {
        case 'date-time':
          return '2026-11-30T09:00:00Z';
        case 'date':
          return '2026-11-30';
        case 'uuid':
          return '00000000-0000-4000-8000-000000000000';
        case 'email':
          return 'duty@example.gov.az';
        case 'uri':
          return 'https://example.gov.az/hook';
        default:
          return schema.minLength && schema.minLength > 6 ? 'x'.repeat(schema.minLength) : 'string';
      }
    default:
      return undefined;
  }
}

/**
 * Completes a service's OpenAPI document so that a client generated from it knows every error: each
 * `/v1` operation declares its 4xx and 503 answers as `application/problem+json`, with the `type`
 * codes that status can carry in this service (from the services' exhaustive error maps), and every
 * JSON request body has an example. Run on the document Nest builds, before it is served.
 */
export function addProblemResponses<D extends object>(document: D): D {
  const doc = document as Json;
  doc.components ??= {};
  doc.components.schemas ??= {};
  const schemas = doc.components.schemas as Json;
  const registered = codesByStatus();
  schemas.Problem = PROBLEM_SCHEMA;
  for (const [status, codes] of registered) {
    if (status < 400 || status === 500) continue;
    schemas[`Problem${status}`] = {
      allOf: [
        { $ref: '#/components/schemas/Problem' },
        {
          type: 'object',
          properties: { type: { type: 'string', enum: codes }, status: { type: 'integer', enum: [status] } },
        },
      ],
    };
  }
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      op.responses ??= {};
      for (const status of statusesOf(method, path, op, registered)) {
        const codes = registered.get(status) ?? [];
        const existing = (op.responses[String(status)] ?? {}) as Json;
        op.responses[String(status)] = {
          ...existing,
          description:
            existing.description ??
            (codes.map((c) => `\`${c}\`: ${errorTitles.get(c) ?? c}`).join('; ') || 'Error'),
          content: {
            [PROBLEM]: {
              schema: {
                $ref: `#/components/schemas/${schemas[`Problem${status}`] ? `Problem${status}` : 'Problem'}`,
              },
            },
          },
        };
      }
      const body = op.requestBody?.content?.['application/json'] as Json | undefined;
      if (body && body.example === undefined && body.examples === undefined) {
        const example = exampleOf(body.schema, schemas);
        if (example !== undefined) body.example = example;
      }
    }
  }
  return document;
}
