import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys, resetMouse } from '@web/test-runner-commands';
import type { OtpCompleteEvent } from '../../../src/elements/otp-input/events.js';
import { activeBox, beforeInput, clickBox, html, mount, record, settle, shown } from './helpers.js';

describe('<otp-input> editing', () => {
  afterEach(() => resetMouse());

  it('shows typed digits in the boxes and fires otp-complete once with source "typing"', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    const inputs = record(el, 'input');
    input.focus();
    await sendKeys({ type: '12345' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '3', '4', '5', '']);
    expect(activeBox(el)).to.equal(5);
    expect(complete).to.have.length(0);
    await sendKeys({ type: '6' });
    await settle(el);
    expect(el.value).to.equal('123456');
    expect(inputs).to.have.length(6);
    expect(complete.map(e => e.detail)).to.deep.equal([{ value: '123456', source: 'typing' }]);
  });

  it('drops characters the mode does not accept as they are typed', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const inputs = record(el, 'input');
    input.focus();
    await sendKeys({ type: '1a 2-b3' });
    await settle(el);
    expect(el.value).to.equal('123');
    expect(inputs).to.have.length(3);
  });

  it('overwrites the digit in a clicked box instead of inserting', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    input.focus();
    await clickBox(el, 2);
    await settle(el);
    expect(activeBox(el)).to.equal(2);
    await sendKeys({ type: '9' });
    await settle(el);
    expect(el.value).to.equal('129456');
    expect(activeBox(el)).to.equal(3);
    await sendKeys({ type: '8' });
    expect(el.value).to.equal('129856');
  });

  it('clicking an empty box past the code puts the caret after the last character', async () => {
    const { el, input } = await mount(html`<otp-input value="12"></otp-input>`);
    input.focus();
    await clickBox(el, 5);
    await settle(el);
    expect(activeBox(el)).to.equal(2);
    await sendKeys({ type: '3' });
    expect(el.value).to.equal('123');
  });

  it('Backspace removes the last character, and the box before becomes active', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    await sendKeys({ type: '123' });
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.value).to.equal('12');
    expect(activeBox(el)).to.equal(2);
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    expect(el.value).to.equal('');
  });

  it('Backspace and Delete on a selected box remove that character', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    input.focus();
    await clickBox(el, 1);
    await sendKeys({ press: 'Delete' });
    await settle(el);
    expect(el.value).to.equal('13456');
    await sendKeys({ press: 'Backspace' });
    expect(el.value).to.equal('1456');
  });

  it('arrow keys, Home and End move between boxes', async () => {
    const { el, input } = await mount(html`<otp-input value="1234"></otp-input>`);
    input.focus();
    await settle(el);
    expect(activeBox(el)).to.equal(4);
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(activeBox(el)).to.equal(3);
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(activeBox(el)).to.equal(0);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(activeBox(el)).to.equal(1);
    await sendKeys({ type: '7' });
    expect(el.value).to.equal('1734');
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(activeBox(el)).to.equal(4);
  });

  it('on an RTL page the arrows follow the page while the code still reads left to right', async () => {
    const { el, input } = await mount(html`<div dir="rtl"><otp-input value="1234"></otp-input></div>`);
    input.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(activeBox(el)).to.equal(3);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(activeBox(el)).to.equal(4);
    const boxes = [...el.shadowRoot!.querySelectorAll('[part~="box"]')].map(b => b.getBoundingClientRect().left);
    expect(boxes).to.deep.equal([...boxes].sort((a, b) => a - b), 'first box on the left');
    expect(input.dir).to.equal('ltr');
  });

  it('a full code keeps its last box active, so typing replaces it: a different code completes again (issue 12)', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    input.focus();
    await settle(el);
    expect(activeBox(el)).to.equal(5);
    await sendKeys({ type: '0' });
    await settle(el);
    expect(el.value).to.equal('123450');
    expect(complete.map(e => e.detail)).to.deep.equal([{ value: '123450', source: 'typing' }]);
  });

  it('fires otp-complete again after the code was shortened and completed again', async () => {
    const { el, input } = await mount(html`<otp-input length="4"></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    input.focus();
    await sendKeys({ type: '1234' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '5' });
    expect(complete.map(e => e.detail.value)).to.deep.equal(['1234', '1235']);
  });
});

describe('<otp-input> paste and autofill', () => {
  it('a paste fills every box, stripping spaces and dashes, and keeps the last digit maxlength would cut', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    const inputs = record<InputEvent>(el, 'input');
    input.focus();
    expect(beforeInput(input, 'insertFromPaste', ' 123-456 ')).to.equal(true);
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    expect(inputs).to.have.length(1);
    expect(inputs[0].inputType).to.equal('insertFromPaste');
    expect(complete.map(e => e.detail)).to.deep.equal([{ value: '123456', source: 'paste' }]);
  });

  it('a paste longer than the code is cut to length; letters are dropped in numeric mode', async () => {
    const { el, input } = await mount(html`<otp-input length="4"></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', 'Code: 98 76 54');
    await settle(el);
    expect(el.value).to.equal('9876');
  });

  it('a short paste goes in at the caret', async () => {
    const { el, input } = await mount(html`<otp-input value="12"></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', '34');
    await settle(el);
    expect(el.value).to.equal('1234');
    expect(activeBox(el)).to.equal(4);
  });

  it('a paste with nothing usable changes nothing and fires nothing', async () => {
    const { el, input } = await mount(html`<otp-input value="12"></otp-input>`);
    const inputs = record(el, 'input');
    input.focus();
    expect(beforeInput(input, 'insertFromPaste', 'abc')).to.equal(true);
    expect(el.value).to.equal('12');
    expect(inputs).to.have.length(0);
  });

  it('iOS-style autofill (one multi-character insertText) fills every box and is announced', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    input.focus();
    beforeInput(input, 'insertText', '482913');
    await settle(el);
    await settle(el);
    expect(shown(el)).to.deep.equal(['4', '8', '2', '9', '1', '3']);
    expect(complete.map(e => e.detail)).to.deep.equal([{ value: '482913', source: 'autofill' }]);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Code filled in');
  });

  it('autofill that sets the value without beforeinput is cleaned and counted as autofill', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    input.value = '48 29 13';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(el);
    expect(el.value).to.equal('482913');
    expect(complete.map(e => e.detail.source)).to.deep.equal(['autofill']);
  });

  it('a digit typed over a complete code, making a different one, completes again: a corrected code submits', async () => {
    const { root, el, input } = await mount(html`<form><otp-input autosubmit name="code"></otp-input></form>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    const submits = record<SubmitEvent>(root, 'submit');
    root.addEventListener('submit', e => e.preventDefault());
    input.focus();
    await sendKeys({ type: '123456' });
    await settle(el);
    el.invalid = true; // the server refused it
    await clickBox(el, 2);
    await sendKeys({ type: '9' });
    await settle(el);
    expect(complete.map(e => e.detail)).to.deep.equal([
      { value: '123456', source: 'typing' },
      { value: '129456', source: 'typing' },
    ]);
    expect(submits).to.have.length(2);
    await clickBox(el, 2);
    await sendKeys({ type: '9' }); // the same digit again: the same code, nothing new to submit
    await settle(el);
    expect(complete).to.have.length(2);
  });

  it('a whole new code pasted over a complete one replaces it and completes again', async () => {
    const { el, input } = await mount(html`<otp-input value="111111"></otp-input>`);
    const complete = record<OtpCompleteEvent>(el, 'otp-complete');
    input.focus();
    beforeInput(input, 'insertFromPaste', '222222');
    expect(el.value).to.equal('222222');
    await aTimeout(0); // otp-complete follows once the input event has reached every listener
    expect(complete.map(e => e.detail.value)).to.deep.equal(['222222']);
  });

  it('turns full-width, Arabic-Indic and Persian digits into ASCII', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', '１２٣٤۵۶');
    expect(el.value).to.equal('123456');
  });

  it('keeps pasted codes out of a readonly field', async () => {
    const { el, input } = await mount(html`<otp-input readonly value="12"></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', '999999');
    expect(el.value).to.equal('12');
  });
});

describe('<otp-input> otp-complete and autosubmit', () => {
  it('autosubmit submits the form when the code completes', async () => {
    const { root, input } = await mount(html`<form><otp-input autosubmit name="code"></otp-input></form>`);
    const submits = record<SubmitEvent>(root, 'submit');
    root.addEventListener('submit', e => e.preventDefault());
    input.focus();
    beforeInput(input, 'insertFromPaste', '123456');
    await aTimeout(0); // otp-complete, then the submit, follow once the input event has reached every listener
    expect(submits).to.have.length(1);
    expect(new FormData(root as HTMLFormElement).get('code')).to.equal('123456');
  });

  it('autosubmit submits a required form when the last digit is typed', async () => {
    const { root, input } = await mount(html`<form><otp-input autosubmit required name="code"></otp-input></form>`);
    const submits = record<SubmitEvent>(root, 'submit');
    const invalids = record(input, 'invalid');
    root.addEventListener('submit', e => e.preventDefault());
    input.focus();
    await sendKeys({ type: '12345' });
    expect(submits).to.have.length(0);
    await sendKeys({ type: '6' });
    expect(invalids).to.have.length(0);
    expect(submits).to.have.length(1);
  });

  it('cancelling otp-complete stops autosubmit', async () => {
    const { root, el, input } = await mount(html`<form><otp-input autosubmit></otp-input></form>`);
    const submits = record(root, 'submit');
    root.addEventListener('submit', e => e.preventDefault());
    el.addEventListener('otp-complete', e => e.preventDefault());
    input.focus();
    beforeInput(input, 'insertFromPaste', '123456');
    expect(submits).to.have.length(0);
  });

  it('setting value from script fires no events', async () => {
    const { el } = await mount(html`<otp-input></otp-input>`);
    const events = [...record(el, 'input'), ...record(el, 'otp-complete')];
    el.value = '12 34 56';
    await settle(el);
    expect(el.value).to.equal('123456');
    expect(shown(el)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    expect(events).to.have.length(0);
  });

  it('fires change on blur after a paste, as for typing', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const changes = record(el, 'change');
    input.focus();
    beforeInput(input, 'insertFromPaste', '123');
    input.blur();
    expect(changes).to.have.length(1);
    input.focus();
    input.blur();
    expect(changes).to.have.length(1);
  });

  it('fires exactly one change on blur after typing', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const changes = record(el, 'change');
    input.focus();
    await sendKeys({ type: '12' });
    input.blur();
    expect(changes).to.have.length(1);
  });
});
