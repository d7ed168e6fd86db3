/**
 * `verify-elements/sms`: write and check one-time-code SMS messages for WebOTP and one-time-code
 * autofill. Isomorphic: runs in Node and in every browser.
 * @module
 */
export { parseOtpSms, type ParsedOtpSms } from './parse.js';
export { formatOtpSms, type OtpSmsFields } from './format.js';
