import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { OtpCompleteEvent, OtpInput as OtpInputElement } from '../elements/otp-input/define.js';

const Wrapped = createComponent({
  react: React,
  tagName: 'otp-input',
  elementClass: OtpInputElement,
  displayName: 'OtpInput',
  events: {
    onOtpComplete: OtpCompleteEvent.type as EventName<OtpCompleteEvent>,
  },
});

/**
 * `<otp-input>` for React. Element properties are props, set as properties (`value`, `length`,
 * `mode`, `strings`, …); `onOtpComplete` gets the `OtpCompleteEvent`; React's own `onInput` and
 * `onChange` see the native events of the inner input.
 *
 * Without children it renders the `<input>` itself: the element would otherwise add one when its
 * module runs, before React hydrates server-rendered HTML, and React would find a node the server
 * never sent (hydration error #418).
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/otp-input.js`), and does nothing else on import.
 */
export const OtpInput = React.forwardRef<OtpInputElement, React.ComponentProps<typeof Wrapped>>(function OtpInput({ children, ...props }, ref) {
  return React.createElement(Wrapped, { ...props, ref }, children ?? React.createElement('input'));
});
