/**
 * `verify-elements/client`: the headless Verify Push client (no Lit, no rendering). Enrolls this
 * browser as a push factor, keeps its non-extractable key in IndexedDB, and answers challenges.
 * @module
 */
export { createVerifyPushClient } from './verify-push-client.js';
export { createIndexedDbStore, type IndexedDbStoreOptions } from './key-store.js';
export { VerifyError } from './errors.js';
export type * from './types.js';
