export * from './problem-responses.js';
