// `verify-elements/react`: React components for the kit's tags, with typed event props. Each
// registers its own tag (through the tag's define module) and nothing else; a bundler keeps only
// the ones an app uses.
export { OtpInput } from './otp-input.js';
export { VerifyEnroll } from './verify-enroll.js';
export { VerifyChallengePrompt } from './verify-challenge-prompt.js';
// Issue 14: authenticator apps (TOTP).
export { VerifyTotpEnroll } from './verify-totp-enroll.js';
export type {
  TotpErrorReason,
  VerifyTotpEnrolledDetail,
  VerifyTotpEnrolledEvent,
  VerifyTotpErrorDetail,
  VerifyTotpErrorEvent,
} from '../elements/verify-totp-enroll/events.js';
export type { OtpCompleteDetail, OtpCompleteEvent, OtpSource } from '../elements/otp-input/events.js';
export type { VerifyEnrolledEvent, VerifyEnrolledDetail, VerifyUnenrolledEvent, VerifyUnenrolledDetail } from '../elements/verify-enroll/events.js';
export type {
  ChallengeRef,
  ChallengeSummary,
  VerifyApprovedEvent,
  VerifyChallengeEvent,
  VerifyDeniedDetail,
  VerifyDeniedEvent,
  VerifyErrorDetail,
  VerifyErrorEvent,
  VerifyExpiredEvent,
} from '../elements/verify-challenge-prompt/events.js';
