/**
 * Build and documentation tooling (AsyncAPI generation and the like). It may use devDependencies, so
 * no app and no runtime code of libs/shared may import it (ESLint module boundaries: tag
 * `type:tooling`); only tests and scripts do.
 */
export * from './asyncapi.js';
