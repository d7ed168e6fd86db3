import type { ChallengeStatus } from '../../client/types.js';
import { eventInit } from '../internal/event-init.js';

export { VerifyErrorEvent, type VerifyErrorDetail } from '../internal/verify-error.js';

/** Which challenge an event is about. */
export interface ChallengeRef {
  readonly factorSid: string;
  readonly challengeSid: string;
}

/** What `<verify-challenge-prompt>` shows of a challenge (never its hidden details). */
export interface ChallengeSummary extends ChallengeRef {
  readonly message: string;
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly status: ChallengeStatus;
  /** RFC 3339, as the API sends it. */
  readonly expirationDate: string;
  /** The user must pick the number shown on the sign-in screen before approving. */
  readonly numberMatch: boolean;
}

export interface VerifyDeniedDetail extends ChallengeRef {
  /** The user also reported the sign-in as suspicious. */
  readonly reported: boolean;
}

/** A challenge was loaded and is shown (its details fetched). */
export class VerifyChallengeEvent extends CustomEvent<ChallengeSummary> {
  static readonly type = 'verify-challenge';
  constructor(detail: ChallengeSummary) {
    super(VerifyChallengeEvent.type, eventInit(detail));
  }
}

/** The user approved the challenge (or `auto-approve` did) and the API accepted it. */
export class VerifyApprovedEvent extends CustomEvent<ChallengeRef> {
  static readonly type = 'verify-approved';
  constructor(detail: ChallengeRef) {
    super(VerifyApprovedEvent.type, eventInit(detail));
  }
}

/** The user denied the challenge, reporting it as suspicious or not, and the API accepted it. */
export class VerifyDeniedEvent extends CustomEvent<VerifyDeniedDetail> {
  static readonly type = 'verify-denied';
  constructor(detail: VerifyDeniedDetail) {
    super(VerifyDeniedEvent.type, eventInit(detail));
  }
}

/** The challenge expired before it was answered. */
export class VerifyExpiredEvent extends CustomEvent<ChallengeRef> {
  static readonly type = 'verify-expired';
  constructor(detail: ChallengeRef) {
    super(VerifyExpiredEvent.type, eventInit(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'verify-challenge': VerifyChallengeEvent;
    'verify-approved': VerifyApprovedEvent;
    'verify-denied': VerifyDeniedEvent;
    'verify-expired': VerifyExpiredEvent;
  }
}
