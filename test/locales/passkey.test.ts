import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/verify-passkey/define.js';
import type { VerifyPasskey } from '../../src/elements/verify-passkey/verify-passkey.js';
import { noWebAuthn } from '../elements/verify-passkey/helpers.js';

// What a user of each language sees, written out (not read from the locale files).
const SEEN = {
  en: {
    title: 'Add a passkey',
    button: 'Add a passkey',
    signIn: 'Sign in with a passkey',
    failed: 'The passkey was not used.',
    cancelled: 'The passkey dialog was closed, or you were not verified. Try again when you are ready.',
    retry: 'Try again',
    unsupported: 'This browser cannot use passkeys. Sign in another way, or use a newer browser.',
  },
  ja: {
    title: 'パスキーを追加',
    button: 'パスキーを追加',
    signIn: 'パスキーでサインイン',
    failed: 'パスキーを使用できませんでした。',
    cancelled: 'パスキーの画面が閉じられたか、本人確認ができませんでした。準備ができたら、もう一度お試しください。',
    retry: 'もう一度試す',
    unsupported: 'このブラウザはパスキーに対応していません。別の方法でサインインするか、新しいブラウザをお使いください。',
  },
  it: {
    title: 'Aggiungi una passkey',
    button: 'Aggiungi una passkey',
    signIn: 'Accedi con una passkey',
    failed: 'La passkey non è stata usata.',
    cancelled: 'La finestra della passkey è stata chiusa, oppure la verifica non è riuscita. Riprova quando vuoi.',
    retry: 'Riprova',
    unsupported: 'Questo browser non supporta le passkey. Accedi in un altro modo o usa un browser più recente.',
  },
  pl: {
    title: 'Dodaj klucz dostępu',
    button: 'Dodaj klucz dostępu',
    signIn: 'Zaloguj się kluczem dostępu',
    failed: 'Nie użyto klucza dostępu.',
    cancelled: 'Okno klucza dostępu zostało zamknięte albo weryfikacja się nie udała. Spróbuj ponownie, gdy będziesz gotowy.',
    retry: 'Spróbuj ponownie',
    unsupported: 'Ta przeglądarka nie obsługuje kluczy dostępu. Zaloguj się w inny sposób lub użyj nowszej przeglądarki.',
  },
};

const text = (el: VerifyPasskey, part: string) => el.shadowRoot!.querySelector(`[part~="${part}"]`)?.textContent ?? '';
const b64 = (s: string) => btoa(s).replace(/=+$/, '');
const provider = async () => ({ publicKey: { challenge: b64('c'), rp: { name: 'T' }, user: { id: b64('u'), name: 'u', displayName: 'u' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] } });

describe('<verify-passkey> in each language', function () {
  this.timeout(30_000);
  afterEach(() => navigator.credentials && delete (navigator.credentials as unknown as Record<string, unknown>).create);

  for (const [lang, seen] of Object.entries(SEEN)) {
    it(`${lang}: title, buttons, a cancelled dialog${noWebAuthn ? ' (here: the unsupported state, as this engine has no WebAuthn)' : ''}`, async () => {
      const root = await fixture<HTMLElement>(html`<div lang=${lang}><verify-passkey mode="register" .provider=${provider}></verify-passkey><verify-passkey .provider=${provider}></verify-passkey></div>`);
      const [register, signIn] = root.querySelectorAll('verify-passkey');
      const settled = async (el: VerifyPasskey, ready: () => boolean) => {
        for (let i = 0; i < 200 && !ready(); i++) await new Promise(r => setTimeout(r, 20)).then(() => el.updateComplete);
        expect(ready(), `${lang}: ${text(el, 'title')} / ${text(el, 'error')}`).to.equal(true);
      };
      await settled(register, () => text(register, 'title') === seen.title);
      if (noWebAuthn) {
        expect(text(register, 'error')).to.equal(seen.unsupported);
        return;
      }
      expect(text(register, 'button')).to.equal(seen.button);
      expect(text(signIn, 'button')).to.equal(seen.signIn);
      Object.defineProperty(navigator.credentials, 'create', { configurable: true, value: () => Promise.reject(new DOMException('x', 'NotAllowedError')) });
      register.shadowRoot!.querySelector('button')!.click();
      await settled(register, () => text(register, 'error') !== '');
      expect(text(register, 'title')).to.equal(seen.failed);
      expect(text(register, 'error')).to.equal(seen.cancelled);
      expect(text(register, 'button')).to.equal(seen.retry);
    });
  }
});
