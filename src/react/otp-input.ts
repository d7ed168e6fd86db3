import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { OtpCompleteEvent, OtpInput as OtpInputElement } from '../elements/otp-input/define.js';

/**
 * `<otp-input>` for React. Element properties are props, set as properties (`value`, `length`,
 * `mode`, `strings`, …); `onOtpComplete` gets the `OtpCompleteEvent`; React's own `onInput` and
 * `onChange` see the native events of the inner input.
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/otp-input.js`), and does nothing else on import.
 */
export const OtpInput = createComponent({
  react: React,
  tagName: 'otp-input',
  elementClass: OtpInputElement,
  displayName: 'OtpInput',
  events: {
    onOtpComplete: OtpCompleteEvent.type as EventName<OtpCompleteEvent>,
  },
});
