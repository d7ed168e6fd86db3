import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElement } from '../../../src/define.js';
import { OtpInput } from '../../../src/elements/otp-input/otp-input.js';
import { VERSION } from '../../../src/version.js';
import { html, record, settle, shown, warningsDuring } from './helpers.js';

describe('<otp-input> lifecycle', () => {
  it('survives 200 moves between containers with one input and one listener set', async () => {
    const root = await fixture<HTMLElement>(html`<div><section></section><section></section></div>`);
    const [a, b] = root.querySelectorAll('section');
    const el = document.createElement('otp-input') as OtpInput;
    a.append(el);
    for (let i = 0; i < 200; i++) (i % 2 ? a : b).append(el);
    await el.updateComplete;
    expect(el.querySelectorAll('input')).to.have.length(1);
    const inputs = record(el, 'input');
    const complete = record(el, 'otp-complete');
    el.focus();
    await sendKeys({ type: '123456' });
    expect(inputs).to.have.length(6);
    expect(complete).to.have.length(1);
  });

  it('takes a value set before it was connected', async () => {
    const el = document.createElement('otp-input') as OtpInput;
    el.value = '42';
    const root = await fixture<HTMLElement>(html`<div></div>`);
    root.append(el);
    await settle(el);
    expect(shown(el).slice(0, 2)).to.deep.equal(['4', '2']);
  });

  it('the version is on the class', () => {
    expect(customElements.get('otp-input')).to.equal(OtpInput);
    expect(OtpInput.version).to.equal(VERSION);
  });

  it('defining the same tag again with the same version is a no-op', async () => {
    const seen = await warningsDuring(() => defineElement('otp-input', class extends OtpInput {}));
    expect(customElements.get('otp-input')).to.equal(OtpInput);
    expect(seen).to.have.length(0);
  });

  it('another version keeps the first definition and warns', async () => {
    const seen = await warningsDuring(() => defineElement('otp-input', class extends OtpInput { static override readonly version = '0.0.1'; }));
    expect(customElements.get('otp-input')).to.equal(OtpInput);
    expect(seen[0]).to.contain('<otp-input> is already defined');
  });

  it('inside another shadow root, hides the native selection there too', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<otp-input></otp-input>';
    const el = shadow.querySelector('otp-input') as OtpInput;
    await el.updateComplete;
    expect(shadow.adoptedStyleSheets.some(s => [...s.cssRules].some(r => r.cssText.includes('::selection')))).to.equal(true);
  });
});
