export * from './codes.js';
export * from './wire.js';
