import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TotpEnrollProvider } from '../../../src/elements/verify-totp-enroll/verify-totp-enroll.js';
import { appCode, button, codeInput, mount, next, pageProvider, part, started, title, typeCode, until, type VerifyTotpEnroll } from './helpers.js';

const focused = (el: VerifyTotpEnroll) => el.shadowRoot!.activeElement;
const never = () => new Promise<never>(() => {});

describe('<verify-totp-enroll> accessibility', function () {
  this.timeout(20_000);

  const states: Record<string, () => Promise<HTMLElement>> = {
    'not started': async () => (await mount(html`<verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll>`)).root,
    starting: async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...pageProvider(), start: never }}></verify-totp-enroll>`);
      button(el, 'start')!.click();
      await until(el, () => title(el) === 'Preparing your key…');
      return el;
    },
    'QR code shown': async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll>`);
      await started(el);
      return el;
    },
    'wrong code': async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...pageProvider(), confirm: async () => ({ status: 'unverified' }) }}></verify-totp-enroll>`);
      await started(el);
      await typeCode(el, '123456');
      await until(el, () => (part(el, 'code') as HTMLElement & { invalid: boolean }).invalid && codeInput(el)!.value === '');
      return el;
    },
    confirming: async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...pageProvider(), confirm: never }}></verify-totp-enroll>`);
      await started(el);
      await typeCode(el, '123456');
      await until(el, () => title(el) === 'Checking the code…');
      return el;
    },
    'copy refused': async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll>`);
      await started(el);
      const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
      button(el, 'copy')!.click();
      await until(el, () => !!part(el, 'copy-status'));
      if (own) Object.defineProperty(navigator, 'clipboard', own);
      else delete (navigator as { clipboard?: unknown }).clipboard;
      return el;
    },
    'set up': async () => {
      const provider = pageProvider();
      const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
      await started(el);
      const enrolled = next(el, 'verify-totp-enrolled');
      await typeCode(el, appCode(el));
      await enrolled;
      return el;
    },
    failed: async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...pageProvider(), start: () => Promise.reject(new TypeError('Failed to fetch')) }}></verify-totp-enroll>`);
      button(el, 'start')!.click();
      await until(el, () => !!part(el, 'error'));
      return el;
    },
    'dark, rtl, QR code shown': async () => {
      const { root, el } = await mount(
        html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee"><verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll></div>`,
      );
      await started(el);
      return root;
    },
  };
  for (const [name, render] of Object.entries(states)) {
    it(`passes axe: ${name}`, async () => {
      await expect(await render()).to.be.accessible();
    });
  }

  it('is set up with the keyboard alone: Start, the heading, Copy, the code field, then the heading again', async () => {
    const provider: TotpEnrollProvider = pageProvider();
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'start'));
    await sendKeys({ press: 'Enter' });
    await until(el, () => !!part(el, 'qr'), 'the QR code');
    // The heading says what to do; screen readers read on from there.
    expect(focused(el)).to.equal(part(el, 'title'));
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'copy'));
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(codeInput(el));
    const enrolled = next(el, 'verify-totp-enrolled');
    for (const key of appCode(el)) await sendKeys({ press: key });
    await enrolled;
    await el.updateComplete;
    expect(focused(el)).to.equal(part(el, 'title'));
    expect(title(el)).to.equal('Your authenticator app is set up.');
  });

  it('sends an incomplete code nowhere: Enter on the Confirm button shows what is missing', async () => {
    let confirms = 0;
    const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...pageProvider(), confirm: async () => (confirms++, { status: 'verified' }) }}></verify-totp-enroll>`);
    await started(el);
    await typeCode(el, '123');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'confirm'));
    await sendKeys({ press: 'Enter' });
    await until(el, () => !!el.shadowRoot!.querySelector('otp-input [slot="message"]')?.textContent, 'the field to say what is missing');
    expect(el.shadowRoot!.querySelector('otp-input [slot="message"]')!.textContent).to.equal('Enter all 6 digits of the code.');
    expect(confirms).to.equal(0);
  });

  it('after a failed start, focus goes to Start again, and Enter starts again', async () => {
    let fail = true;
    const provider = pageProvider();
    const start = provider.start;
    const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...provider, start: (r: { friendlyName?: string }) => (fail ? Promise.reject(new TypeError('Failed to fetch')) : start(r)) }}></verify-totp-enroll>`);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(el, () => !!button(el, 'retry'), 'Start again');
    expect(focused(el)).to.equal(button(el, 'retry'));
    fail = false;
    await sendKeys({ press: 'Enter' });
    await until(el, () => !!part(el, 'qr'), 'the QR code');
    expect(focused(el)).to.equal(part(el, 'title'));
  });
});
