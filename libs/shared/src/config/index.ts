export * from './base.config.js';
export * from './production-guard.js';
