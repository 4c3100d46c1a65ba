import { defineErrorCodes } from '../errors/domain-error.js';
import { addProblemResponses } from './problem-responses.js';

defineErrorCodes<'widget-locked'>({ 'widget-locked': { status: 409, title: 'Widget locked' } });

describe(addProblemResponses.name, () => {
  const document = () => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/v1/widgets/{id}': {
        get: { responses: { '200': { description: 'ok' } } },
        post: {
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateWidgetDto' } } },
          },
          responses: { '201': { description: 'created' }, '422': { description: 'idempotency-key-reused' } },
        },
      },
      '/health/live': { get: { responses: { '200': { description: 'ok' } } } },
    },
    components: {
      schemas: {
        CreateWidgetDto: {
          type: 'object',
          required: ['name', 'kind', 'count'],
          properties: {
            name: { type: 'string', example: 'blue' },
            kind: { type: 'string', enum: ['small', 'large'] },
            count: { type: 'integer', minimum: 2 },
            at: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  });

  it('declares problem+json errors with the type codes of each status, and keeps declared descriptions', () => {
    const doc = addProblemResponses(document()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const post = doc.paths['/v1/widgets/{id}'].post.responses;
    expect(Object.keys(post).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '503',
    ]);
    expect(post['422'].description).toBe('idempotency-key-reused');
    expect(post['409'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem409',
    });
    expect(doc.components.schemas.Problem409.allOf[1].properties.type.enum).toEqual(
      expect.arrayContaining(['widget-locked', 'conflict', 'illegal-transition']),
    );
    expect(doc.components.schemas.Problem400.allOf[1].properties.type.enum).toContain('validation-failed');
    const get = doc.paths['/v1/widgets/{id}'].get.responses;
    expect(Object.keys(get).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(doc.paths['/health/live'].get.responses).toEqual({ '200': { description: 'ok' } });
  });

  it('gives a request body an example from the schema', () => {
    const doc = addProblemResponses(document()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.paths['/v1/widgets/{id}'].post.requestBody.content['application/json'].example).toEqual({
      name: 'blue',
      kind: 'small',
      count: 2,
      at: '2026-11-30T09:00:00Z',
    });
  });
});
