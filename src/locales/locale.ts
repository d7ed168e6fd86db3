// The shape of a translation, apart from the controller that loads them (which imports the translations).
import type { OtpInputStrings } from '../elements/otp-input/strings.js';
import type { VerifyEnrollStrings } from '../elements/verify-enroll/strings.js';
import type { ChallengePromptStrings } from '../elements/verify-challenge-prompt/strings.js';
import type { VerifyTotpEnrollStrings } from '../elements/verify-totp-enroll/strings.js';

/** Every string of the kit, by element. A language file (`locales/ja.ts`) is one of these. */
export interface Locale {
  otpInput: OtpInputStrings;
  verifyEnroll: VerifyEnrollStrings;
  challengePrompt: ChallengePromptStrings;
  verifyTotpEnroll: VerifyTotpEnrollStrings;
}
/** Strings for some or all elements, some or all of their strings. */
export type PartialLocale = { [K in keyof Locale]?: Partial<Locale[K]> };
