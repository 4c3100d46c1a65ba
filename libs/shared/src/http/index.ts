export * from './rate-limit.js';
export * from './paging.js';
