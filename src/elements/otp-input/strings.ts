// Apart from the element, so the locales can name its strings without importing it (no cycle).
import type { OtpMode } from './characters.js';

/** Every string `<otp-input>` shows or announces; override any of them with `strings`. */
export interface OtpInputStrings {
  /** Accessible name of the input when no `<label>` names it and `label` is unset. */
  label: string;
  /** Announced politely when a code was filled in for the user (SMS autofill, WebOTP). */
  filledIn: string;
  /** Validation message when `required` and empty. */
  required: (length: number, mode: OtpMode) => string;
  /** Validation message when part of the code is missing. */
  incomplete: (length: number, mode: OtpMode) => string;
}
