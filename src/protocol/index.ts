export * from './codes.js';
export * from './code-table.js';
export * from './wire.js';
