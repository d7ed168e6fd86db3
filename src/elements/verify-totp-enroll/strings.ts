// Apart from the element, so the locales can name its strings without importing it (no cycle).
import type { TotpErrorReason } from './events.js';

/** Every string `<verify-totp-enroll>` shows or announces; override any of them with `strings`. */
export interface VerifyTotpEnrollStrings {
  /** Heading before setting up. */
  title: string;
  /** What an authenticator app gives the user. */
  intro: string;
  /** The button that starts setting up. */
  start: string;
  /** Heading while the site's server creates the key; also announced. */
  starting: string;
  /** Heading while the QR code is shown; also announced. */
  scan: string;
  /** The QR code's text alternative: `account` and `issuer` come from the `otpauth://` URI (either may be empty). */
  qrLabel: (account: string, issuer: string) => string;
  /** Before the key, for apps that cannot scan. */
  manual: string;
  /** The button that copies the key. */
  copy: string;
  /** Shown and announced once the key is on the clipboard. */
  copied: string;
  /** Shown and announced when the browser refused the clipboard. */
  copyRefused: string;
  /** The code field's name. */
  codeLabel: string;
  /** Before the code field: `digits` is the length of the app's codes. */
  enterCode: (digits: number) => string;
  /** The button that sends the code. */
  confirm: string;
  /** Heading while the code is checked; also announced. */
  confirming: string;
  /** Heading once the app is set up; also announced. */
  enrolled: string;
  /** Heading after a failure that needs a new start (`errors[reason]` follows it). */
  failed: string;
  /** The button after such a failure. */
  retry: string;
  /** What went wrong, by the `reason` of `verify-totp-error`: shown next to the code field or under `failed`, and announced. */
  errors: Record<TotpErrorReason, string>;
}
