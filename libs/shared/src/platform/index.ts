export * from './tokens.js';
export * from './lifecycle.js';
export * from './platform.module.js';
export * from './bootstrap.js';
export * from './periodic-worker.js';
