// What issue 13 added: range selection with the pointer, `case`, `clear()` and `select()`,
// placeholders, custom states and the password-manager badge room; real keys and mouse throughout.
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import {
  activeBox,
  activeBoxes,
  beforeInput,
  box,
  clickBox,
  dragBoxes,
  html,
  mount,
  record,
  selected,
  settle,
  shiftClickBox,
  shown,
  warningsDuring,
} from './helpers.js';
import type { OtpInput } from '../../../src/elements/otp-input/otp-input.js';

describe('<otp-input> selecting boxes with the pointer', () => {
  afterEach(() => resetMouse());

  it('shift-click extends the selection from the box typing goes to, to the shift-clicked one', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    input.focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(selected(input)).to.equal('2');
    await shiftClickBox(el, 4);
    await settle(el);
    expect(selected(input)).to.equal('2345');
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.value).to.equal('16');
  });

  it('shift-click after a click extends from the clicked box, also backwards', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    input.focus();
    await clickBox(el, 4);
    await shiftClickBox(el, 2);
    await settle(el);
    expect(selected(input)).to.equal('345');
  });

  it('input-otp, Web Awesome: dragging across boxes selects them, and typing replaces the range', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    await dragBoxes(el, 1, 3);
    await settle(el);
    expect(selected(input)).to.equal('234');
    expect(activeBoxes(el)).to.deep.equal([1, 2, 3]);
    await sendKeys({ type: '9' });
    await settle(el);
    expect(el.value).to.equal('1956');
  });

  it('dragging right to left selects the same range', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    await dragBoxes(el, 4, 2);
    await settle(el);
    expect(selected(input)).to.equal('345');
  });

  // WebKit started a native drag of the selected text here, which took focus from the page (and from
  // the next test pages) until the element cancelled the drag: a drag over the boxes only selects.
  it('a drag past the end of a half-filled code selects up to its last character, and typing replaces it', async () => {
    const { el, input } = await mount(html`<otp-input value="1234"></otp-input>`);
    const textDrags: DragEvent[] = [];
    const onDragStart = (e: DragEvent) => textDrags.push(e);
    document.addEventListener('dragstart', onDragStart);
    try {
      await dragBoxes(el, 1, 5);
      await settle(el);
    } finally {
      document.removeEventListener('dragstart', onDragStart);
    }
    expect(selected(input)).to.equal('234');
    expect(textDrags.filter(e => !e.defaultPrevented), 'a text drag started').to.have.length(0);
    expect(document.hasFocus(), 'the page kept focus').to.equal(true);
    await sendKeys({ type: '9' });
    await settle(el);
    expect(el.value).to.equal('19');
  });
});

describe('<otp-input case>', () => {
  it('Web Awesome: case="upper" turns typed letters to capitals', async () => {
    const { el, input } = await mount(html`<otp-input mode="alphanumeric" case="upper"></otp-input>`);
    input.focus();
    await sendKeys({ type: 'ab3dE9' });
    await settle(el);
    expect(el.value).to.equal('AB3DE9');
    expect(shown(el)).to.deep.equal(['A', 'B', '3', 'D', 'E', '9']);
  });

  it('case="lower" turns pasted letters small, and a pattern of capitals still takes them in upper case', async () => {
    const { el: lower, input } = await mount(html`<otp-input mode="alphanumeric" case="lower"></otp-input>`);
    input.focus();
    beforeInput(input, 'insertFromPaste', 'XY-12 ZW');
    await settle(lower);
    expect(lower.value).to.equal('xy12zw');
    const { el: hex, input: hexInput } = await mount(html`<otp-input pattern="[0-9A-F]" case="upper"></otp-input>`);
    hexInput.focus();
    // No key twice in a row: WebKit's driver drops the second.
    await sendKeys({ type: 'bad1de' });
    await settle(hex);
    expect(hex.value).to.equal('BAD1DE');
  });

  it('turning case on converts the code already there, and an invalid case warns and keeps letters as they come', async () => {
    const { el } = await mount(html`<otp-input mode="alphanumeric" value="abC123"></otp-input>`);
    el.case = 'upper';
    await settle(el);
    expect(el.value).to.equal('ABC123');
    const seen = await warningsDuring(async () => {
      const { el: odd } = await mount(html`<otp-input mode="alphanumeric" case="title" value="aBc"></otp-input>`);
      expect(odd.case).to.equal('');
      expect(odd.value).to.equal('aBc');
    });
    expect(seen.join('\n')).to.contain('case="title" is not "upper" or "lower"; using letters as they come.');
  });
});

