export * from './key-ring.js';
export * from './field-cipher.js';
