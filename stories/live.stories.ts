// The push elements against a real Verify Push emulator: `npm run storybook` serves one on
// Storybook's own origin (.storybook/main.ts). The story plays the site's backend in the page, with
// the emulator's account credentials: a real backend keeps those on its server.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.js';
import type { EmulatorInfo } from '../test/support/verify-backend.js';
import { Backend, newIdentity } from '../test/support/verify-backend.js';

const meta: Meta = {
  title: 'Live (emulator)/Enroll and approve',
  tags: ['!autodocs'],
  parameters: { layout: 'padded' },
};
export default meta;

async function emulatorInfo(): Promise<EmulatorInfo | undefined> {
  const response = await fetch('/storybook/emulator.json').catch(() => undefined);
  return response?.ok ? response.json() : undefined;
}

/** Enroll this browser, then send it sign-in requests with number matching, and answer them. */
export const EnrollAndApprove: StoryObj = {
  render: () => {
    const root = document.createElement('div');
    root.style.display = 'grid';
    root.style.gap = '1rem';
    root.style.maxInlineSize = '30rem';
    void (async () => {
      const info = await emulatorInfo();
      if (!info) {
        root.textContent = 'This story needs the Verify Push emulator that `npm run storybook` serves; the static build has none.';
        return;
      }
      const backend = await Backend.create(info);
      const identity = newIdentity();
      const enroll = document.createElement('verify-enroll');
      Object.assign(enroll, {
        apiBase: info.baseUrl,
        transport: 'emulator',
        tokenProvider: async () => ({ token: await backend.accessToken(identity), serviceSid: backend.serviceSid, identity }),
      });
      const prompt = document.createElement('verify-challenge-prompt');
      const send = Object.assign(document.createElement('button'), { textContent: 'Send a sign-in request', disabled: true });
      const number = document.createElement('p');
      let factorSid = '';
      enroll.addEventListener('verify-enrolled', e => {
        factorSid = e.detail.factorSid;
        prompt.client = enroll.client;
        send.disabled = false;
      });
      send.addEventListener('click', async () => {
        const choices = [17, 42, 88].map(n => String(n + Math.floor(Math.random() * 10)));
        const right = choices[Math.floor(Math.random() * 3)];
        await backend.challenge(identity, factorSid, {
          message: 'Sign in to Storybook?',
          fields: [{ label: 'Browser', value: navigator.userAgent.slice(0, 60) }],
          hiddenDetails: { match_choices: choices.join(',') },
        });
        number.textContent = `The sign-in screen shows ${right}: pick it.`;
      });
      root.append(enroll, send, number, prompt);
    })();
    return html`${root}`;
  },
};
