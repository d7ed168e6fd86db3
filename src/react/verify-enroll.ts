import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { VerifyEnroll as VerifyEnrollElement, VerifyEnrolledEvent, VerifyErrorEvent, VerifyUnenrolledEvent } from '../elements/verify-enroll/define.js';

/**
 * `<verify-enroll>` for React. Element properties are props (`tokenUrl` or `tokenProvider`,
 * `transport`, `apiBase`, `client`, …); one event prop per event.
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/verify-enroll.js`), and does nothing else on import.
 */
export const VerifyEnroll = createComponent({
  react: React,
  tagName: 'verify-enroll',
  elementClass: VerifyEnrollElement,
  displayName: 'VerifyEnroll',
  events: {
    onVerifyEnrolled: VerifyEnrolledEvent.type as EventName<VerifyEnrolledEvent>,
    onVerifyUnenrolled: VerifyUnenrolledEvent.type as EventName<VerifyUnenrolledEvent>,
    onVerifyError: VerifyErrorEvent.type as EventName<VerifyErrorEvent>,
  },
});
