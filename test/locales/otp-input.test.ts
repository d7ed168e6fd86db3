import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/otp-input/define.js';
import type { OtpInput } from '../../src/elements/otp-input/otp-input.js';
import { otpInput as pl } from '../../src/locales/pl.js';
import { settle } from '../elements/otp-input/helpers.js';

/** The validation messages of an `<otp-input>` under `lang`: empty, then with one character typed. */
async function messages(lang: string, attributes: { length: number; mode?: string }) {
  const root = await fixture<HTMLElement>(html`<div lang=${lang}><otp-input required length=${attributes.length} mode=${attributes.mode ?? 'numeric'}></otp-input></div>`);
  const el = root.firstElementChild as OtpInput;
  const label = () => el.querySelector('input')!.getAttribute('aria-label');
  // The translation loads on first use; the label says when it is in.
  if (lang !== 'en') await waitUntil(() => label() !== 'One-time code', 'the translated label');
  await settle(el);
  const empty = el.validationMessage;
  el.value = '1';
  await settle(el);
  return [label(), empty, el.validationMessage];
}

describe('<otp-input> in each language', () => {
  it('en, ja, it: the label and validation messages, counts in the right form', async () => {
    expect(await messages('en', { length: 6 })).to.deep.equal(['One-time code', 'Enter the 6-digit code.', 'Enter all 6 digits of the code.']);
    expect(await messages('ja', { length: 6 })).to.deep.equal(['ワンタイムコード', '6桁のコードを入力してください。', 'コードを6桁すべて入力してください。']);
    expect(await messages('it', { length: 4, mode: 'alphanumeric' })).to.deep.equal([
      'Codice monouso',
      'Inserisci il codice di 4 caratteri.',
      'Il codice deve avere 4 caratteri.',
    ]);
  });

  it('pl: one, few and many forms (1 cyfrę, 2 cyfry, 5 cyfr, 22 cyfry)', async () => {
    expect(await messages('pl', { length: 2 })).to.deep.equal(['Kod jednorazowy', 'Wpisz 2-cyfrowy kod.', 'Kod musi mieć 2 cyfry.']);
    expect((await messages('pl', { length: 5 }))[2]).to.equal('Kod musi mieć 5 cyfr.');
    expect((await messages('pl', { length: 12 }))[2]).to.equal('Kod musi mieć 12 cyfr.');
    expect((await messages('pl', { length: 4, mode: 'alphanumeric' })).slice(1)).to.deep.equal(['Wpisz 4-znakowy kod.', 'Kod musi mieć 4 znaki.']);
    expect((await messages('pl', { length: 6, mode: 'alphanumeric' }))[2]).to.equal('Kod musi mieć 6 znaków.');
    // Lengths an <otp-input> cannot have (1 leaves nothing incomplete; 12 is the most), as the words read.
    expect([1, 22].map(n => pl.incomplete(n, 'numeric'))).to.deep.equal(['Kod musi mieć 1 cyfrę.', 'Kod musi mieć 22 cyfry.']);
  });

  it('keeps following lang after its host moves into another component\'s shadow root', async () => {
    const outer = await fixture<HTMLElement>(html`<div></div>`);
    const outerShadow = outer.attachShadow({ mode: 'open' });
    outerShadow.innerHTML = '<section lang="en"></section>';
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<otp-input></otp-input>';
    outer.after(host); // first connected in the document, then moved, as a portal or dialog moves it
    const input = () => host.shadowRoot!.querySelector('input')!;
    await waitUntil(() => input().getAttribute('aria-label') === 'One-time code');
    outerShadow.querySelector('section')!.append(host);
    outerShadow.querySelector('section')!.lang = 'it';
    await waitUntil(() => input().getAttribute('aria-label') === 'Codice monouso', 'the Italian label after the move', { timeout: 3000 });
  });
});
