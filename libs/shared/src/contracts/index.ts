export * from './common.js';
export * from './event-contract.js';
export * from './referral.events.js';
export * from './service-request.events.js';
export * from './victim.events.js';
export * from './shelter.events.js';
export * from './compensation.events.js';
export * from './notification.events.js';
