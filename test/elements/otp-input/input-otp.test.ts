// input-otp's Playwright suite (apps/playground/src/tests) re-expressed against <otp-input> with real
// keys and clicks; each test is named after the input-otp test it ports. Selections input-otp sets
// from script (setSelectionRange) are made here by clicking the box, as a person does.
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import { activeBox, clickBox, html, mount, selected, settle, shown, withModifier } from './helpers.js';

describe('<otp-input> as input-otp behaves', () => {
  afterEach(() => resetMouse());

  describe('base.typing', () => {
    it('should start as empty value', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      expect(input.value).to.equal('');
      expect(shown(el)).to.deep.equal(['', '', '', '', '', '']);
    });

    it('should change the input value', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '1' });
      await settle(el);
      expect(input.value).to.equal('1');
      await sendKeys({ type: '23456' });
      await settle(el);
      expect(input.value).to.equal('123456');
    });

    it('should prevent typing greater than max length (the last character is replaced)', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '1234567' });
      await settle(el);
      expect(input.value).to.equal('123457');
    });
  });

  describe('base.selections', () => {
    it('should replace selected char if another is pressed', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '123' });
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ type: '1' });
      await settle(el);
      expect(input.value).to.equal('121');
    });

    it('should move slot selection with arrow keys when input is full, clamped at both ends', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '123456' });
      await settle(el);
      const box = () => [input.selectionStart, input.selectionEnd];
      expect(box()).to.deep.equal([5, 6]);
      const steps: [string, number][] = [
        ['ArrowLeft', 4],
        ['ArrowLeft', 3],
        ['ArrowRight', 4],
        ['ArrowRight', 5],
        ['ArrowRight', 5],
        ...[4, 3, 2, 1, 0, 0].map((i): [string, number] => ['ArrowLeft', i]),
      ];
      for (const [key, at] of steps) {
        await sendKeys({ press: key });
        await settle(el);
        expect(box(), `${key} to box ${at}`).to.deep.equal([at, at + 1]);
      }
    });

    it('should select previous slot when pressing arrow left in insert mode', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '123' });
      await settle(el);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([3, 3]);
      await sendKeys({ press: 'ArrowLeft' });
      await settle(el);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([2, 3]);
      await sendKeys({ press: 'ArrowLeft' });
      await settle(el);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([1, 2]);
    });
  });

  describe('base.delete-word', () => {
    it('should backspace previous word (even if there is not a selected character)', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '1234' });
      await withModifier('Control', 'Backspace');
      await settle(el);
      expect(input.value).to.equal('');
    });

    it('should backspace selected char', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '123456' });
      await clickBox(el, 3);
      await settle(el);
      expect(selected(input)).to.equal('4');
      await withModifier('Control', 'Backspace');
      await settle(el);
      expect(input.value).to.equal('12356');
    });

    it('should forward-delete character when pressing delete', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '123456' });
      await sendKeys({ press: 'Delete' });
      await settle(el);
      expect(input.value).to.equal('12345');
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'Delete' });
      await settle(el);
      expect(input.value).to.equal('2345');
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Delete' });
      await settle(el);
      expect(input.value).to.equal('235');
    });
  });

  describe('base.slot', () => {
    it('should expose the slot value', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await sendKeys({ type: '1' });
      await settle(el);
      expect(shown(el)).to.deep.equal(['1', '', '', '', '', '']);
      await sendKeys({ type: '23456' });
      await settle(el);
      expect(shown(el)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    });
  });

  describe('base.render', () => {
    it('should expose focus flags (the active box while focused, none after blur)', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      input.focus();
      await settle(el);
      expect(activeBox(el)).to.equal(0);
      input.blur();
      await settle(el);
      expect(activeBox(el)).to.equal(-1);
    });
  });

  describe('base.props', () => {
    it('should receive props accordingly: disabled, inputmode, maxlength, id and name', async () => {
      const { input: disabled } = await mount(html`<otp-input disabled></otp-input>`);
      expect(disabled.disabled).to.equal(true);
      const { input: numeric } = await mount(html`<otp-input></otp-input>`);
      expect(numeric.getAttribute('inputmode')).to.equal('numeric');
      const { input: text } = await mount(html`<otp-input mode="alphanumeric"></otp-input>`);
      expect(text.getAttribute('inputmode')).to.equal('text');
      const { input: three } = await mount(html`<otp-input length="3"></otp-input>`);
      expect(three.getAttribute('maxlength')).to.equal('3');
      const { input: named } = await mount(html`<otp-input name="testname"><input id="testid" /></otp-input>`);
      expect([named.id, named.name]).to.deep.equal(['testid', 'testname']);
    });
  });

  describe('with-on-complete', () => {
    it('should change the input value (and a complete handler may disable the field)', async () => {
      const { el, input } = await mount(html`<otp-input></otp-input>`);
      el.addEventListener('otp-complete', () => (el.disabled = true));
      input.focus();
      await sendKeys({ type: '123456' });
      await settle(el);
      expect(input.value).to.equal('123456');
      expect(input.disabled).to.equal(true);
    });
  });
});
