export * from './rate-limit.js';
