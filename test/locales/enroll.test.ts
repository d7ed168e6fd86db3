import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { VerifyEnroll } from '../../src/elements/verify-enroll/verify-enroll.js';
import { announced, enrollClient, part, shows, text, token } from './helpers.js';

const offline = () => Promise.reject(Object.assign(new Error("The site's server did not answer."), { code: 60401 }));

// What a user of each language sees and hears, written out (not read from the locale files).
const SEEN = {
  en: {
    title: 'Approve sign-ins on this browser',
    intro: 'Enroll this browser to approve your sign-ins with one click instead of typing a code.',
    enroll: 'Enroll this browser',
    enrolled: 'This browser is enrolled for sign-in approvals.',
    steps: ['Create a key for this browser, done', 'Register this browser, done', 'Verify the key, done'],
    remove: 'Remove this browser',
    removed: 'This browser was removed. It no longer receives sign-in requests.',
    name: /^(Chrome|Firefox|Safari|Edge|Opera|Browser)( on \S.*)?$/,
    failed: 'Enrolling did not finish.',
    offline: "The site's server did not answer.",
    retry: 'Try again',
  },
  ja: {
    title: 'このブラウザでサインインを承認',
    intro: 'このブラウザを登録すると、コードを入力する代わりにワンクリックでサインインを承認できます。',
    enroll: 'このブラウザを登録',
    enrolled: 'このブラウザはサインインの承認に登録されています。',
    steps: ['このブラウザの鍵を作成、完了', 'このブラウザを登録、完了', '鍵を確認、完了'],
    remove: 'このブラウザの登録を解除',
    removed: 'このブラウザの登録を解除しました。今後、サインインのリクエストは届きません。',
    name: /^(Chrome|Firefox|Safari|Edge|Opera|ブラウザ)(（\S.*）)?$/,
    failed: '登録を完了できませんでした。',
    offline: 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
    retry: 'もう一度試す',
  },
  it: {
    title: 'Approva gli accessi da questo browser',
    intro: 'Registra questo browser per approvare i tuoi accessi con un clic, senza digitare un codice.',
    enroll: 'Registra questo browser',
    enrolled: 'Questo browser è registrato per approvare gli accessi.',
    steps: ['Crea una chiave per questo browser, completato', 'Registra questo browser, completato', 'Verifica la chiave, completato'],
    remove: 'Rimuovi questo browser',
    removed: 'Questo browser è stato rimosso. Non riceverà più richieste di accesso.',
    name: /^(Chrome|Firefox|Safari|Edge|Opera|Browser)( su \S.*)?$/,
    failed: 'La registrazione non è stata completata.',
    offline: 'Il server non è raggiungibile. Controlla la connessione e riprova.',
    retry: 'Riprova',
  },
  pl: {
    title: 'Zatwierdzaj logowania w tej przeglądarce',
    intro: 'Zarejestruj tę przeglądarkę, aby zatwierdzać logowania jednym kliknięciem zamiast wpisywać kod.',
    enroll: 'Zarejestruj tę przeglądarkę',
    enrolled: 'Ta przeglądarka jest zarejestrowana do zatwierdzania logowań.',
    steps: ['Utwórz klucz dla tej przeglądarki, gotowe', 'Zarejestruj tę przeglądarkę, gotowe', 'Zweryfikuj klucz, gotowe'],
    remove: 'Usuń tę przeglądarkę',
    removed: 'Ta przeglądarka została usunięta. Nie będzie już otrzymywać żądań logowania.',
    name: /^(Chrome|Firefox|Safari|Edge|Opera|Przeglądarka)( w systemie \S.*)?$/,
    failed: 'Nie udało się dokończyć rejestracji.',
    offline: 'Nie można połączyć się z serwerem. Sprawdź połączenie i spróbuj ponownie.',
    retry: 'Spróbuj ponownie',
  },
};

/** Each step as a screen reader reads it: its name and state, without the mark. */
const spokenSteps = (el: VerifyEnroll) =>
  [...el.shadowRoot!.querySelectorAll('[part~="step"]')].map(li =>
    [...li.childNodes].filter(n => n instanceof Text || (n instanceof Element && n.getAttribute('aria-hidden') !== 'true')).map(n => n.textContent).join(''),
  );

