import { eventInit } from './event-init.js';

/** What went wrong, in a `verify-error` event of any push element. Never holds keys or tokens. */
export interface VerifyErrorDetail {
  /** The `VerifyError` code: the API's (60322 already answered, …) or the client's (60401 network, …); 0 when unknown. */
  readonly code: number;
  /** What happened and what to do. */
  readonly message: string;
  /** Why a push was ignored (`bad-factor-sid`, `unknown-factor`, `not-a-challenge`, …), or why its stream failed. */
  readonly reason?: string;
  /** `<verify-enroll>` only: the step that failed (`token`, `permission`, `key`, `register`, `verify`, `remove`). */
  readonly step?: 'token' | 'permission' | 'key' | 'register' | 'verify' | 'remove';
}

/** The kit's one `verify-error`, fired by `<verify-enroll>` and `<verify-challenge-prompt>`. */
export class VerifyErrorEvent extends CustomEvent<VerifyErrorDetail> {
  static readonly type = 'verify-error';
  constructor(detail: VerifyErrorDetail) {
    super(VerifyErrorEvent.type, eventInit(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'verify-error': VerifyErrorEvent;
  }
}
