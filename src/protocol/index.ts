export * from './codes.js';
export * from './code-table.js';
export * from './verification-codes.js';
export * from './wire.js';
