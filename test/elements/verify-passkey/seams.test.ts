// The element's calls at their narrowest seam: navigator.credentials (and, for an unsupported
// browser, PublicKeyCredential) stubbed only here, the site's server as a `provider`. Runs in every
// engine, also where no virtual authenticator is reachable (ceremonies.test.ts says where).
import { expect, html } from '@open-wc/testing';
import { parseCreationOptions, parseRequestOptions, credentialToJSON } from '../../../src/elements/verify-passkey/json-fallback.js';
import type { PasskeyPath } from '../../../src/elements/verify-passkey/backend.js';
import { announced, button, mount, needsWebAuthn, next, noWebAuthn, part, steps, title, until, type VerifyPasskey } from './helpers.js';

const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const CREATION: PublicKeyCredentialCreationOptionsJSON = {
  challenge: b64([1, 2, 3, 250]),
  rp: { id: location.hostname, name: 'Tests' },
  user: { id: b64([9, 9]), name: 'user-1', displayName: 'user-1' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  excludeCredentials: [{ type: 'public-key', id: b64([7, 7, 7]) }],
  timeout: 60_000,
};
const REQUEST: PublicKeyCredentialRequestOptionsJSON = { challenge: b64([4, 5, 6]), rpId: location.hostname, allowCredentials: [], timeout: 60_000 };
// What a real credential's toJSON() gives, as the server gets it.
const CREDENTIAL_JSON = { id: 'cred', rawId: 'cred', type: 'public-key', response: { clientDataJSON: 'e30' }, clientExtensionResults: {} };
const fakeCredential = { toJSON: () => CREDENTIAL_JSON } as unknown as PublicKeyCredential;

type Call = { path: PasskeyPath; body: object };

/** The site's server as a provider: records each call, answers as the contract says. */
function server(overrides: Partial<Record<PasskeyPath, () => Promise<unknown>>> = {}) {
  const calls: Call[] = [];
  const answers: Record<PasskeyPath, () => Promise<unknown>> = {
    '/register/options': async () => ({ publicKey: CREATION }),
    '/register/verify': async () => ({ factorSid: `YF${'a'.repeat(32)}`, status: 'verified' }),
    '/sign-in/options': async () => ({ publicKey: REQUEST }),
    '/sign-in/verify': async () => ({ status: 'approved', identity: 'user-1' }),
    ...overrides,
  };
  return { calls, provider: (path: PasskeyPath, body: object) => (calls.push({ path, body }), answers[path]()) };
}

type Stub = (options: CredentialCreationOptions & CredentialRequestOptions) => Promise<Credential | null>;
const original = { create: navigator.credentials?.create, get: navigator.credentials?.get };
/** Replaces navigator.credentials.create/get on the instance (restored after each test). */
function stub(method: 'create' | 'get', fn: Stub) {
  const calls: (CredentialCreationOptions & CredentialRequestOptions)[] = [];
  Object.defineProperty(navigator.credentials, method, { configurable: true, value: (o: CredentialCreationOptions & CredentialRequestOptions) => (calls.push(o), fn(o)) });
  return calls;
}
const domError = (name: string) => () => Promise.reject(new DOMException('from the stub', name));
/** Never settles unless its signal aborts, like a dialog nobody answers. */
const pending: Stub = o => new Promise((_, reject) => o.signal?.addEventListener('abort', () => reject(o.signal!.reason)));

describe('<verify-passkey> at the navigator.credentials seam', () => {
  before(needsWebAuthn);
  afterEach(() => {
    delete (navigator.credentials as unknown as Record<string, unknown>).create;
    delete (navigator.credentials as unknown as Record<string, unknown>).get;
    expect(navigator.credentials.create).to.equal(original.create);
  });

  it('registers: options from the server as WebAuthn options, the credential as JSON to the server, then the event', async () => {
    const { calls, provider } = server();
    const created = stub('create', async () => fakeCredential);
    const { el } = await mount(html`<verify-passkey mode="register" .provider=${provider}></verify-passkey>`);
    expect(title(el)).to.equal('Add a passkey');
    const registered = next(el, 'verify-passkey-registered');
    button(el)!.click();
    expect((await registered).detail).to.deep.equal({ factorSid: `YF${'a'.repeat(32)}`, status: 'verified' });
    const { publicKey, signal } = created[0];
    expect([...new Uint8Array(publicKey!.challenge as ArrayBuffer)]).to.deep.equal([1, 2, 3, 250]);
    expect(signal).to.be.instanceOf(AbortSignal);
    expect(calls).to.deep.equal([
      { path: '/register/options', body: {} },
      { path: '/register/verify', body: CREDENTIAL_JSON },
    ]);
    await el.updateComplete;
    expect(title(el)).to.equal('Your passkey was added.');
    expect(steps(el)).to.deep.equal(['done', 'done']);
    expect(announced(el)).to.equal('Your passkey was added.');
  });

  it('shows and announces each step: waiting for the authenticator, then verifying', async () => {
    let release!: () => void;
    const { provider } = server({ '/sign-in/verify': () => new Promise(resolve => (release = () => resolve({ status: 'approved', identity: 'u' }))) });
    let answer!: (c: Credential) => void;
    stub('get', () => new Promise(resolve => (answer = resolve)));
    const { el } = await mount(html`<verify-passkey .provider=${provider}></verify-passkey>`);
    button(el)!.click();
    await until(el, () => title(el) === 'Waiting for your passkey…');
    expect(steps(el)).to.deep.equal(['active', 'pending']);
    expect(announced(el)).to.equal('Waiting for your passkey…');
    await until(el, () => !!answer);
    answer(fakeCredential);
    await until(el, () => title(el) === 'Checking your passkey…');
    expect(steps(el)).to.deep.equal(['done', 'active']);
    const signedIn = next(el, 'verify-passkey-signed-in');
    release();
    await signedIn;
  });

  it('sign-in names the user from the for= field when it has a value', async () => {
    const { calls, provider } = server();
    stub('get', async () => fakeCredential);
    const { root } = await mount(html`<div><input id="name" value=" ada " /><verify-passkey for="name" .provider=${provider}></verify-passkey></div>`);
    const el = root.querySelector('verify-passkey')!;
    const signedIn = next(el, 'verify-passkey-signed-in');
    button(el)!.click();
    await signedIn;
    expect(calls[0]).to.deep.equal({ path: '/sign-in/options', body: { identity: 'ada' } });
  });

  const failures: [string, Partial<Record<PasskeyPath, () => Promise<unknown>>>, Stub, string, string][] = [
    ['cancelled (NotAllowedError)', {}, domError('NotAllowedError'), 'cancelled', 'The passkey dialog was closed'],
    ['already registered (InvalidStateError)', {}, domError('InvalidStateError'), 'already-registered', 'already has a passkey'],
    ['a wrong origin (SecurityError)', {}, domError('SecurityError'), 'security', 'cannot be used on this address'],
    ['timeout', { '/register/options': async () => ({ publicKey: { ...CREATION, timeout: 100 } }) }, pending, 'timeout', 'timed out'],
    ['a server without publicKey', { '/register/options': async () => ({}) }, async () => fakeCredential, 'backend', 'without publicKey'],
  ];
  for (const [name, answers, create, reason, text] of failures) {
    it(`fails with reason "${reason}" on ${name}: shown, announced, Try again`, async () => {
      const { provider } = server(answers);
      stub('create', create);
      const { el } = await mount(html`<verify-passkey mode="register" .provider=${provider}></verify-passkey>`);
      const error = next(el, 'verify-passkey-error');
      button(el)!.click();
      const { detail } = await error;
      expect(detail.reason).to.equal(reason);
      expect(Object.keys(detail).sort()).to.deep.equal(['autofill', 'code', 'message', 'mode', 'reason']);
      await el.updateComplete;
      expect(title(el)).to.equal('The passkey was not used.');
      expect(part(el, 'error')!.textContent).to.contain(text);
      expect(announced(el)).to.contain(text);
      expect(button(el)!.textContent).to.equal('Try again');
    });
  }

  it('a network failure of url= says the server cannot be reached; the event holds no challenge or credential', async () => {
    stub('create', async () => fakeCredential);
    const { el } = await mount(html`<verify-passkey mode="register" url="http://127.0.0.1:9/passkeys"></verify-passkey>`);
    const error = next(el, 'verify-passkey-error');
    button(el)!.click();
    const { detail } = await error;
    expect(detail.reason).to.equal('network');
    expect(JSON.stringify(detail)).not.to.contain(CREATION.challenge);
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('cannot be reached');
  });

  it("renders a hostile server message as text, with Verify's code in the event", async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">Refused';
    const { provider } = server({ '/register/verify': () => Promise.reject({ code: 60324, message: hostile }) });
    stub('create', async () => fakeCredential);
    const { el } = await mount(html`<verify-passkey mode="register" .provider=${provider}></verify-passkey>`);
    const error = next(el, 'verify-passkey-error');
    button(el)!.click();
    expect((await error).detail).to.include({ reason: 'backend', code: 60324, message: hostile });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal(hostile);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('translates: lang="pl" shows Polish, and the server refusal by its code', async () => {
    const { provider } = server({ '/register/verify': () => Promise.reject({ code: 0, message: 'nope' }) });
    stub('create', async () => fakeCredential);
    const { el } = await mount(html`<div lang="pl"><verify-passkey mode="register" .provider=${provider}></verify-passkey></div>`);
    await until(el, () => title(el) === 'Dodaj klucz dostępu', 'the Polish strings');
    const error = next(el, 'verify-passkey-error');
    button(el)!.click();
    await error;
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('Wystąpił błąd.');
  });

  it('autofill: a conditional request, aborted when the button starts a sign-in, which then signs in', async () => {
    const { provider } = server();
    const requests = stub('get', o => (o.mediation === 'conditional' ? pending(o) : Promise.resolve(fakeCredential)));
    const available = PublicKeyCredential.isConditionalMediationAvailable;
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: async () => true });
    try {
      const { root } = await mount(html`<div><input id="who" autocomplete="username webauthn" /><verify-passkey conditional for="who" .provider=${provider}></verify-passkey></div>`);
      const el = root.querySelector('verify-passkey')!;
      await until(el, () => requests.length === 1, 'the autofill request');
      expect(requests[0].mediation).to.equal('conditional');
      const signedIn = next(el, 'verify-passkey-signed-in');
      let errors = 0;
      el.addEventListener('verify-passkey-error', () => errors++);
      button(el)!.click();
      await signedIn;
      expect(requests[0].signal!.aborted).to.equal(true);
      expect(requests[1].mediation).to.equal(undefined);
      expect(errors).to.equal(0);
    } finally {
      Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: available });
    }
  });

  it('autofill: aborted, with no error event, when the element leaves the page', async () => {
    const { provider } = server();
    const requests = stub('get', pending);
    const available = PublicKeyCredential.isConditionalMediationAvailable;
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: async () => true });
    try {
      const { el } = await mount(html`<verify-passkey conditional .provider=${provider}></verify-passkey>`);
      await until(el, () => requests.length === 1, 'the autofill request');
      let errors = 0;
      el.addEventListener('verify-passkey-error', () => errors++);
      el.remove();
      expect(requests[0].signal!.aborted).to.equal(true);
      await new Promise(r => setTimeout(r, 50));
      expect(errors).to.equal(0);
    } finally {
      Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: available });
    }
  });


  /** Runs `body` with the browser saying passkey autofill is (or becomes) available through `available`. */
  async function withAutofill(available: () => Promise<boolean>, body: () => Promise<void>) {
    const original = PublicKeyCredential.isConditionalMediationAvailable;
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: available });
    try {
      await body();
    } finally {
      Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { configurable: true, value: original });
    }
  }

  it('autofill: an element removed while the browser answers whether autofill works asks the server for no challenge', async () => {
    const { provider, calls } = server();
    stub('get', pending);
    let answer!: (yes: boolean) => void;
    await withAutofill(() => new Promise(resolve => (answer = resolve)), async () => {
      const { el } = await mount(html`<verify-passkey conditional .provider=${provider}></verify-passkey>`);
      await until(el, () => Boolean(answer), 'the question to the browser');
      el.remove();
      answer(true);
      await new Promise(r => setTimeout(r, 50));
      expect(calls.map(c => c.path)).to.deep.equal([]);
    });
  });

  it('autofill: a browser that refuses the autofill request (NotAllowedError) shows no failure; the button still signs in', async () => {
    const { provider } = server();
    stub('get', o => (o.mediation === 'conditional' ? Promise.reject(new DOMException('refused', 'NotAllowedError')) : Promise.resolve(fakeCredential)));
    await withAutofill(async () => true, async () => {
      const { el } = await mount(html`<verify-passkey conditional .provider=${provider}></verify-passkey>`);
      let errors = 0;
      el.addEventListener('verify-passkey-error', () => errors++);
      await new Promise(r => setTimeout(r, 50));
      await el.updateComplete;
      expect(errors).to.equal(0);
      expect(part(el, 'error')?.textContent ?? '').to.equal('');
      const signedIn = next(el, 'verify-passkey-signed-in');
      button(el)!.click();
      await signedIn;
    });
  });

  it('put back on the page after signing in, it is ready again: its button shows, and its autofill asks again', async () => {
    const { provider } = server();
    const requests = stub('get', o => (o.mediation === 'conditional' ? pending(o) : Promise.resolve(fakeCredential)));
    await withAutofill(async () => true, async () => {
      const { root } = await mount(html`<div><verify-passkey conditional .provider=${provider}></verify-passkey></div>`);
      const el = root.querySelector('verify-passkey')!;
      await until(el, () => requests.length === 1, 'the autofill request');
      const signedIn = next(el, 'verify-passkey-signed-in');
      button(el)!.click();
      await signedIn;
      await el.updateComplete;
      expect(button(el), 'no button once signed in').to.equal(null);
      el.remove();
      root.append(el);
      await el.updateComplete;
      expect(button(el)?.textContent?.trim()).to.equal('Sign in with a passkey');
      await until(el, () => requests.length === 3, 'a new autofill request');
      expect(requests[2].mediation).to.equal('conditional');
    });
  });

  it('put back on the page after a cancelled attempt, it is ready again: no old error, its first button', async () => {
    const { provider } = server();
    stub('get', domError('NotAllowedError'));
    const { root } = await mount(html`<div><verify-passkey .provider=${provider}></verify-passkey></div>`);
    const el = root.querySelector('verify-passkey')!;
    const failed = next(el, 'verify-passkey-error');
    button(el)!.click();
    await failed;
    await el.updateComplete;
    expect(button(el)!.textContent).to.equal('Try again');
    el.remove();
    root.append(el);
    await el.updateComplete;
    expect(part(el, 'error')?.textContent ?? '', 'the old error is gone').to.equal('');
    expect(button(el)?.textContent?.trim()).to.equal('Sign in with a passkey');
  });

  it('focus() on the element focuses its button', async () => {
    const { provider } = server();
    const { el } = await mount(html`<verify-passkey mode="register" .provider=${provider}></verify-passkey>`);
    el.focus();
    // Compared as booleans: a failing comparison of two elements makes chai walk the whole DOM.
    expect(el.shadowRoot!.activeElement === button(el), 'the button has focus').to.equal(true);
  });

});

