import '../../src/elements/otp-input/define.js';
import type { OtpInput } from '../../src/elements/otp-input/otp-input.js';
import { frame, html, matchesBaseline, setUpPage } from './helpers.js';

const field = (frameEl: HTMLElement) => frameEl.querySelector<OtpInput>('otp-input')!;

describe('<otp-input> looks', () => {
  beforeEach(() => setUpPage());

  it('empty', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code"></otp-input>`), 'otp-input-empty');
  });

  it('focused: the first box is active and holds the caret', async () => {
    const f = await frame(html`<otp-input label="Code"></otp-input>`);
    field(f).focus();
    await matchesBaseline(f, 'otp-input-focused');
  });

  it('partially filled', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code" value="123"></otp-input>`), 'otp-input-partial');
  });

  it('full', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code" value="123456"></otp-input>`), 'otp-input-full');
  });

  it('placeholders in the empty boxes', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code" value="12" placeholder="○"></otp-input>`), 'otp-input-placeholder');
  });

  it('a range selected (select())', async () => {
    const f = await frame(html`<otp-input label="Code" value="123456"></otp-input>`);
    field(f).select();
    await field(f).updateComplete;
    await matchesBaseline(f, 'otp-input-selected');
  });

  it('masked', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code" value="1234" masked></otp-input>`), 'otp-input-masked');
  });

  it('groups "3-3"', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code" value="1234" groups="3-3"></otp-input>`), 'otp-input-groups');
  });

  it('invalid, with its error message', async () => {
    const f = await frame(html`<otp-input label="Code" value="123456" invalid error-message="That code is not right. Try again."></otp-input>`);
    await matchesBaseline(f, 'otp-input-invalid');
  });

  it('disabled', async () => {
    await matchesBaseline(await frame(html`<otp-input label="Code" value="12" disabled></otp-input>`), 'otp-input-disabled');
  });

  // The frame is wider than the field: the field sits on the right, its boxes still read left to right.
  it('on a right-to-left page', async () => {
    const f = await frame(html`<otp-input label="Code" value="123" invalid error-message="That code is not right."></otp-input>`, 'inline-size: 480px');
    f.dir = 'rtl';
    await matchesBaseline(f, 'otp-input-rtl');
  });

  it('dark colour scheme, focused', async () => {
    const f = await frame(html`<otp-input label="Code" value="123"></otp-input>`, 'color-scheme: dark');
    field(f).focus();
    await matchesBaseline(f, 'otp-input-dark');
  });

  it('forced colours (Windows high contrast), focused', async () => {
    await setUpPage({ forcedColors: true });
    const f = await frame(html`<otp-input label="Code" value="123"></otp-input>`);
    field(f).focus();
    await matchesBaseline(f, 'otp-input-forced-colors');
  });
});
