// zag's pin-input end-to-end suite (e2e/pin-input.e2e.ts) re-expressed against <otp-input>: zag's
// "input N" is box N-1 here, its focused input the active box. Real keys and clicks; each test is
// named after the zag test it ports. Where zag and <otp-input> differ on purpose, the test says so
// (docs/otp-input.md explains the choice).
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import { activeBox, beforeInput, clickBox, html, mount, settle, shown, withModifier } from './helpers.js';

/** A three-box field (zag's example), focused, with `typed` typed into it. */
async function typed(text: string, template = html`<otp-input length="3"></otp-input>`) {
  const mounted = await mount(template);
  mounted.input.focus();
  if (text) await sendKeys({ type: text });
  await settle(mounted.el);
  return mounted;
}

describe('<otp-input> as zag pin-input behaves', () => {
  afterEach(() => resetMouse());

  it('on type: should move focus to the next input', async () => {
    const { el } = await typed('1');
    expect(activeBox(el)).to.equal(1);
    await sendKeys({ type: '2' });
    await settle(el);
    expect(activeBox(el)).to.equal(2);
  });

  it('on backspace (empty): should delete prev char and move back', async () => {
    const { el } = await typed('12');
    expect(activeBox(el)).to.equal(2);
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(activeBox(el)).to.equal(1);
    expect(shown(el)).to.deep.equal(['1', '', '']);
  });

  it('on backspace (filled): should clear the last box (which stays active, as in input-otp, where zag moves back)', async () => {
    const { el } = await typed('123');
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '']);
    expect(activeBox(el)).to.equal(2);
  });

  it('on arrow: should change focus between inputs', async () => {
    const { el } = await typed('123');
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(activeBox(el)).to.equal(1);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(activeBox(el)).to.equal(2);
  });

  it('on clear: should clear values and focus first', async () => {
    const { el, input } = await typed('123');
    input.blur();
    el.clear();
    await settle(el);
    expect(shown(el)).to.deep.equal(['', '', '']);
    expect(document.activeElement).to.equal(input);
    expect(activeBox(el)).to.equal(0);
  });

  it('on paste: should autofill all fields', async () => {
    const { el, input } = await typed('');
    beforeInput(input, 'insertFromPaste', '123');
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '3']);
    expect(activeBox(el)).to.equal(2);
  });

  it('on paste: should autofill when focused field is not empty', async () => {
    const { el, input } = await typed('1');
    await clickBox(el, 0);
    await settle(el);
    beforeInput(input, 'insertFromPaste', '123');
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '3']);
    expect(activeBox(el)).to.equal(2);
  });

  it('on paste: mid-sequence should preserve left values', async () => {
    const { el, input } = await typed('1');
    beforeInput(input, 'insertFromPaste', '89');
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '8', '9']);
  });

  it('on paste: should truncate to available slots', async () => {
    const { el, input } = await typed('');
    beforeInput(input, 'insertFromPaste', '12345');
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '3']);
  });

  it('sanitize value: should strip dashes before filling', async () => {
    const { el, input } = await typed('');
    beforeInput(input, 'insertFromPaste', '1-2-3');
    await settle(el);
    expect(el.value).to.equal('123');
  });

  it('[different] should allow only single character', async () => {
    const { el } = await typed('12');
    await clickBox(el, 0);
    await sendKeys({ type: '3' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['3', '2', '']);
  });

  it('[same] should allow only single character', async () => {
    const { el } = await typed('1');
    await clickBox(el, 0);
    await sendKeys({ type: '1' });
    await settle(el);
    expect(el.value).to.equal('1');
  });

  it('[on edit] should allow to edit the existing value, and focus moves on', async () => {
    const { el } = await typed('123');
    await clickBox(el, 1);
    await sendKeys({ type: '4' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '4', '3']);
    expect(activeBox(el)).to.equal(2);
  });

  it('native delete keyboard behavior: Ctrl+Backspace on the last box clears it', async () => {
    const { el } = await typed('123');
    await withModifier('Control', 'Backspace');
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '2', '']);
  });

  it('home/end: should navigate to first and last filled', async () => {
    const { el } = await typed('123');
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(activeBox(el)).to.equal(0);
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(activeBox(el)).to.equal(2);
  });

  it('home/end: End with partial fill goes to the first empty box (input-otp and a plain input; zag: the last filled)', async () => {
    const { el } = await typed('12');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(activeBox(el)).to.equal(2);
    await sendKeys({ type: '3' });
    await settle(el);
    expect(el.value).to.equal('123', 'the next digit goes after the code, nothing is overwritten');
  });

  it('delete: should splice and shift values left (no holes)', async () => {
    const { el } = await typed('123');
    await clickBox(el, 1);
    await sendKeys({ press: 'Delete' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '3', '']);
  });

  it('backspace: should splice and shift values left (no holes)', async () => {
    const { el } = await typed('123');
    await clickBox(el, 1);
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(activeBox(el)).to.equal(0);
    expect(shown(el)).to.deep.equal(['1', '3', '']);
  });

  it('cut: should splice and shift values left (no holes)', async () => {
    const { el } = await typed('123');
    // To box 2 by keyboard: a click here could pair with the last test's click into a double click.
    await sendKeys({ press: 'ArrowLeft' });
    await withModifier('Control', 'x');
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '3', '']);
  });

  it('click: should redirect to insertion point when clicking past filled', async () => {
    const { el } = await typed('1');
    await clickBox(el, 2);
    await settle(el);
    expect(activeBox(el)).to.equal(1);
  });

  it('click: should allow clicking on filled slots', async () => {
    const { el } = await typed('123');
    await clickBox(el, 0);
    await settle(el);
    expect(activeBox(el)).to.equal(0);
  });

  it('arrow right: should not go past insertion point', async () => {
    const { el } = await typed('1');
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(activeBox(el)).to.equal(1);
  });

  it('arrow left: should not go before first input', async () => {
    const { el } = await typed('1');
    await clickBox(el, 0);
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(activeBox(el)).to.equal(0);
  });

  it('same key: should advance focus without changing value', async () => {
    const { el } = await typed('1');
    await clickBox(el, 0);
    await sendKeys({ type: '1' });
    await settle(el);
    expect(el.value).to.equal('1');
    expect(activeBox(el)).to.equal(1);
  });

  it('complete then type: should replace focused value', async () => {
    const { el } = await typed('123');
    await clickBox(el, 1);
    await sendKeys({ type: '9' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '9', '3']);
  });

  it('non-numeric chars should be rejected in numeric mode', async () => {
    const { el } = await typed('');
    await sendKeys({ press: 'a' });
    await sendKeys({ press: '!' });
    await settle(el);
    expect(el.value).to.equal('');
    expect(activeBox(el)).to.equal(0);
  });

  it('alphabetic type: should reject numbers', async () => {
    const { el } = await typed('', html`<otp-input length="3" pattern="[A-Za-z]"></otp-input>`);
    await sendKeys({ press: '1' });
    await settle(el);
    expect(el.value).to.equal('');
    await sendKeys({ press: 'a' });
    await settle(el);
    expect(el.value).to.equal('a');
    expect(activeBox(el)).to.equal(1);
  });

  it('backspace at index 0: should stay at first input', async () => {
    const { el } = await typed('1');
    await clickBox(el, 0);
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.value).to.equal('');
    expect(activeBox(el)).to.equal(0);
  });

  it('delete on empty slot: should do nothing', async () => {
    const { el } = await typed('1');
    await sendKeys({ press: 'Delete' });
    await settle(el);
    expect(shown(el)).to.deep.equal(['1', '', '']);
    expect(activeBox(el)).to.equal(1);
  });

  it('roving tabindex: tab should skip remaining inputs, shift+tab should re-enter at insertion point', async () => {
    const { root, el, input } = await typed('1', html`<div><otp-input length="3"></otp-input><button>Clear</button></div>`);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(root.querySelector('button'));
    await withModifier('Shift', 'Tab');
    await settle(el);
    expect(document.activeElement).to.equal(input);
    expect(activeBox(el)).to.equal(1);
  });

  it('roving tabindex: shift+tab with all filled should land on last input', async () => {
    const { root, el, input } = await typed('123', html`<div><otp-input length="3"></otp-input><button>Clear</button></div>`);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(root.querySelector('button'));
    await withModifier('Shift', 'Tab');
    await settle(el);
    expect(document.activeElement).to.equal(input);
    expect(activeBox(el)).to.equal(2);
  });

  it('rtl: arrow keys should be reversed', async () => {
    const { el } = await typed('123', html`<div dir="rtl"><otp-input length="3"></otp-input></div>`);
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(activeBox(el)).to.equal(1);
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(activeBox(el)).to.equal(2);
  });

  describe('controlled', () => {
    it('should update inputs when value is set externally, and clear them when reset externally', async () => {
      const { el } = await mount(html`<otp-input length="3"></otp-input>`);
      el.value = '123';
      await settle(el);
      expect(shown(el)).to.deep.equal(['1', '2', '3']);
      el.value = '';
      await settle(el);
      expect(shown(el)).to.deep.equal(['', '', '']);
    });

    it('should allow typing after external set', async () => {
      const { el } = await mount(html`<otp-input length="3"></otp-input>`);
      el.value = '123';
      await settle(el);
      await clickBox(el, 0);
      await sendKeys({ type: '9' });
      await settle(el);
      expect(shown(el)).to.deep.equal(['9', '2', '3']);
    });
  });

  it('data-filled: should be set on filled inputs (the box-filled part)', async () => {
    const { el } = await typed('1');
    const boxes = el.shadowRoot!.querySelectorAll('[part~="box"]');
    expect(boxes[0].part.contains('box-filled')).to.equal(true);
    expect(boxes[1].part.contains('box-filled')).to.equal(false);
  });

  it('enterkeyhint: the one input says "done"', async () => {
    const { input } = await mount(html`<otp-input length="3"></otp-input>`);
    expect(input.getAttribute('enterkeyhint')).to.equal('done');
  });
});
