// Registration and sign-in as users do them: a real browser's WebAuthn with a virtual authenticator,
// the site's endpoints (test/support/passkey-endpoint-plugin.mjs) and the emulator's Passkeys API,
// which verifies attestation, assertion and sign counter for real.
import { expect, html } from '@open-wc/testing';
import { newIdentity } from '../../support/verify-backend.js';
import { PLATFORM, authenticator, button, mount, next, part, passkeySession, title, until, type VerifyPasskey } from './helpers.js';

type Credential = { credentialId: string; signCount: number };

const register = async () => {
  const { el } = await mount(html`<verify-passkey mode="register" url="/test-passkeys"></verify-passkey>`);
  const registered = next(el, 'verify-passkey-registered');
  button(el)!.click();
  return { el, detail: (await registered).detail };
};

const signIn = async (template = html`<verify-passkey url="/test-passkeys"></verify-passkey>`) => {
  const { el } = await mount(template);
  const outcome = Promise.race([next(el, 'verify-passkey-signed-in'), next(el, 'verify-passkey-error')]);
  button(el)!.click();
  return { el, event: await outcome };
};

const failure = async (el: VerifyPasskey) => {
  const error = next(el, 'verify-passkey-error');
  button(el)!.click();
  return (await error).detail;
};

describe('<verify-passkey> with a virtual authenticator', function () {
  this.timeout(20_000);
  let unsupported: string | undefined;
  let id: string | undefined;

  before(async () => {
    // Probes the engine's driver once; where it has no virtual authenticator, every test says why it skips.
    const probe = await authenticator<{ id?: string; unsupported?: string }>({ action: 'add', options: PLATFORM });
    unsupported = probe.unsupported;
    if (probe.id) await authenticator({ action: 'remove', id: probe.id });
  });

  beforeEach(async function () {
    if (unsupported) {
      console.info(`Skipped: ${unsupported} The element's calls are covered in seams.test.ts with navigator.credentials stubbed.`);
      this.skip();
    }
    id = (await authenticator<{ id: string }>({ action: 'add', options: PLATFORM })).id;
  });

  afterEach(async () => {
    if (id) await authenticator({ action: 'remove', id });
    id = undefined;
  });

  it('registers a passkey: the emulator verifies the attestation and the authenticator holds it', async () => {
    await passkeySession(newIdentity());
    const { el, detail } = await register();
    expect(detail.factorSid).to.match(/^YF[0-9a-f]{32}$/);
    expect(detail.status).to.equal('verified');
    await el.updateComplete;
    expect(title(el)).to.equal('Your passkey was added.');
    expect(await authenticator<Credential[]>({ action: 'credentials', id })).to.have.length(1);
  });

  it('signs in with the passkey, without a user name (discoverable), and with one', async () => {
    const identity = newIdentity();
    await passkeySession(identity);
    await register();
    const first = await signIn();
    expect(first.event.type).to.equal('verify-passkey-signed-in');
    expect((first.event as CustomEvent).detail).to.deep.equal({ identity, status: 'approved' });
    expect(title(first.el)).to.equal('You are signed in.');
    const named = await signIn(html`<verify-passkey url="/test-passkeys" identity=${identity}></verify-passkey>`);
    expect((named.event as CustomEvent).detail.identity).to.equal(identity);
  });

  it('offers the passkey in autofill of the user-name field (conditional mediation) and signs in from there', async () => {
    const identity = newIdentity();
    await passkeySession(identity);
    await register();
    const { root } = await mount(html`<form><input id="user" autocomplete="username webauthn" /><verify-passkey conditional for="user" url="/test-passkeys"></verify-passkey></form>`);
    const el = root.querySelector('verify-passkey')!;
    const signedIn = next(el, 'verify-passkey-signed-in');
    // The virtual authenticator answers the autofill's request as a user picking the passkey would.
    root.querySelector('input')!.focus();
    expect((await signedIn).detail.identity).to.equal(identity);
    await until(el, () => title(el) === 'You are signed in.');
  });

  it('stops its autofill request when the element leaves the page: the gone element does not race the next sign-in for the passkey', async () => {
    const identity = newIdentity();
    await passkeySession(identity);
    await register();
    const { root } = await mount(html`<div><input id="u2" autocomplete="username webauthn" /><verify-passkey conditional for="u2" url="/test-passkeys"></verify-passkey></div>`);
    const first = root.querySelector('verify-passkey')!;
    first.remove();
    const { event } = await signIn();
    expect(event.type, JSON.stringify((event as CustomEvent).detail)).to.equal('verify-passkey-signed-in');
  });

  it('says the user was not verified when the site requires it and the authenticator did not verify them', async () => {
    await passkeySession(newIdentity(), 'required');
    await authenticator({ action: 'user-verified', id, value: false });
    const { el } = await mount(html`<verify-passkey mode="register" url="/test-passkeys"></verify-passkey>`);
    const detail = await failure(el);
    expect(detail.reason).to.equal('cancelled');
    expect(part(el, 'error')!.textContent).to.contain('you were not verified');
    expect(button(el)!.textContent).to.equal('Try again');
  });

  it('says this authenticator already holds a passkey for the user (InvalidStateError)', async () => {
    await passkeySession(newIdentity());
    await register();
    const { el } = await mount(html`<verify-passkey mode="register" url="/test-passkeys"></verify-passkey>`);
    const detail = await failure(el);
    expect(detail).to.include({ reason: 'already-registered', mode: 'register', autofill: false });
    expect(part(el, 'error')!.textContent).to.contain('already has a passkey');
  });

  it('is refused by the emulator when a cloned authenticator replays an old sign counter', async () => {
    const identity = newIdentity();
    await passkeySession(identity);
    await register();
    const [snapshot] = await authenticator<Credential[]>({ action: 'credentials', id });
    expect((await signIn()).event.type).to.equal('verify-passkey-signed-in');
    // The clone: the same key with the counter it had before that sign-in.
    await authenticator({ action: 'remove', id });
    id = (await authenticator<{ id: string }>({ action: 'add', options: PLATFORM })).id;
    await authenticator({ action: 'add-credential', id, credential: snapshot });
    const { el, event } = await signIn();
    expect(event.type).to.equal('verify-passkey-error');
    const detail = (event as CustomEvent).detail;
    expect(detail.reason).to.equal('backend');
    expect(detail.code).to.be.greaterThan(0);
    expect(title(el)).to.equal('The passkey was not used.');
  });
});
