export * from './common.js';
export * from './event-contract.js';
export * from './referral.events.js';
export * from './shelter.events.js';
export * from './compensation.events.js';
export * from './notification.events.js';
export * from './asyncapi.js';
export * from './ownership.js';
