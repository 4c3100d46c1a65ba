export * from './rate-limit.js';
export * from './paging.js';
export * from './uuid-param.js';
