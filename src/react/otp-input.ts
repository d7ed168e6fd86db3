import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { OtpCompleteEvent, OtpInput as OtpInputElement } from '../elements/otp-input/define.js';

const Wrapped = createComponent({
  react: React,
  tagName: 'otp-input',
  elementClass: OtpInputElement,
  displayName: 'otp-input',
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
 * never sent (hydration error #418). The element also enhances that `<input>` then (`inputmode`,
 * `maxlength`, `aria-label`, …): the input is marked `suppressHydrationWarning`, as @lit/react marks
 * the host, so React's development build does not report those attributes as a mismatch.
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/otp-input.js`), and does nothing else on import.
 */
export const OtpInput = React.forwardRef<OtpInputElement, React.ComponentProps<typeof Wrapped>>(function OtpInput({ children, ...props }, ref) {
  const inputs = React.Children.map(children ?? React.createElement('input'), child =>
    React.isValidElement<React.InputHTMLAttributes<HTMLInputElement>>(child) && child.type === 'input' ? React.cloneElement(child, { suppressHydrationWarning: true }) : child,
  );
  return React.createElement(Wrapped, { ...props, ref }, inputs);
});
OtpInput.displayName = 'OtpInput';
