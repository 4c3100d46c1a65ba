export * from './base.config.js';
