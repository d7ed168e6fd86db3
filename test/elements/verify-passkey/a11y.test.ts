import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PasskeyPath } from '../../../src/elements/verify-passkey/backend.js';
import { button, mount, needsWebAuthn, next, part, title, until, type VerifyPasskey } from './helpers.js';

const b64 = (s: string) => btoa(s).replace(/=+$/, '');
const CREATION = { challenge: b64('challenge'), rp: { name: 'Tests' }, user: { id: b64('u'), name: 'u', displayName: 'u' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] };
const credential = { toJSON: () => ({ id: 'c' }) } as unknown as PublicKeyCredential;
/** A server that answers at once, or never for the calls in `hang`. */
const provider =
  (hang: PasskeyPath[] = []) =>
  async (path: PasskeyPath): Promise<unknown> =>
    hang.includes(path) ? new Promise(() => {}) : path === '/register/options' ? { publicKey: CREATION } : { factorSid: `YF${'a'.repeat(32)}`, status: 'verified' };

const stubCreate = (fn: () => Promise<unknown>) => Object.defineProperty(navigator.credentials, 'create', { configurable: true, value: fn });
const shown = (el: VerifyPasskey) => el.shadowRoot!.activeElement;

describe('<verify-passkey> accessibility', function () {
  // axe's first run in WebKit takes longer than the default 5 s.
  this.timeout(20_000);
  afterEach(() => navigator.credentials && delete (navigator.credentials as unknown as Record<string, unknown>).create);

  const started = async (template: ReturnType<typeof html>, ready: (el: VerifyPasskey) => boolean) => {
    const { root, el } = await mount(template);
    button(el)!.click();
    await until(el, () => ready(el));
    return root;
  };
  const states: Record<string, () => Promise<HTMLElement>> = {
    'register, idle': async () => (await mount(html`<verify-passkey mode="register" .provider=${provider()}></verify-passkey>`)).root,
    'sign-in, idle': async () => (await mount(html`<verify-passkey .provider=${provider()}></verify-passkey>`)).root,
    'waiting for the authenticator': () => (stubCreate(() => new Promise(() => {})), started(html`<verify-passkey mode="register" .provider=${provider()}></verify-passkey>`, el => title(el) === 'Waiting for your passkey…')),
    verifying: () => (stubCreate(async () => credential), started(html`<verify-passkey mode="register" .provider=${provider(['/register/verify'])}></verify-passkey>`, el => title(el) === 'Checking your passkey…')),
    done: () => (stubCreate(async () => credential), started(html`<verify-passkey mode="register" .provider=${provider()}></verify-passkey>`, el => title(el) === 'Your passkey was added.')),
    failed: () => (stubCreate(() => Promise.reject(new DOMException('x', 'NotAllowedError'))), started(html`<verify-passkey mode="register" .provider=${provider()}></verify-passkey>`, el => !!part(el, 'error'))),
    'dark, rtl, Japanese': async () =>
      (await mount(html`<div dir="rtl" lang="ja" style="color-scheme: dark; background: #111; color: #eee"><verify-passkey mode="register" .provider=${provider()}></verify-passkey></div>`)).root,
  };
  // Idle and unsupported render without WebAuthn too; the others run a ceremony.
  const withoutWebAuthn = ['register, idle', 'sign-in, idle', 'dark, rtl, Japanese'];
  for (const [name, render] of Object.entries(states)) {
    it(`passes axe: ${name}`, async function () {
      if (!withoutWebAuthn.includes(name)) needsWebAuthn.call(this);
      await expect(await render()).to.be.accessible();
    });
  }

  it('passes axe when unsupported', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    delete (window as unknown as Record<string, unknown>).PublicKeyCredential;
    try {
      const { root, el } = await mount(html`<verify-passkey .provider=${provider()}></verify-passkey>`);
      expect(part(el, 'error')).to.exist;
      await expect(root).to.be.accessible();
    } finally {
      if (descriptor) Object.defineProperty(window, 'PublicKeyCredential', descriptor);
    }
  });

  it('is used with the keyboard alone: Tab, Enter; after a failure focus is on Try again, Space retries; once done, on the heading', async function () {
    needsWebAuthn.call(this);
    let attempts = 0;
    stubCreate(() => (++attempts === 1 ? Promise.reject(new DOMException('x', 'NotAllowedError')) : Promise.resolve(credential)));
    const { el } = await mount(html`<verify-passkey mode="register" .provider=${provider()}></verify-passkey>`);
    await sendKeys({ press: 'Tab' });
    expect(shown(el)).to.equal(button(el));
    const failed = next(el, 'verify-passkey-error');
    await sendKeys({ press: 'Enter' });
    await failed;
    await until(el, () => shown(el)?.textContent === 'Try again', 'focus on Try again');
    const registered = next(el, 'verify-passkey-registered');
    await sendKeys({ press: ' ' });
    await registered;
    await until(el, () => shown(el) === part(el, 'title'), 'focus on the heading');
    expect(title(el)).to.equal('Your passkey was added.');
  });
});
