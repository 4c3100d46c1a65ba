// @ts-expect-error class-transformer ships no types for its storage module; it is what @Type() writes to
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { allContracts, EVENTS_EXCHANGE, SUBSCRIPTIONS } from '#shared';

/**
 * Builds the AsyncAPI 3 document of every event contract from the payload classes themselves, so the
 * published document cannot drift from what consumers validate. Committed as docs/asyncapi.yaml; a
 * test fails when the two differ.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const schemas = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    // So that a nested list (`@ValidateNested({ each: true }) @Type(() => X)`) refers to X, not to Array.
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
  });
  const contracts = allContracts().sort((a, b) => a.type.localeCompare(b.type));
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const usedSchemas = new Set<string>();
  const collect = (name: string) => {
    if (usedSchemas.has(name) || !schemas[name]) return;
    usedSchemas.add(name);
    for (const ref of JSON.stringify(schemas[name]).matchAll(/#\/components\/schemas\/([A-Za-z0-9_]+)/g))
      collect(ref[1]);
  };
  // A payload class that only inherits its fields has no metadata of its own: use its parent's schema.
  const schemaNameOf = (cls: Function): string => {
    let current: Function | null = cls;
    while (current && current.name && !schemas[current.name])
      current = Object.getPrototypeOf(current) as Function | null;
    return current?.name && schemas[current.name] ? current.name : cls.name;
  };
  for (const c of contracts) {
    const id = `${c.type.replace(/\./g, '_')}_v${c.version}`;
    const payloadSchema = schemaNameOf(c.payload);
    collect(payloadSchema);
    messages[id] = {
      name: c.type,
      title: `${c.type} v${c.version}`,
      ...(c.description ? { description: c.description } : {}),
      contentType: 'application/json',
      payload: {
        type: 'object',
        required: [
          'id',
          'type',
          'version',
          'occurredAt',
          'producer',
          'correlationId',
          'causationId',
          'aggregateId',
          'data',
        ],
        properties: {
          id: { type: 'string', format: 'uuid', description: 'Event id; consumers deduplicate on it' },
          type: { type: 'string', const: c.type },
          version: { type: 'integer', const: c.version },
          occurredAt: { type: 'string', format: 'date-time' },
          producer: { type: 'string' },
          correlationId: { type: 'string' },
          causationId: { type: 'string' },
          aggregateId: { type: 'string' },
          data: { $ref: `#/components/schemas/${payloadSchema}` },
        },
      },
    };
    channels[id] = {
      address: c.type,
      description: `Routing key ${c.type} on the topic exchange ${EVENTS_EXCHANGE}`,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: EVENTS_EXCHANGE, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
          bindingVersion: '0.3.0',
        },
      },
    };
    const consumers = Object.entries(SUBSCRIPTIONS)
      .filter(([, keys]) => keys.includes(c.type))
      .map(([name]) => name);
    operations[`publish_${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `Published by its producer through the transactional outbox${consumers.length ? `; consumed by ${consumers.join(', ')}` : ''}`,
    };
  }
  const componentSchemas: Record<string, unknown> = {};
  for (const name of [...usedSchemas].sort()) componentSchemas[name] = schemas[name];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'NRM Platform events',
      version: '1.0.0',
      description:
        'Events exchanged by the NRM Platform services on RabbitMQ. No personal data: a victim is a victimRef plus a minimal profile (R-1.3.2).',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: componentSchemas },
  };
}
