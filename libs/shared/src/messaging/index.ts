export * from './envelope.js';
export * from './topology.js';
export * from './amqp-connection.js';
export * from './messaging-tables.js';
export * from './unit-of-work.js';
export * from './outbox-relay.js';
export * from './event-consumer.js';
