/**
 * @nrm/shared: what all four services truly share — event contracts and envelope, outbox/inbox
 * messaging, auth, problem+json errors, config validation, health and metrics wiring. No domain logic.
 */
export * from './config/index.js';
export * from './errors/index.js';
export * from './auth/index.js';
export * from './observability/index.js';
export * from './database/index.js';
export * from './contracts/index.js';
export * from './messaging/index.js';
export * from './health/index.js';
export * from './http/index.js';
export * from './crypto/index.js';
export * from './platform/index.js';
export * from './openapi/index.js';
