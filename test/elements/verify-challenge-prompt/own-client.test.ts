import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createVerifyPushClient } from '../../../src/client/index.js';
import '../../../src/elements/verify-challenge-prompt/define.js';
import '../../../src/elements/verify-enroll/define.js';
import type { VerifyChallengePrompt } from '../../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import type { VerifyEnroll } from '../../../src/elements/verify-enroll/verify-enroll.js';
import { Backend, newIdentity } from '../../support/verify-backend.js';
import { emulator } from '../../support/emulator.js';
import { emptyKeyStore } from '../verify-enroll/helpers.js';

const message = (el: VerifyChallengePrompt) => el.shadowRoot!.querySelector('[part="message"]')?.textContent;

// No script wiring: the prompt makes its client from api-base, on this browser's key store.
describe('<verify-challenge-prompt api-base> finds this browser\'s enrollments by itself', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });
  beforeEach(() => emptyKeyStore());

  it('after a reload: shows a sign-in request for a factor an earlier page enrolled', async () => {
    // The earlier page: a client on the default key store enrolled this browser.
    const identity = newIdentity();
    const earlier = createVerifyPushClient({ baseUrl: backend.baseUrl });
    const created = await earlier.createFactor({
      accessToken: await backend.accessToken(identity),
      serviceSid: backend.serviceSid,
      identity,
      friendlyName: 'This browser',
      push: { platform: 'none' },
    });
    await earlier.verifyFactor(created.sid);

    const el = await fixture<VerifyChallengePrompt>(
      html`<verify-challenge-prompt api-base=${backend.baseUrl} transport="polling" .pollingOptions=${{ intervalMs: 200 }}></verify-challenge-prompt>`,
    );
    await waitUntil(() => el.client, 'the prompt made its client');
    await backend.challenge(identity, created.sid, { message: 'Sign in to Example from Turin?' });
    await waitUntil(() => el.state === 'pending', `a pending challenge (state ${el.state})`, { timeout: 10_000 });
    expect(message(el)).to.equal('Sign in to Example from Turin?');
    await el.client!.clearLocalStorage();
  });

  it('follows a factor <verify-enroll> enrolls while both are on the page', async () => {
    const identity = newIdentity();
    const root = await fixture<HTMLElement>(html`<div>
      <verify-enroll api-base=${backend.baseUrl} transport="polling"
        .tokenProvider=${async () => ({ token: await backend.accessToken(identity), serviceSid: backend.serviceSid, identity })}></verify-enroll>
      <verify-challenge-prompt api-base=${backend.baseUrl} transport="polling" .pollingOptions=${{ intervalMs: 200 }}></verify-challenge-prompt>
    </div>`);
    const enroll = root.querySelector<VerifyEnroll>('verify-enroll')!;
    const prompt = root.querySelector<VerifyChallengePrompt>('verify-challenge-prompt')!;
    await waitUntil(() => enroll.shadowRoot!.querySelector('button'), 'the Enroll button');
    const enrolled = new Promise<CustomEvent>(resolve => enroll.addEventListener('verify-enrolled', resolve, { once: true }));
    enroll.shadowRoot!.querySelector('button')!.click();
    const { detail } = await enrolled;
    await backend.challenge(identity, detail.factorSid, { message: 'Approve the new sign-in?' });
    await waitUntil(() => prompt.state === 'pending', `a pending challenge (state ${prompt.state})`, { timeout: 10_000 });
    expect(message(prompt)).to.equal('Approve the new sign-in?');
    await prompt.client!.clearLocalStorage();
  });
});
