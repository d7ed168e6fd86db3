// Behaviours users know from the peers (input-otp, zag's pin-input, Web Awesome's <wa-otp-input>),
// each with real keyboard and mouse input; each test names the peer behaviour it covers.
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { activeBox, box, centre, clickBox, html, mount, selected, settle, shown, withModifier } from './helpers.js';

const withShift = (key: 'ArrowLeft' | 'ArrowRight') => withModifier('Shift', key);

describe('<otp-input> as its peers behave', () => {
  afterEach(() => resetMouse());

  it('zag, Web Awesome, input-otp: Backspace on a selected middle box deletes it and moves back one box', async () => {
    const { el, input } = await mount(html`<otp-input length="3"></otp-input>`);
    input.focus();
    await sendKeys({ type: '123' });
    await clickBox(el, 1);
    await settle(el);
    expect(activeBox(el)).to.equal(1);
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.value).to.equal('13');
    expect(activeBox(el)).to.equal(0, 'the box before the deleted one');
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.value).to.equal('3', 'a second Backspace deletes the character before, not the 3');
  });

  it('input-otp: Backspace on the last box deletes it and keeps that box for the next digit', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '7' });
    await settle(el);
    expect(el.value).to.equal('123457');
  });

  it('input-otp: Shift+← widens a one-box selection, and typing replaces what it covers', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    await sendKeys({ type: '123456' });
    await settle(el);
    await withShift('ArrowLeft');
    await withShift('ArrowLeft');
    await settle(el);
    expect(selected(input)).to.equal('456');
    await sendKeys({ type: '1' });
    await settle(el);
    expect(el.value).to.equal('1231');
  });

  it('input-otp: Shift+→ widens a one-box selection to the right', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    input.focus();
    // To box 2 by keyboard: a click here could pair with the last test's click into a double click.
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(selected(input)).to.equal('2');
    await withShift('ArrowRight');
    await settle(el);
    expect(selected(input)).to.equal('23');
  });

  it('input-otp, a plain input: a double click selects the whole code', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    const [x, y] = centre(box(el, 2));
    // Two real clicks on the box; the double click the engine makes of them is dispatched here,
    // because the drivers' clicks each count as a first click.
    await sendMouse({ type: 'click', position: [x, y] });
    await sendMouse({ type: 'click', position: [x, y] });
    el.shadowRoot!.querySelector('[part="field"]')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, clientX: x, clientY: y }));
    await settle(el);
    expect(selected(input)).to.equal('123456');
    await sendKeys({ type: '9' });
    await settle(el);
    expect(el.value).to.equal('9');
  });

  for (const how of ['click', 'Space'] as const) {
    it(`Web Awesome, native inputs: a reset button (${how}) restores the value and the boxes`, async () => {
      const { root, el, input } = await mount(html`<form><otp-input value="271828"></otp-input><button type="reset">Reset</button></form>`);
      input.focus();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await settle(el);
      expect(shown(el)).to.deep.equal(['2', '7', '1', '8', '', '']);
      const reset = root.querySelector('button')!;
      if (how === 'click') {
        await sendMouse({ type: 'click', position: centre(reset) });
      } else {
        reset.focus();
        await sendKeys({ press: ' ' });
      }
      await settle(el);
      expect(el.value).to.equal('271828');
      expect(shown(el)).to.deep.equal(['2', '7', '1', '8', '2', '8']);
    });
  }
});
