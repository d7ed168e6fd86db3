import type { PushConfig } from '../../client/types.js';
import type { VerifyErrorDetail } from '../internal/verify-error.js';
import { eventInit } from '../internal/event-init.js';

export { VerifyErrorEvent } from '../internal/verify-error.js';

/** Where enrolling (or removing) failed: getting the token, a visible step, or the removal. */
export type EnrollErrorStep = NonNullable<VerifyErrorDetail['step']>;

export interface VerifyEnrolledDetail {
  readonly factorSid: string;
  readonly identity: string;
  /** `none` when the browser enrolled without notifications (polling). */
  readonly platform: PushConfig['platform'];
}

export interface VerifyUnenrolledDetail {
  readonly factorSid: string;
}

/** This browser is enrolled: its factor is created and verified. */
export class VerifyEnrolledEvent extends CustomEvent<VerifyEnrolledDetail> {
  static readonly type = 'verify-enrolled';
  constructor(detail: VerifyEnrolledDetail) {
    super(VerifyEnrolledEvent.type, eventInit(detail));
  }
}

/** This browser's factor was deleted, on the API and locally. */
export class VerifyUnenrolledEvent extends CustomEvent<VerifyUnenrolledDetail> {
  static readonly type = 'verify-unenrolled';
  constructor(detail: VerifyUnenrolledDetail) {
    super(VerifyUnenrolledEvent.type, eventInit(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'verify-enrolled': VerifyEnrolledEvent;
    'verify-unenrolled': VerifyUnenrolledEvent;
  }
}