async function enroll(lang: string, tokenProvider: () => Promise<typeof token>, names: string[] = []) {
  const root = await fixture<HTMLElement>(html`<div lang=${lang}><verify-enroll .client=${enrollClient(names)} .tokenProvider=${tokenProvider}></verify-enroll></div>`);
  return root.querySelector('verify-enroll') as VerifyEnroll;
}

describe('<verify-enroll> in each language', () => {
  for (const [lang, seen] of Object.entries(SEEN)) {
    it(`${lang}: before, during and after enrolling, and after removing`, async () => {
      const names: string[] = [];
      const el = await enroll(lang, async () => token, names);
      await shows(el, () => text(el, 'title'), seen.title);
      expect(text(el, 'intro')).to.equal(seen.intro);
      expect(text(el, 'button')).to.equal(seen.enroll);
      await expect(el).to.be.accessible();

      part(el, 'button')!.click();
      await shows(el, () => text(el, 'title'), seen.enrolled);
      expect(spokenSteps(el)).to.deep.equal(seen.steps);
      expect(announced(el)).to.equal(seen.enrolled);
      expect(text(el, 'button')).to.equal(seen.remove);
      expect(names).to.have.length(1);
      expect(names[0]).to.match(seen.name);
      await expect(el).to.be.accessible();

      part(el, 'button')!.click();
      await shows(el, () => text(el, 'notice'), seen.removed);
      expect(announced(el)).to.equal(seen.removed);
    });

    it(`${lang}: a failure says what happened and offers to try again`, async () => {
      const el = await enroll(lang, offline);
      await shows(el, () => text(el, 'title'), seen.title);
      part(el, 'button')!.click();
      await waitUntil(() => part(el, 'error'), 'the error');
      await el.updateComplete;
      expect([text(el, 'title'), text(el, 'error'), text(el, 'button')]).to.deep.equal([seen.failed, seen.offline, seen.retry]);
      expect(announced(el)).to.equal(`${seen.failed} ${seen.offline}`);
      await expect(el).to.be.accessible();
    });
  }

  it('an unknown code shows the code in a translation, the message in English', async () => {
    const fail = () => Promise.reject(Object.assign(new Error('Injected fault.'), { code: 20503 }));
    const [italian, en] = [await enroll('it', fail), await enroll('en', fail)];
    for (const el of [italian, en]) {
      await shows(el, () => !!text(el, 'button'), true);
      part(el, 'button')!.click();
    }
    await shows(italian, () => text(italian, 'error'), 'Si è verificato un errore (codice 20503).');
    await shows(en, () => text(en, 'error'), 'Injected fault.');
  });

  it('a failure the user can act on (storage unavailable, 60403) says what to do in each language', async () => {
    const fail = () => Promise.reject(Object.assign(new Error('IndexedDB is unavailable.'), { code: 60403 }));
    const advice = { ja: 'プライベートブラウズを終了', it: 'esci dalla navigazione privata', pl: 'wyjdź z trybu prywatnego' };
    for (const [lang, words] of Object.entries(advice)) {
      const el = await enroll(lang, fail);
      await shows(el, () => !!text(el, 'button'), true);
      part(el, 'button')!.click();
      await waitUntil(() => part(el, 'error'), 'the error');
      expect(text(el, 'error')).to.contain(words);
    }
  });

  it('lang on the element itself wins over its ancestors; changing it renders again', async () => {
    const root = await fixture<HTMLElement>(html`<div lang="it"><verify-enroll lang="ja" .client=${enrollClient()} .tokenProvider=${async () => token}></verify-enroll></div>`);
    const el = root.firstElementChild as VerifyEnroll;
    await shows(el, () => text(el, 'button'), 'このブラウザを登録');
    el.lang = 'pl';
    await shows(el, () => text(el, 'button'), 'Zarejestruj tę przeglądarkę');
    el.removeAttribute('lang');
    await shows(el, () => text(el, 'button'), 'Registra questo browser');
  });
});
