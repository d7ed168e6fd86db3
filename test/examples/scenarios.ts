// What a user of each framework example sees, run against the example bundled as an app ships it
// (test/support/examples-plugin.mjs). Every example renders the same page: a code field whose value
// lives in framework state, a Clear button, a status line, and a push prompt with its own status.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { VerifyPushClient } from '../../src/client/index.js';
import type { OtpInput } from '../../src/elements/otp-input/otp-input.js';
import type { VerifyChallengePrompt } from '../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import { Backend, enroll, part, until } from '../elements/verify-challenge-prompt/helpers.js';
import { beforeInput, shown } from '../elements/otp-input/helpers.js';
import { emulator } from '../support/emulator.js';

interface Example {
  mount(root: Element, push?: { client: VerifyPushClient; factorSid: string; challengeSid: string }): () => void;
}

/** examples/<path> bundled; the path has no extension. */
const load = (path: string) => import(`/__examples/${path}.js`) as Promise<Example>;

export function describeExample(title: string, path: string) {
  describe(title, function () {
    this.timeout(20_000);
    let example: Example;
    let backend: Backend;
    let root: HTMLElement;
    let unmount: (() => void) | undefined;

    before(async () => {
      [example, backend] = await Promise.all([load(path), emulator().then(Backend.create)]);
    });

    beforeEach(() => {
      root = document.body.appendChild(document.createElement('div'));
    });

    afterEach(() => {
      unmount?.();
      unmount = undefined;
      root.remove();
    });

    async function render(push?: Parameters<Example['mount']>[1]) {
      unmount = example.mount(root, push);
      await waitUntil(() => root.querySelector('otp-input')?.querySelector('input'), 'the code field renders');
      const el = root.querySelector('otp-input') as OtpInput;
      await el.updateComplete;
      const status = () => root.querySelector('form [role="status"]')!.textContent;
      return { el, input: el.querySelector('input')!, status };
    }

    it('renders <otp-input> with what the app set: the field is named by `label`', async () => {
      const { input } = await render();
      expect(input.getAttribute('aria-label')).to.equal('Code from the SMS');
    });

    it('typing updates the framework state on every input and reports the complete code', async () => {
      const { el, input, status } = await render();
      input.focus();
      await sendKeys({ type: '123' });
      await waitUntil(() => status() === '3 of 6', `state follows typing (status: ${status()})`);
      await sendKeys({ type: '456' });
      await waitUntil(() => status() === 'Complete: 123456 (typing)', `otp-complete reached the app (status: ${status()})`);
      // The app's otp-complete handler changed state the page shows: the last character stays.
      await el.updateComplete;
      expect([el.value, input.value]).to.deep.equal(['123456', '123456']);
      expect(shown(el)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    });

    it('a paste fills every box and reaches the app as one complete code', async () => {
      const { el, input, status } = await render();
      input.focus();
      beforeInput(input, 'insertFromPaste', ' 987-654 ');
      await waitUntil(() => status() === 'Complete: 987654 (paste)', `status: ${status()}`);
      expect(shown(el)).to.deep.equal(['9', '8', '7', '6', '5', '4']);
    });

    it('state drives the value property: Clear empties the boxes', async () => {
      const { el, input, status } = await render();
      input.focus();
      await sendKeys({ type: '12' });
      await waitUntil(() => status() === '2 of 6', `status: ${status()}`);
      root.querySelector('button')!.click();
      await waitUntil(() => el.value === '', `the app set value to '' (it is '${el.value}')`);
      await el.updateComplete;
      expect(shown(el)).to.deep.equal(['', '', '', '', '', '']);
      expect(status()).to.equal('0 of 6');
    });

    async function prompt() {
      const { client, factor, challenge } = await enroll(backend);
      const { sid } = await challenge({ message: 'Sign in to Example?' });
      await render({ client, factorSid: factor.sid, challengeSid: sid });
      const el = root.querySelector('verify-challenge-prompt') as VerifyChallengePrompt;
      await until(el, 'pending');
      const answer = () => root.querySelector('section [role="status"]')!.textContent;
      return { el, sid, answer };
    }

    it('the push prompt gets its client as a property; Approve reaches the app as verify-approved', async () => {
      const { el, sid, answer } = await prompt();
      part(el, 'approve')!.click();
      await waitUntil(() => answer() === `Approved ${sid}`, `answer: ${answer()}`);
    });

    it('Deny and report reaches the app as verify-denied with its detail', async () => {
      const { el, answer } = await prompt();
      part(el, 'deny')!.click();
      await until(el, 'confirm');
      part(el, 'report-yes')!.click();
      await waitUntil(() => answer() === 'Denied and reported', `answer: ${answer()}`);
    });
  });
}
