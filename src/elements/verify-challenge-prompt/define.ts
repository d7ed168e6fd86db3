import { defineElement } from '../../define.js';
import { VerifyChallengePrompt } from './verify-challenge-prompt.js';

export * from './verify-challenge-prompt.js';
export * from './events.js';

defineElement('verify-challenge-prompt', VerifyChallengePrompt);

declare global {
  interface HTMLElementTagNameMap {
    'verify-challenge-prompt': VerifyChallengePrompt;
  }
}
