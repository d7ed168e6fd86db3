import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { beforeInput, html, mount, settle, shown, warningsDuring } from './helpers.js';

describe('<otp-input> in forms', () => {
  it('submits its value under its name', async () => {
    const { root, input } = await mount(html`<form><otp-input name="code"></otp-input></form>`);
    input.focus();
    await sendKeys({ type: '246810' });
    expect(new FormData(root as HTMLFormElement).get('code')).to.equal('246810');
  });

  it('creates one real input with the one-time-code hints', async () => {
    const { el, input } = await mount(html`<otp-input length="8" mode="alphanumeric"></otp-input>`);
    expect(el.querySelectorAll('input')).to.have.length(1);
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.inputMode).to.equal('text');
    expect(input.maxLength).to.equal(8);
    expect(input.getAttribute('enterkeyhint')).to.equal('done');
    expect(input.getAttribute('aria-label')).to.equal('One-time code');
    const numeric = await mount(html`<otp-input></otp-input>`);
    expect(numeric.input.inputMode).to.equal('numeric');
  });

  it('enhances an author-supplied input and adopts its name, value, length and flags', async () => {
    const { el, input } = await mount(
      html`<form><label for="c">Code from SMS</label><otp-input><input id="c" name="sms" value="12" maxlength="4" required /></otp-input></form>`,
    );
    expect(el.querySelectorAll('input')).to.have.length(1);
    expect(input.id).to.equal('c');
    expect([el.name, el.value, el.length, el.required]).to.deep.equal(['sms', '12', 4, true]);
    expect(shown(el)).to.deep.equal(['1', '2', '', '']);
    // The <label> names the input; an aria-label would override it.
    expect(input.hasAttribute('aria-label')).to.equal(false);
    expect(input.labels![0].textContent).to.equal('Code from SMS');
  });

  it('a value on the element shows in the boxes of an author input at once', async () => {
    const { el, input } = await mount(html`<otp-input value="12"><input /></otp-input>`);
    expect(input.value).to.equal('12');
    expect(shown(el).slice(0, 3)).to.deep.equal(['1', '2', '']);
  });

  it('attributes on the element win over the author input', async () => {
    const { el, input } = await mount(html`<otp-input length="6" name="a"><input name="b" maxlength="4" /></otp-input>`);
    expect([el.length, input.maxLength, input.name]).to.deep.equal([6, 6, 'a']);
  });

  it('required and incomplete codes block submission with a clear message', async () => {
    const { root, el, input } = await mount(html`<form><otp-input required name="code"></otp-input></form>`);
    const form = root as HTMLFormElement;
    expect(form.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.equal('Enter the 6-digit code.');
    el.value = '123';
    await settle(el);
    expect(el.checkValidity()).to.equal(false);
    expect(input.validationMessage).to.equal('Enter all 6 digits of the code.');
    el.value = '123456';
    await settle(el);
    expect(form.checkValidity()).to.equal(true);
  });

  it('an incomplete optional code is invalid, an empty one is not', async () => {
    const { el } = await mount(html`<otp-input mode="alphanumeric" length="4"></otp-input>`);
    expect(el.checkValidity()).to.equal(true);
    el.value = 'ab';
    await settle(el);
    expect(el.validationMessage).to.equal('Enter all 4 characters of the code.');
  });

  it('shows why a submit failed under the boxes, linked to the input, until the code changes', async () => {
    const { root, el, input } = await mount(html`<form><otp-input required></otp-input></form>`);
    (root as HTMLFormElement).requestSubmit();
    await settle(el);
    const error = el.querySelector('[slot="message"]')!;
    expect(error.textContent).to.equal('Enter the 6-digit code.');
    expect(input.getAttribute('aria-describedby')).to.equal(error.id);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.focus();
    beforeInput(input, 'insertFromPaste', '1');
    await settle(el);
    expect(el.querySelector('[slot="message"]')).to.equal(null);
    expect(input.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('form reset restores the default value and the boxes', async () => {
    const { root, el, input } = await mount(html`<form><otp-input value="1111"></otp-input></form>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', '999999');
    await settle(el);
    expect(el.value).to.equal('999999');
    (root as HTMLFormElement).reset();
    await settle(el);
    expect(el.value).to.equal('1111');
    expect(shown(el)).to.deep.equal(['1', '1', '1', '1', '', '']);
  });

  it('a disabled fieldset disables it, and enabling the fieldset enables it', async () => {
    const { root, el, input } = await mount(html`<form><fieldset disabled><otp-input></otp-input></fieldset></form>`);
    const field = el.shadowRoot!.querySelector('[part="field"]')!;
    expect(input.matches(':disabled')).to.equal(true);
    expect(field.classList.contains('disabled')).to.equal(true);
    root.querySelector('fieldset')!.disabled = false;
    await settle(el);
    expect(field.classList.contains('disabled')).to.equal(false);
  });

  it('disabled and readonly reach the input', async () => {
    const { el, input } = await mount(html`<otp-input disabled readonly></otp-input>`);
    expect([input.disabled, input.readOnly]).to.deep.equal([true, true]);
    el.disabled = false;
    await settle(el);
    expect(input.disabled).to.equal(false);
  });
});

describe('<otp-input> attributes', () => {
  it('draws groups with a separator', async () => {
    const { el } = await mount(html`<otp-input groups="3-3"></otp-input>`);
    const row = [...el.shadowRoot!.querySelector('[part="boxes"]')!.children].map(c => c.getAttribute('part')!.split(' ')[0]);
    expect(row).to.deep.equal(['box', 'box', 'box', 'separator', 'box', 'box', 'box']);
  });

  it('masked shows dots, never the characters', async () => {
    const { el } = await mount(html`<otp-input masked value="1234"></otp-input>`);
    expect(shown(el)).to.deep.equal(['•', '•', '•', '•', '', '']);
    expect(el.shadowRoot!.textContent).not.to.contain('1');
  });

  it('pattern limits each character', async () => {
    const { el, input } = await mount(html`<otp-input pattern="[0-9A-F]" length="4"></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', 'a1G2F');
    expect(el.value).to.equal('12F');
    expect(input.inputMode).to.equal('text');
  });

  it('changing the mode cleans the value already there', async () => {
    const { el } = await mount(html`<otp-input mode="alphanumeric" value="a1b2"></otp-input>`);
    el.mode = 'numeric';
    await settle(el);
    expect(el.value).to.equal('12');
  });

  const warnings = [
    [html`<otp-input length="0"></otp-input>`, 'length="0" is not a whole number from 1 to 12; using 6.'],
    [html`<otp-input mode="hex"></otp-input>`, 'mode="hex" is not "numeric" or "alphanumeric"; using "numeric".'],
    [html`<otp-input pattern="[0-9"></otp-input>`, 'pattern="[0-9" is not a valid regular expression'],
    [html`<otp-input groups="2-2"></otp-input>`, 'groups="2-2" must be sizes joined by "-" that add up to length (6)'],
  ] as const;
  for (const [template, message] of warnings) {
    it(`warns and falls back on an invalid attribute: ${message.split(' ')[0]}`, async () => {
      const seen = await warningsDuring(async () => {
        const { el } = await mount(template);
        expect(el.shadowRoot!.querySelectorAll('[part~="box"]')).to.have.length(6);
      });
      expect(seen.join('\n')).to.contain(message);
    });
  }

  it('warns once about bad groups, not on every render', async () => {
    const seen = await warningsDuring(async () => {
      const { el } = await mount(html`<otp-input groups="4-4"></otp-input>`);
      el.value = '123';
      await settle(el);
      el.value = '1234';
      await settle(el);
    });
    expect(seen).to.have.length(1);
  });

  it('a bad length falls back to 6 boxes and maxlength 6', async () => {
    const seen = await warningsDuring(async () => {
      const { input } = await mount(html`<otp-input length="40"></otp-input>`);
      expect(input.maxLength).to.equal(6);
    });
    expect(seen).to.have.length(1);
  });
});
