import { randomBytes, toHex } from './bytes.js';

/**
 * A Twilio SID: a two-letter prefix and 32 lowercase hex digits.
 * @param {string} prefix e.g. `VA`, `YE`, `YF`, `YC`
 */
export const newSid = prefix => prefix + toHex(randomBytes(16));

/** @param {string} prefix @param {unknown} value */
export const isSid = (prefix, value) => typeof value === 'string' && value.length === 34 && value.startsWith(prefix) && /^[0-9a-f]{32}$/.test(value.slice(2));