describe('<otp-input> clear() and select()', () => {
  it('zag, Web Awesome: clear() empties every box and focuses the first; it fires input, not otp-complete', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    const inputs = record<InputEvent>(el, 'input');
    const completes = record(el, 'otp-complete');
    el.clear();
    await settle(el);
    expect(el.value).to.equal('');
    expect(document.activeElement).to.equal(input);
    expect(activeBox(el)).to.equal(0);
    expect(inputs.map(e => e.inputType)).to.deep.equal(['deleteContentBackward']);
    expect(completes).to.have.length(0);
    await sendKeys({ type: '7' });
    await settle(el);
    expect(el.value).to.equal('7');
  });

  it('clear() of an empty field fires nothing; of a readonly one changes nothing', async () => {
    const { el } = await mount(html`<otp-input></otp-input>`);
    const inputs = record(el, 'input');
    el.clear();
    await settle(el);
    expect(inputs).to.have.length(0);
    const { el: readonly } = await mount(html`<otp-input readonly value="123456"></otp-input>`);
    readonly.clear();
    await settle(readonly);
    expect(readonly.value).to.equal('123456');
  });

  it('the change event a user gets follows clear() on blur', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    const changes = record(el, 'change');
    el.clear();
    input.blur();
    await settle(el);
    expect(changes).to.have.length(1);
  });

  it('Web Awesome: select() focuses the field and selects the whole code, so typing replaces it', async () => {
    const { el, input } = await mount(html`<otp-input value="123456"></otp-input>`);
    el.select();
    await settle(el);
    expect(document.activeElement).to.equal(input);
    expect(selected(input)).to.equal('123456');
    expect(activeBoxes(el)).to.deep.equal([0, 1, 2, 3, 4, 5]);
    await sendKeys({ type: '4' });
    await settle(el);
    expect(el.value).to.equal('4');
  });
});

describe('<otp-input placeholder>', () => {
  const marks = (el: OtpInput) => [...el.shadowRoot!.querySelectorAll('[part~="box"]')].map(b => b.querySelector('[part="placeholder"]')?.textContent ?? '');

  it('input-otp, Web Awesome: one character shows in every empty box', async () => {
    const { el } = await mount(html`<otp-input placeholder="○" value="12"></otp-input>`);
    expect(marks(el)).to.deep.equal(['', '', '○', '○', '○', '○']);
    expect(shown(el)).to.deep.equal(['1', '2', '', '', '', '']);
  });

  it('one character per box, and the active empty box shows the caret instead', async () => {
    const { el, input } = await mount(html`<otp-input length="4" placeholder="1234"></otp-input>`);
    expect(marks(el)).to.deep.equal(['1', '2', '3', '4']);
    input.focus();
    await settle(el);
    expect(marks(el)).to.deep.equal(['', '2', '3', '4']);
    expect(box(el, 0).querySelector('[part="caret"]')).to.exist;
  });

  it('is hidden from assistive technology and styled by its part and --verify-otp-placeholder-color', async () => {
    const { el } = await mount(html`<otp-input placeholder="-" style="--verify-otp-placeholder-color: rgb(1, 2, 3)"></otp-input>`);
    const mark = el.shadowRoot!.querySelector('[part="placeholder"]')!;
    expect(mark.closest('[aria-hidden="true"]')).to.exist;
    expect(el.querySelector('input')!.hasAttribute('placeholder')).to.equal(false);
    expect(getComputedStyle(mark).color).to.equal('rgb(1, 2, 3)');
  });
});

// Where :state() is unsupported the element still works (states are an extra): those engines skip.
const statesSupported = CSS.supports('selector(:state(complete))');

