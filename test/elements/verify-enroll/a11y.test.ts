import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Factor, VerifyPushClient } from '../../../src/client/types.js';
import { announced, button, emptyKeyStore, mount, next, part, title, until, type VerifyEnroll } from './helpers.js';

const token = { token: 'not-a-real-token', serviceSid: `VA${'0'.repeat(32)}`, identity: 'user-a11y-test' };
const factor = (push: Factor['push'] = { platform: 'none' }): Factor => ({
  sid: `YF${'1'.repeat(32)}`,
  accountSid: `AC${'2'.repeat(32)}`,
  serviceSid: token.serviceSid,
  entitySid: `YE${'3'.repeat(32)}`,
  identity: token.identity,
  friendlyName: 'Test browser',
  status: 'verified',
  push,
});

/** A client that holds `factors` and answers at once (or never, for `listFactors: 'hang'`). */
function fakeClient(factors: Factor[] = [], listFactors?: 'hang'): VerifyPushClient {
  return {
    listFactors: () => (listFactors ? new Promise(() => {}) : Promise.resolve(factors)),
    createFactor: async input => (factors = [{ ...factor(input.push), status: 'unverified' }])[0],
    verifyFactor: async () => (factors = [factor(factors[0].push)])[0],
    deleteFactor: async () => void (factors = []),
  } as Partial<VerifyPushClient> as VerifyPushClient;
}

const shown = (el: VerifyEnroll) => el.shadowRoot!.activeElement;

describe('<verify-enroll> accessibility', () => {
  beforeEach(emptyKeyStore);

  const states: Record<string, () => Promise<HTMLElement>> = {
    checking: () => fixture(html`<verify-enroll .client=${fakeClient([], 'hang')}></verify-enroll>`),
    'not enrolled': async () => (await mount(html`<verify-enroll .client=${fakeClient()} .tokenProvider=${async () => token}></verify-enroll>`)).root,
    enrolling: async () => {
      const { el } = await mount(html`<verify-enroll transport="emulator" .client=${fakeClient()} .tokenProvider=${() => new Promise(() => {})}></verify-enroll>`);
      button(el)!.click();
      await until(el, () => !!part(el, 'step-active'));
      return el;
    },
    enrolled: async () => (await mount(html`<verify-enroll .client=${fakeClient([factor()])} .tokenProvider=${async () => token}></verify-enroll>`)).root,
    'enrolled without notifications': async () =>
      (await mount(html`<verify-enroll transport="emulator" .client=${fakeClient([factor()])} .tokenProvider=${async () => token}></verify-enroll>`)).root,
    failed: async () => {
      const { el } = await mount(html`<verify-enroll .client=${fakeClient()} .tokenProvider=${() => Promise.reject(new Error('The site is down.'))}></verify-enroll>`);
      button(el)!.click();
      await until(el, () => !!part(el, 'error'));
      return el;
    },
    removed: async () => {
      const { el } = await mount(html`<verify-enroll .client=${fakeClient([factor()])} .tokenProvider=${async () => token}></verify-enroll>`);
      button(el)!.click();
      await until(el, () => !!part(el, 'notice'));
      return el;
    },
    'dark, rtl': async () =>
      (await mount(html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee"><verify-enroll .client=${fakeClient([factor()])} .tokenProvider=${async () => token}></verify-enroll></div>`))
        .root,
  };
  for (const [name, render] of Object.entries(states)) {
    it(`passes axe: ${name}`, async () => {
      await expect(await render()).to.be.accessible();
    });
  }

  it('is used with the keyboard alone; focus follows each state to its button', async () => {
    const { el } = await mount(html`<verify-enroll .client=${fakeClient()} .tokenProvider=${async () => token}></verify-enroll>`);
    await sendKeys({ press: 'Tab' });
    expect(shown(el)).to.equal(button(el));
    const enrolled = next(el, 'verify-enrolled');
    await sendKeys({ press: 'Enter' });
    await enrolled;
    await el.updateComplete;
    expect(shown(el)?.textContent).to.equal('Remove this browser');
    const unenrolled = next(el, 'verify-unenrolled');
    await sendKeys({ press: ' ' });
    await unenrolled;
    await el.updateComplete;
    expect(shown(el)?.textContent).to.equal('Enroll this browser');
  });

  it('keeps focus on the title while a step runs, and announces each step politely', async () => {
    let release!: (t: typeof token) => void;
    const { el } = await mount(html`<verify-enroll .client=${fakeClient()} .tokenProvider=${() => new Promise(r => (release = r))}></verify-enroll>`);
    button(el)!.focus();
    button(el)!.click();
    // Until the token arrives: the element is waiting on the app.
    await until(el, () => title(el) === 'Enrolling this browser…' && typeof release === 'function');
    expect(shown(el)).to.equal(part(el, 'title'));
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.exist;
    release(token);
    await until(el, () => title(el) === 'This browser is enrolled for sign-in approvals.');
    expect(announced(el)).to.equal('This browser is enrolled for sign-in approvals.');
    expect(part(el, 'step-done')!.getAttribute('aria-current')).to.equal(null);
  });

  it('does not take focus on load', async () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    await mount(html`<verify-enroll .client=${fakeClient([factor()])} .tokenProvider=${async () => token}></verify-enroll>`);
    expect(document.activeElement).to.equal(outside);
    outside.remove();
  });
});
