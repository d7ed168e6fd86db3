// Web Awesome's <wa-otp-input>, as its documentation describes it (its test suite is not public),
// re-expressed against <otp-input> with real keys and clicks; each test is named after the
// documented behaviour it covers. Web Awesome leaves a hole on Backspace/Delete; <otp-input> closes
// it, as input-otp and zag do (see zag-pin-input.test.ts and docs/otp-input.md).
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import { activeBox, beforeInput, clickBox, html, mount, record, settle, shown } from './helpers.js';

describe('<otp-input> as Web Awesome <wa-otp-input> behaves', () => {
  afterEach(() => resetMouse());

  it('Pasting: a full code fills every box; characters the type does not take are dropped ("ABC-123" gives 123)', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', 'ABC-123');
    await settle(el);
    expect(el.value).to.equal('123');
  });

  it('Length: the length attribute sets the number of boxes', async () => {
    const { el } = await mount(html`<otp-input length="4"></otp-input>`);
    expect(shown(el)).to.have.length(4);
  });

  it('Mask: entered characters show as dots while value holds them', async () => {
    const { el, input } = await mount(html`<otp-input masked length="4"></otp-input>`);
    input.focus();
    await sendKeys({ type: '1234' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['•', '•', '•', '•']);
    expect(el.value).to.equal('1234');
  });

  it('Readonly: the field takes focus and submits with its form, but typing changes nothing', async () => {
    const { root, el, input } = await mount(html`<form><otp-input name="code" readonly value="483920"></otp-input></form>`);
    await clickBox(el, 2);
    expect(document.activeElement).to.equal(input);
    await sendKeys({ type: '1' });
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.value).to.equal('483920');
    expect(new FormData(root as HTMLFormElement).get('code')).to.equal('483920');
  });

  it('Disabled: a click does not focus it, and the form does not submit it', async () => {
    const { root, el, input } = await mount(html`<form><otp-input name="code" disabled value="391824"></otp-input></form>`);
    await clickBox(el, 0);
    expect(document.activeElement).to.not.equal(input);
    expect(new FormData(root as HTMLFormElement).has('code')).to.equal(false);
  });

  it('Initial Value: the value attribute prefills the boxes', async () => {
    const { el } = await mount(html`<otp-input value="271828"></otp-input>`);
    expect(shown(el)).to.deep.equal(['2', '7', '1', '8', '2', '8']);
  });

  it('Validation: a partial code is always invalid, required or not', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    expect(el.checkValidity()).to.equal(true);
    input.focus();
    await sendKeys({ type: '12' });
    await settle(el);
    expect(el.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.not.equal('');
  });

  it('Keyboard: Enter submits the containing form', async () => {
    const { root, el, input } = await mount(html`<form><otp-input name="code"></otp-input><button>Verify</button></form>`);
    const submits = record<SubmitEvent>(root, 'submit');
    root.addEventListener('submit', e => e.preventDefault());
    input.focus();
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(submits).to.have.length(1);
  });

  it('Keyboard: Tab moves focus to the next form control', async () => {
    const { root, input } = await mount(html`<form><otp-input></otp-input><button>Verify</button></form>`);
    input.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(root.querySelector('button'));
  });

  it('Keyboard: Delete clears the current box without moving (the characters after it close up)', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    input.focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Delete' });
    await settle(el);
    expect(el.value).to.equal('13456');
    expect(activeBox(el)).to.equal(1);
  });

  it('Autosubmit: the complete event comes first and cancelling it stops the submission', async () => {
    const { root, el, input } = await mount(html`<form><otp-input autosubmit></otp-input></form>`);
    const submits = record(root, 'submit');
    root.addEventListener('submit', e => e.preventDefault());
    el.addEventListener('otp-complete', e => {
      expect(submits).to.have.length(0);
      e.preventDefault();
    });
    input.focus();
    await sendKeys({ type: '123456' });
    await settle(el);
    expect(submits).to.have.length(0);
  });
});
