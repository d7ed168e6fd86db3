import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  VerifyPasskey as VerifyPasskeyElement,
  VerifyPasskeyErrorEvent,
  VerifyPasskeyRegisteredEvent,
  VerifyPasskeySignedInEvent,
  VerifyPasskeyUnsupportedEvent,
} from '../elements/verify-passkey/define.js';

/**
 * `<verify-passkey>` for React. Element properties are props (`mode`, `url` or `provider`,
 * `identity`, `conditional`, `htmlFor`, …); one event prop per event.
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/verify-passkey.js`), and does nothing else on import.
 */
export const VerifyPasskey = createComponent({
  react: React,
  tagName: 'verify-passkey',
  elementClass: VerifyPasskeyElement,
  displayName: 'VerifyPasskey',
  events: {
    onVerifyPasskeyRegistered: VerifyPasskeyRegisteredEvent.type as EventName<VerifyPasskeyRegisteredEvent>,
    onVerifyPasskeySignedIn: VerifyPasskeySignedInEvent.type as EventName<VerifyPasskeySignedInEvent>,
    onVerifyPasskeyError: VerifyPasskeyErrorEvent.type as EventName<VerifyPasskeyErrorEvent>,
    onVerifyPasskeyUnsupported: VerifyPasskeyUnsupportedEvent.type as EventName<VerifyPasskeyUnsupportedEvent>,
  },
});
