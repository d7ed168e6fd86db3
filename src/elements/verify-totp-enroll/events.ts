import { eventInit } from '../internal/event-init.js';

/**
 * Why setting up an authenticator app failed, stable for code to branch on:
 * `wrong-code` (the code did not match; the field is cleared), `expired` (the enrollment is gone on the
 * server: start again), `rate-limited` (HTTP 429), `network` (no answer), `backend` (any other refusal
 * or a malformed answer), `setup` (the page gave neither `url` nor `provider`).
 */
export type TotpErrorReason = 'wrong-code' | 'expired' | 'rate-limited' | 'network' | 'backend' | 'setup';

export interface VerifyTotpEnrolledDetail {
  /** The verified TOTP factor (`YF…`). */
  readonly factorSid: string;
}

/**
 * What went wrong. Holds neither the key nor the `otpauth://` URI; nor the server's own message, which
 * the element cannot vouch for.
 */
export interface VerifyTotpErrorDetail {
  readonly reason: TotpErrorReason;
  /** `start` (creating the factor) or `confirm` (checking the first code). */
  readonly step: 'start' | 'confirm';
  /** The Twilio error code the server passed on, else 0. */
  readonly code: number;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** What happened, in English, for logs. */
  readonly message: string;
}

/** The authenticator app is set up: the factor is verified. */
export class VerifyTotpEnrolledEvent extends CustomEvent<VerifyTotpEnrolledDetail> {
  static readonly type = 'verify-totp-enrolled';
  constructor(detail: VerifyTotpEnrolledDetail) {
    super(VerifyTotpEnrolledEvent.type, eventInit(detail));
  }
}

/** Starting or confirming failed; `reason` says why. */
export class VerifyTotpErrorEvent extends CustomEvent<VerifyTotpErrorDetail> {
  static readonly type = 'verify-totp-error';
  constructor(detail: VerifyTotpErrorDetail) {
    super(VerifyTotpErrorEvent.type, eventInit(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'verify-totp-enrolled': VerifyTotpEnrolledEvent;
    'verify-totp-error': VerifyTotpErrorEvent;
  }
}