describe('<verify-passkey> in a browser without WebAuthn', () => {
  it('an unsupported browser: says so, offers no button, and fires verify-passkey-unsupported for the page to fall back', async () => {
    // Where the engine has WebAuthn, it is taken away for this test (WebKitGTK has none to take).
    const descriptor = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    delete (window as unknown as Record<string, unknown>).PublicKeyCredential;
    try {
      const host = document.createElement('div');
      const unsupported = next(host, 'verify-passkey-unsupported');
      host.innerHTML = '<verify-passkey mode="register" url="/x"></verify-passkey>';
      document.body.append(host);
      expect((await unsupported).detail).to.deep.equal({ mode: 'register' });
      const el = host.firstElementChild as VerifyPasskey;
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain('cannot use passkeys');
      expect(button(el)).to.equal(null);
      host.remove();
    } finally {
      if (descriptor) Object.defineProperty(window, 'PublicKeyCredential', descriptor);
    }
  });});

describe('the JSON fallback (browsers without PublicKeyCredential.parse*FromJSON / toJSON)', () => {
  it('turns the base64url fields of creation and request options into bytes', () => {
    const creation = parseCreationOptions(CREATION);
    expect([...new Uint8Array(creation.challenge as ArrayBuffer)]).to.deep.equal([1, 2, 3, 250]);
    expect([...new Uint8Array(creation.user.id as ArrayBuffer)]).to.deep.equal([9, 9]);
    expect([...new Uint8Array(creation.excludeCredentials![0].id as ArrayBuffer)]).to.deep.equal([7, 7, 7]);
    expect(creation.rp).to.deep.equal(CREATION.rp);
    const request = parseRequestOptions(REQUEST);
    expect([...new Uint8Array(request.challenge as ArrayBuffer)]).to.deep.equal([4, 5, 6]);
  });

  it('gives the same bytes as the native parse where the browser has it', function () {
    if (noWebAuthn || typeof PublicKeyCredential.parseCreationOptionsFromJSON !== 'function') this.skip();
    const native = PublicKeyCredential.parseCreationOptionsFromJSON(CREATION);
    const ours = parseCreationOptions(CREATION);
    expect(new Uint8Array(ours.challenge as ArrayBuffer)).to.deep.equal(new Uint8Array(native.challenge as ArrayBuffer));
    expect(new Uint8Array(ours.user.id as ArrayBuffer)).to.deep.equal(new Uint8Array(native.user.id as ArrayBuffer));
  });

  it('turns an assertion into AuthenticationResponseJSON', () => {
    const bytes = (...b: number[]) => new Uint8Array(b).buffer;
    const assertion = {
      id: 'AQI',
      rawId: bytes(1, 2),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      getClientExtensionResults: () => ({}),
      response: { clientDataJSON: bytes(123, 125), authenticatorData: bytes(5), signature: bytes(6, 7), userHandle: bytes(8) },
    } as unknown as PublicKeyCredential;
    expect(credentialToJSON(assertion)).to.deep.equal({
      id: 'AQI',
      rawId: 'AQI',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: { clientDataJSON: 'e30', authenticatorData: 'BQ', signature: 'Bgc', userHandle: 'CA' },
    });
  });
});
