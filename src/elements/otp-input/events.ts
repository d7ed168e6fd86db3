/** How a code reached the input. */
export type OtpSource = 'typing' | 'paste' | 'autofill' | 'webotp';

export interface OtpCompleteDetail {
  /** The complete code. */
  readonly value: string;
  /** How the last characters arrived. */
  readonly source: OtpSource;
}

/**
 * Fired by `<otp-input>` once each time the code becomes complete. Cancel it (`preventDefault()`)
 * to stop `autosubmit` from submitting the form.
 */
export class OtpCompleteEvent extends CustomEvent<OtpCompleteDetail> {
  static readonly type = 'otp-complete';
  constructor(detail: OtpCompleteDetail) {
    super(OtpCompleteEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'otp-complete': OtpCompleteEvent;
  }
}