describe('<otp-input> custom states', () => {
  before(function () {
    if (!statesSupported) this.skip();
  });

  it('Web Awesome: :state(complete) once every box holds a character, :state(empty) when none does', async () => {
    const { el, input } = await mount(html`<otp-input length="2"></otp-input>`);
    expect(el.matches(':state(empty)')).to.equal(true);
    expect(el.matches(':state(complete)')).to.equal(false);
    input.focus();
    await sendKeys({ type: '12' });
    await settle(el);
    expect(el.matches(':state(complete)')).to.equal(true);
    expect(el.matches(':state(empty)')).to.equal(false);
    await sendKeys({ press: 'Backspace' });
    await settle(el);
    expect(el.matches(':state(complete)')).to.equal(false);
  });

  it('Web Awesome: :state(invalid) while invalid or after a failed submit, and styles reach the boxes through it', async () => {
    const { root, el } = await mount(html`<form>
        <style>otp-input:state(invalid)::part(box) { background: rgb(255, 0, 0); }</style>
        <otp-input required></otp-input>
      </form>`);
    expect(el.matches(':state(invalid)')).to.equal(false);
    (root as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(el.matches(':state(invalid)')).to.equal(true);
    expect(getComputedStyle(box(el, 0)).backgroundColor).to.equal('rgb(255, 0, 0)');
    el.value = '123456';
    await settle(el);
    expect(el.matches(':state(invalid)')).to.equal(false);
    el.invalid = true;
    await settle(el);
    expect(el.matches(':state(invalid)')).to.equal(true);
  });

  it('input-otp: :state(focused) follows focus', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    input.focus();
    await settle(el);
    expect(el.matches(':state(focused)')).to.equal(true);
    input.blur();
    await settle(el);
    expect(el.matches(':state(focused)')).to.equal(false);
  });
});

describe('<otp-input password-manager-badge>', () => {
  let planted: HTMLElement | undefined;
  afterEach(() => planted?.remove());
  // A known password manager's marker, as input-otp's own test plants it.
  const plantBadge = () => {
    planted = Object.assign(document.createElement('div'), {});
    planted.setAttribute('data-lastpass-icon-root', '');
    document.body.append(planted);
  };
  const lastBox = (el: OtpInput) => box(el, 5).getBoundingClientRect();

  it('by default the boxes take no room for a badge: the field ends at the last box, and a centred field is centred', async () => {
    const { root, el, input } = await mount(html`<div style="text-align: center; inline-size: 600px"><otp-input></otp-input></div>`);
    expect(input.getBoundingClientRect().right).to.equal(lastBox(el).right);
    const host = el.getBoundingClientRect();
    const frame = root.getBoundingClientRect();
    expect(Math.abs(host.left - frame.left - (frame.right - host.right))).to.be.below(1);
  });

  it('input-otp: with a badge on the page, focus grows the input past the boxes for it, and nothing moves', async () => {
    const { el, input } = await mount(html`<otp-input></otp-input>`);
    const before = { host: el.getBoundingClientRect().width, box: lastBox(el).left };
    plantBadge();
    input.focus();
    await waitUntil(() => input.getBoundingClientRect().right - lastBox(el).right >= 30, 'the input grows for the badge', { timeout: 4000 });
    expect(el.getBoundingClientRect().width).to.equal(before.host);
    expect(lastBox(el).left).to.equal(before.box);
  });

  it('input-otp: no room is made where it would overflow a scrolling container', async () => {
    const { root, el, input } = await mount(html`<div style="overflow: auto; inline-size: 320px"><otp-input></otp-input></div>`);
    plantBadge();
    input.focus();
    await new Promise(resolve => setTimeout(resolve, 200));
    await settle(el);
    expect(input.getBoundingClientRect().right).to.equal(lastBox(el).right);
    expect(root.scrollWidth).to.equal(root.clientWidth);
  });

  it('"reserve" keeps the room in the layout always; "none" never makes it, badge or not', async () => {
    const { el: reserve, input } = await mount(html`<otp-input password-manager-badge="reserve"></otp-input>`);
    expect(input.getBoundingClientRect().right - lastBox(reserve).right).to.be.at.least(30);
    plantBadge();
    const { el: none, input: noneInput } = await mount(html`<otp-input password-manager-badge="none"></otp-input>`);
    noneInput.focus();
    await new Promise(resolve => setTimeout(resolve, 200));
    await settle(none);
    expect(noneInput.getBoundingClientRect().right).to.equal(lastBox(none).right);
  });

  it('an unknown value warns and falls back to "auto"', async () => {
    const seen = await warningsDuring(async () => {
      const { el } = await mount(html`<otp-input password-manager-badge="always"></otp-input>`);
      expect(el.passwordManagerBadge).to.equal('auto');
    });
    expect(seen.join('\n')).to.contain('password-manager-badge="always" is not "auto", "reserve" or "none"; using "auto".');
  });
});
