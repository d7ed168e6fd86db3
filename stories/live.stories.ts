// The whole flow against the Verify Push emulator that runs in this browser (stories/support/backend.ts):
// enroll, then sign-in requests with number matching, delivered by the emulator's push stream (or by
// polling when notifications are blocked), answered in the prompt.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.js';
import { emulatorTransport } from '../src/push/emulator.js';
import { pollingTransport, withPollingFallback } from '../src/push/polling.js';
import { createScene, withScene, type Scene } from './support/backend.js';

const { loaders, beforeEach, render } = withScene(
  async () => ({ scene: await createScene() }),
  (_args, { scene }: { scene: Scene }) => {
    // What <verify-enroll> makes for itself, over the story's own key store.
    const client = scene.client({ transport: withPollingFallback(emulatorTransport({ baseUrl: scene.baseUrl }), pollingTransport({ intervalMs: 2000 })) });
    let factorSid = '';
    const send = Object.assign(document.createElement('button'), { textContent: 'Send a sign-in request', disabled: true });
    const number = document.createElement('p');
    send.addEventListener('click', async () => {
      const choices = [17, 42, 88].map(n => String(n + Math.floor(Math.random() * 10)));
      const right = choices[Math.floor(Math.random() * 3)];
      await scene.backend.challenge(scene.identity, factorSid, {
        message: 'Sign in to Storybook?',
        fields: [{ label: 'Browser', value: navigator.userAgent.slice(0, 60) }],
        hiddenDetails: { match_choices: choices.join(',') },
      });
      number.textContent = `The sign-in screen shows ${right}: pick it.`;
    });
    const enrolled = (e: CustomEvent<{ factorSid: string }>) => {
      factorSid = e.detail.factorSid;
      send.disabled = false;
    };
    return html`<div style="display: grid; gap: 1rem; max-inline-size: 30rem">
      <verify-enroll transport="emulator" api-base=${scene.baseUrl} .client=${client} .tokenProvider=${scene.tokenProvider} @verify-enrolled=${enrolled}></verify-enroll>
      ${send} ${number}
      <verify-challenge-prompt .client=${client}></verify-challenge-prompt>
    </div>`;
  },
);

const meta = {
  title: 'Live (emulator)/Enroll and approve',
  tags: ['!autodocs'],
  parameters: { layout: 'padded' },
  loaders,
  beforeEach,
  render,
} satisfies Meta;
export default meta;

/** Enroll this browser, then send it sign-in requests with number matching, and answer them. */
export const EnrollAndApprove: StoryObj = {};
