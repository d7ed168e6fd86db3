// `verify-elements`: defines every tag and exports the element classes and their events.
export * from './elements/otp-input/define.js';
export * from './elements/verify-enroll/define.js';
export * from './elements/verify-challenge-prompt/define.js';
// Issue 14: authenticator apps (TOTP).
export * from './elements/verify-totp-enroll/define.js';
export type { OtpMode } from './elements/otp-input/characters.js';
export { VERSION } from './version.js';
export { registerLocale, type Locale, type PartialLocale } from './locales/localize.js';
