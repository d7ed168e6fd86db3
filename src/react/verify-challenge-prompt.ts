import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  VerifyApprovedEvent,
  VerifyChallengeEvent,
  VerifyChallengePrompt as VerifyChallengePromptElement,
  VerifyDeniedEvent,
  VerifyErrorEvent,
  VerifyExpiredEvent,
} from '../elements/verify-challenge-prompt/define.js';

/**
 * `<verify-challenge-prompt>` for React. Element properties are props (`client`, `push`,
 * `factorSid` + `challengeSid`, `autoApprove`, …); one event prop per event.
 *
 * Like any wrapper, it registers its tag through the define module it imports
 * (`verify-elements/verify-challenge-prompt.js`), and does nothing else on import.
 */
export const VerifyChallengePrompt = createComponent({
  react: React,
  tagName: 'verify-challenge-prompt',
  elementClass: VerifyChallengePromptElement,
  displayName: 'VerifyChallengePrompt',
  events: {
    onVerifyChallenge: VerifyChallengeEvent.type as EventName<VerifyChallengeEvent>,
    onVerifyApproved: VerifyApprovedEvent.type as EventName<VerifyApprovedEvent>,
    onVerifyDenied: VerifyDeniedEvent.type as EventName<VerifyDeniedEvent>,
    onVerifyExpired: VerifyExpiredEvent.type as EventName<VerifyExpiredEvent>,
    onVerifyError: VerifyErrorEvent.type as EventName<VerifyErrorEvent>,
  },
});
