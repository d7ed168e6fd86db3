import { aTimeout, expect, fixture, waitUntil } from '@open-wc/testing';
import { installFakeWebOtp, type FakeWebOtp } from '../../support/fake-webotp.js';
import type { OtpCompleteEvent } from '../../../src/elements/otp-input/events.js';
import type { OtpInput } from '../../../src/elements/otp-input/otp-input.js';
import { beforeInput, html, mount, record, settle, warningsDuring } from './helpers.js';

// Lets the page's promise reactions run, as the browser's own task would.
const tick = () => new Promise(r => setTimeout(r));
// The WebOTP module loads on first use; wait for the request it makes.
const asked = (otp: FakeWebOtp, n = 1) => waitUntil(() => otp.calls.length >= n, `expected ${n} WebOTP request(s)`);
// Long enough for a request that should not come to have come.
const quiet = () => aTimeout(100);

describe('<otp-input webotp>', () => {
  let otp: FakeWebOtp;
  beforeEach(() => (otp = installFakeWebOtp()));
  afterEach(() => otp.restore());

  it('asks nothing until first focus, then asks once', async () => {
    const { input } = await mount(html`<otp-input webotp></otp-input>`);
    await quiet();
    expect(otp.calls).to.have.length(0);
    input.focus();
    input.blur();
    input.focus();
    await asked(otp);
    await quiet();
    expect(otp.calls).to.have.length(1);
    expect(otp.calls[0].options).to.deep.include({ otp: { transport: ['sms'] } });
  });

  it('without the attribute it never asks', async () => {
    const { input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    await quiet();
    expect(otp.calls).to.have.length(0);
  });

  it('starts at once when connected already focused', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    el.webotp = true;
    const parent = el.parentNode!;
    el.remove();
    parent.append(el);
    input.focus();
    await asked(otp);
  });

  it('fills the code from the SMS, announces it and completes with source "webotp"', async () => {
    const { root, el, input } = await mount(html`<form><otp-input webotp autosubmit name="code"></otp-input></form>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    const submits = record(root, 'submit');
    root.addEventListener('submit', e => e.preventDefault());
    input.focus();
    await asked(otp);
    otp.resolveWith('314159');
    await tick();
    await settle(el);
    await settle(el);
    expect(el.value).to.equal('314159');
    expect(complete.map(e => e.detail)).to.deep.equal([{ value: '314159', source: 'webotp' }]);
    expect(submits).to.have.length(1);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Code filled in');
    expect(otp.aborts).to.equal(0);
  });

  it('two elements on one page share one browser request', async () => {
    const root = await fixture<HTMLElement>(html`<div><otp-input webotp></otp-input><otp-input webotp></otp-input></div>`);
    const [a, b] = root.querySelectorAll('otp-input') as NodeListOf<OtpInput>;
    await a.updateComplete;
    a.focus();
    b.focus();
    await asked(otp);
    await quiet();
    expect(otp.calls).to.have.length(1);
    otp.resolveWith('271828');
    await tick();
    expect([a.value, b.value]).to.deep.equal(['271828', '271828']);
  });

  it('completing the code by hand aborts the pending request', async () => {
    const { el, input } = await mount(html`<otp-input webotp></otp-input>`);
    input.focus();
    await asked(otp);
    beforeInput(input, 'insertFromPaste', '123456');
    await tick();
    expect(otp.aborts).to.equal(1);
    expect(otp.calls[0].settled).to.equal(true);
    expect(el.value).to.equal('123456');
  });

  it('form submit aborts the pending request', async () => {
    const { root, input } = await mount(html`<form><otp-input webotp></otp-input></form>`);
    root.addEventListener('submit', e => e.preventDefault());
    input.focus();
    await asked(otp);
    (root as HTMLFormElement).requestSubmit();
    await tick();
    expect(otp.aborts).to.equal(1);
  });

  it('disconnecting aborts the pending request; a settled one is never aborted', async () => {
    const { el, input } = await mount(html`<otp-input webotp></otp-input>`);
    input.focus();
    await asked(otp);
    el.remove();
    await tick();
    expect(otp.aborts).to.equal(1);

    const second = await mount(html`<otp-input webotp></otp-input>`);
    second.input.focus();
    await asked(otp, 2);
    otp.resolveWith('111111');
    await tick();
    second.el.remove();
    await tick();
    expect(otp.aborts).to.equal(1, 'no abort after the request settled');
  });

  it('manual entry is never blocked while the request is pending', async () => {
    const { el, input } = await mount(html`<otp-input webotp></otp-input>`);
    input.focus();
    await asked(otp);
    beforeInput(input, 'insertFromPaste', '12');
    expect(el.value).to.equal('12');
    expect(otp.calls[0].settled).to.equal(false);
  });

  it('a developer error (permissions policy) is a console warning, not an exception', async () => {
    const seen = await warningsDuring(async () => {
      const { el, input } = await mount(html`<otp-input webotp></otp-input>`);
      input.focus();
      await asked(otp);
      otp.rejectWith('NotAllowedError');
      await tick();
      await tick();
      expect(el.value).to.equal('');
    });
    expect(seen.join('\n')).to.contain('otp-credentials');
  });

  it('does nothing where WebOTP is missing', async () => {
    otp.restore();
    otp = installFakeWebOtp({ supported: false });
    const { input } = await mount(html`<otp-input webotp></otp-input>`);
    input.focus();
    await quiet();
    expect(otp.calls).to.have.length(0);
  });
});
