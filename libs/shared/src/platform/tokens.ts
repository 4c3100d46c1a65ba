/** Injection token of the service's validated config object. */
export const CONFIG = Symbol('nrm:config');
/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('nrm:logger');
/** Injection token of the service name (`referral`, `shelter`, …). */
export const SERVICE_NAME = Symbol('nrm:service-name');

/** The service's Postgres schema (its tables, the rate-limit counters). */
export const DATABASE_SCHEMA = Symbol('nrm:database-schema');
