export * from './roles.js';
export * from './jwt-verifier.js';
export * from './auth.guard.js';
