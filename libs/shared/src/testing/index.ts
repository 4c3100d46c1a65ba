/** Test helpers: isolated environment, tokens, eventually(), an event tap, a service booter. */
export * from './test-env.js';
export * from './event-tap.js';
export * from './test-service.js';
export * from './isolated.js';
export * from './tcp-proxy.js';
export * from './deliver.js';
