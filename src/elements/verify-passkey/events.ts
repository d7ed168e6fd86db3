import { eventInit } from '../internal/event-init.js';
import type { PasskeyErrorReason, PasskeyMode } from './strings.js';

export interface VerifyPasskeyRegisteredDetail {
  /** Verify's passkey factor (YF…). */
  readonly factorSid: string;
  readonly status: string;
}

export interface VerifyPasskeySignedInDetail {
  /** Who signed in, as the site's server names them. */
  readonly identity: string;
  readonly status: string;
}

/** What failed; never holds a challenge, a credential or the server's session. */
export interface VerifyPasskeyErrorDetail {
  readonly mode: PasskeyMode;
  /** Stable: branch on this, not on `message`. */
  readonly reason: PasskeyErrorReason;
  /** Verify's error code when the site's server passed one on; 0 otherwise. */
  readonly code: number;
  /** What happened, in English, for logs. */
  readonly message: string;
  /** Whether it came from passkey autofill (conditional mediation) rather than the button. */
  readonly autofill: boolean;
}

export interface VerifyPasskeyUnsupportedDetail {
  readonly mode: PasskeyMode;
}

/** A passkey was created and the site's server verified it. */
export class VerifyPasskeyRegisteredEvent extends CustomEvent<VerifyPasskeyRegisteredDetail> {
  static readonly type = 'verify-passkey-registered';
  constructor(detail: VerifyPasskeyRegisteredDetail) {
    super(VerifyPasskeyRegisteredEvent.type, eventInit(detail));
  }
}

/** The user signed in with a passkey (from the button or from autofill). */
export class VerifyPasskeySignedInEvent extends CustomEvent<VerifyPasskeySignedInDetail> {
  static readonly type = 'verify-passkey-signed-in';
  constructor(detail: VerifyPasskeySignedInDetail) {
    super(VerifyPasskeySignedInEvent.type, eventInit(detail));
  }
}

/** Registering or signing in failed. */
export class VerifyPasskeyErrorEvent extends CustomEvent<VerifyPasskeyErrorDetail> {
  static readonly type = 'verify-passkey-error';
  constructor(detail: VerifyPasskeyErrorDetail) {
    super(VerifyPasskeyErrorEvent.type, eventInit(detail));
  }
}

/** This browser has no WebAuthn: the page can offer another way (a code, a push). */
export class VerifyPasskeyUnsupportedEvent extends CustomEvent<VerifyPasskeyUnsupportedDetail> {
  static readonly type = 'verify-passkey-unsupported';
  constructor(detail: VerifyPasskeyUnsupportedDetail) {
    super(VerifyPasskeyUnsupportedEvent.type, eventInit(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'verify-passkey-registered': VerifyPasskeyRegisteredEvent;
    'verify-passkey-signed-in': VerifyPasskeySignedInEvent;
    'verify-passkey-error': VerifyPasskeyErrorEvent;
    'verify-passkey-unsupported': VerifyPasskeyUnsupportedEvent;
  }
}
