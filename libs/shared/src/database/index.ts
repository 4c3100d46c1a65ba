export * from './data-source.js';
export * from './pool-pressure.js';
export * from './pg-errors.js';
