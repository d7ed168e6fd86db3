import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { VerifyTotpEnroll as VerifyTotpEnrollElement, VerifyTotpEnrolledEvent, VerifyTotpErrorEvent } from '../elements/verify-totp-enroll/define.js';

/**
 * `<verify-totp-enroll>` for React. Element properties are props (`url` or `provider`,
 * `friendlyName`, `autostart`, `strings`); one event prop per event.
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/verify-totp-enroll.js`), and does nothing else on import.
 */
export const VerifyTotpEnroll = createComponent({
  react: React,
  tagName: 'verify-totp-enroll',
  elementClass: VerifyTotpEnrollElement,
  displayName: 'VerifyTotpEnroll',
  events: {
    onVerifyTotpEnrolled: VerifyTotpEnrolledEvent.type as EventName<VerifyTotpEnrolledEvent>,
    onVerifyTotpError: VerifyTotpErrorEvent.type as EventName<VerifyTotpErrorEvent>,
  },
});
