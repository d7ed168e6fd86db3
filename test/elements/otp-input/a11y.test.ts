import { expect, waitUntil } from '@open-wc/testing';
import { registerLocale } from '../../../src/locales/localize.js';
import { html, mount, settle } from './helpers.js';

describe('<otp-input> accessibility', () => {
  const states = {
    empty: html`<otp-input></otp-input>`,
    filled: html`<otp-input value="123456"></otp-input>`,
    grouped: html`<otp-input groups="3-3" value="123"></otp-input>`,
    masked: html`<otp-input masked value="12"></otp-input>`,
    'with placeholders': html`<otp-input placeholder="○" value="12"></otp-input>`,
    'with room for a badge': html`<otp-input password-manager-badge="reserve"></otp-input>`,
    disabled: html`<otp-input disabled></otp-input>`,
    readonly: html`<otp-input readonly value="123456"></otp-input>`,
    required: html`<otp-input required></otp-input>`,
    invalid: html`<otp-input invalid error-message="That code is not right. Check the newest SMS." value="999999"></otp-input>`,
    labelled: html`<div><label for="x">Code</label><otp-input><input id="x" /></otp-input></div>`,
    'in a disabled fieldset': html`<fieldset disabled><legend>Verify</legend><otp-input></otp-input></fieldset>`,
    'dark, rtl': html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee"><otp-input value="12"></otp-input></div>`,
  };
  for (const [name, template] of Object.entries(states)) {
    it(`passes axe: ${name}`, async () => {
      const { root } = await mount(template);
      await expect(root).to.be.accessible();
    });
  }

  it('passes axe while focused', async () => {
    const { root, input, el } = await mount(html`<otp-input value="1"></otp-input>`);
    input.focus();
    await settle(el);
    await expect(root).to.be.accessible();
  });

  it('is one labelled control: the boxes are hidden from assistive technology', async () => {
    const { el, input } = await mount(html`<otp-input label="Code from your authenticator"></otp-input>`);
    expect(input.getAttribute('aria-label')).to.equal('Code from your authenticator');
    expect(el.shadowRoot!.querySelector('[part="boxes"]')!.getAttribute('aria-hidden')).to.equal('true');
    const focusable = el.shadowRoot!.querySelectorAll('input, button, [tabindex]');
    expect(focusable).to.have.length(0);
  });

  it('links the error message with aria-describedby and keeps the author ones', async () => {
    const { el, input } = await mount(html`<div><p id="hint">Sent to •••• 42</p><otp-input><input aria-describedby="hint" /></otp-input></div>`);
    el.invalid = true;
    el.errorMessage = 'Wrong code';
    await settle(el);
    const error = el.querySelector('[slot="message"]')!;
    // What a person sees: the message under the boxes, or nothing there.
    const messageShown = () => (el.shadowRoot!.querySelector('[part="error"]')?.getBoundingClientRect().height ?? 0) > 0;
    expect(input.getAttribute('aria-describedby')).to.equal(`hint ${error.id}`);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(messageShown()).to.equal(true);
    el.invalid = false;
    await settle(el);
    expect(input.getAttribute('aria-describedby')).to.equal('hint');
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
    expect(messageShown()).to.equal(false);
  });

  it('strings can be replaced, for translation', async () => {
    const { el, input } = await mount(html`<otp-input required></otp-input>`);
    el.strings = { label: 'Codice di verifica', required: n => `Inserisci il codice di ${n} cifre.` };
    await settle(el);
    expect(input.getAttribute('aria-label')).to.equal('Codice di verifica');
    expect(el.validationMessage).to.equal('Inserisci il codice di 6 cifre.');
  });

  it('follows the language of the page when it changes, in its name and its messages', async () => {
    registerLocale('x-otp', { otpInput: { label: 'Kodo', required: n => `Tajpu ${n} ciferojn.` } });
    const { root, el, input } = await mount(html`<div lang="en"><otp-input required></otp-input></div>`);
    expect(input.getAttribute('aria-label')).to.equal('One-time code');
    root.lang = 'x-otp';
    await waitUntil(() => input.getAttribute('aria-label') === 'Kodo', 'the name follows lang');
    expect(el.validationMessage).to.equal('Tajpu 6 ciferojn.');
    root.lang = 'en';
    await waitUntil(() => input.getAttribute('aria-label') === 'One-time code', 'and back');
  });

  it('keeps the height of its line when the first character arrives (nothing below moves)', async () => {
    const { root, el } = await mount(html`<div style="font: 16px/1.5 sans-serif"><otp-input></otp-input> <span>after</span></div>`);
    const empty = root.getBoundingClientRect().height;
    el.value = '1';
    await settle(el);
    expect(root.getBoundingClientRect().height).to.equal(empty);
  });

  it('password-manager-badge="reserve" keeps room for a badge right of the last box', async () => {
    const { el, input } = await mount(html`<otp-input password-manager-badge="reserve"></otp-input>`);
    const boxes = el.shadowRoot!.querySelectorAll('[part~="box"]');
    const last = boxes[boxes.length - 1].getBoundingClientRect();
    const field = input.getBoundingClientRect();
    expect(field.right - last.right).to.be.at.least(30);
  });
});
