import { expect, html } from '@open-wc/testing';
import { VerifyEnrolledEvent, VerifyErrorEvent, VerifyUnenrolledEvent } from '../../../src/elements/verify-enroll/events.js';
import { Backend, newIdentity } from '../../support/verify-backend.js';
import { emulator } from '../../support/emulator.js';
// transport="fcm" is registered by importing its entry, as apps do.
import '../../../src/push/fcm.js';
import { announced, button, emptyKeyStore, mount, next, part, provider, remoteFactors, steps, stubPermission, title, tokenSession, until } from './helpers.js';

describe('<verify-enroll> against the emulator', function () {
  this.timeout(20_000);
  let backend: Backend;
  let identity: string;

  before(async () => {
    backend = await Backend.create(await emulator());
  });
  beforeEach(async () => {
    identity = newIdentity();
    await emptyKeyStore();
  });

  it('enrolls with a tokenProvider (polling): every step done, verify-enrolled, a verified factor on the emulator', async () => {
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl}></verify-enroll>`);
    el.tokenProvider = provider(backend, identity);
    expect(title(el)).to.equal('Approve sign-ins on this browser');
    const enrolled = next(el, 'verify-enrolled');
    button(el)!.click();
    const event = await enrolled;
    expect(event).to.be.instanceOf(VerifyEnrolledEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(Object.keys(event.detail).sort()).to.deep.equal(['factorSid', 'identity', 'platform']);
    expect(event.detail.identity).to.equal(identity);
    expect(event.detail.platform).to.equal('none');
    await el.updateComplete;
    // No permission step: polling needs no notifications.
    expect(steps(el)).to.deep.equal([
      ['Create a key for this browser', 'done'],
      ['Register this browser', 'done'],
      ['Verify the key', 'done'],
    ]);
    expect(title(el)).to.equal('This browser is enrolled for sign-in approvals.');
    expect(announced(el)).to.equal('This browser is enrolled for sign-in approvals.');
    expect(button(el)!.textContent).to.equal('Remove this browser');

    const [factor, ...others] = await remoteFactors(backend, identity);
    expect(others).to.have.length(0);
    expect([factor.sid, factor.status, factor.config.notification_platform]).to.deep.equal([event.detail.factorSid, 'verified', 'none']);
    expect(factor.friendly_name).to.match(/^\S.* on \S|^(Chrome|Firefox|Safari|Edge|Opera|Browser)$/);
    // The client it enrolled with, for <verify-challenge-prompt>.
    expect((await el.client!.listFactors()).map(f => f.sid)).to.deep.equal([factor.sid]);
  });

  it('gets its token from token-url: a credentialed POST to the site, as the sample-backend contract says', async () => {
    await tokenSession(backend, identity);
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} token-url="/test-token" friendly-name="Work laptop"></verify-enroll>`);
    const enrolled = next(el, 'verify-enrolled');
    button(el)!.click();
    const { detail } = await enrolled;
    const [factor] = await remoteFactors(backend, identity);
    expect([factor.sid, factor.status, factor.friendly_name]).to.deep.equal([detail.factorSid, 'verified', 'Work laptop']);
  });

  it('finds this browser enrolled for the identity and removes it: verify-unenrolled, gone on the emulator and locally', async () => {
    const first = await mount(html`<verify-enroll api-base=${backend.baseUrl}></verify-enroll>`);
    first.el.tokenProvider = provider(backend, identity);
    const enrolled = next(first.el, 'verify-enrolled');
    button(first.el)!.click();
    const { factorSid } = (await enrolled).detail;

    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
    expect(title(el)).to.equal('This browser is enrolled for sign-in approvals.');
    expect(part(el, 'steps')).to.equal(null);
    const unenrolled = next(el, 'verify-unenrolled');
    button(el)!.click();
    const event = await unenrolled;
    expect(event).to.be.instanceOf(VerifyUnenrolledEvent);
    expect(event.detail).to.deep.equal({ factorSid });
    await el.updateComplete;
    expect(part(el, 'notice')!.textContent).to.equal('This browser was removed. It no longer receives sign-in requests.');
    expect(button(el)!.textContent).to.equal('Enroll this browser');
    expect(await remoteFactors(backend, identity)).to.deep.equal([]);
    expect(await el.client!.listFactors()).to.deep.equal([]);
  });

  it('does not take another identity\'s enrollment in this browser for its own', async () => {
    const other = newIdentity();
    const first = await mount(html`<verify-enroll api-base=${backend.baseUrl} .tokenProvider=${provider(backend, other)}></verify-enroll>`);
    const enrolled = next(first.el, 'verify-enrolled');
    button(first.el)!.click();
    await enrolled;
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
    expect(button(el)!.textContent).to.equal('Enroll this browser');
  });

  it('reports a failing token endpoint as verify-error (step "token") with a readable message; Retry enrolls', async () => {
    await tokenSession(backend, identity, 500);
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} token-url="/test-token"></verify-enroll>`);
    const failed = next(el, 'verify-error');
    button(el)!.click();
    const event = await failed;
    expect(event).to.be.instanceOf(VerifyErrorEvent);
    const { detail } = event as VerifyErrorEvent;
    expect(detail).to.deep.equal({ code: 60407, message: "The site's server refused an enrollment token (HTTP 500).", step: 'token' });
    await el.updateComplete;
    expect(title(el)).to.equal('Enrolling did not finish.');
    expect(part(el, 'error')!.textContent).to.equal(detail.message);
    expect(announced(el)).to.equal(`Enrolling did not finish. ${detail.message}`);
    expect(button(el)!.textContent).to.equal('Try again');

    await tokenSession(backend, identity);
    const enrolled = next(el, 'verify-enrolled');
    button(el)!.click();
    await enrolled;
    expect((await remoteFactors(backend, identity)).map(f => f.status)).to.deep.equal(['verified']);
  });

  it('reports an unreachable token endpoint with code 60401', async () => {
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} token-url="http://127.0.0.1:1/token"></verify-enroll>`);
    const failed = next(el, 'verify-error');
    button(el)!.click();
    const { detail } = (await failed) as VerifyErrorEvent;
    expect([detail.code, detail.step]).to.deep.equal([60401, 'token']);
    expect(detail.message).to.equal("The site's server did not answer (http://127.0.0.1:1/token).");
  });

  it('marks the failed step when verifying fails, and Retry verifies the same factor instead of creating another', async () => {
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
    await backend.faults({ status: 403, count: 1, path: '/Factors/YF' });
    const failed = next(el, 'verify-error');
    button(el)!.click();
    const { detail } = (await failed) as VerifyErrorEvent;
    expect(detail.step).to.equal('verify');
    expect(detail.message).to.contain('Injected fault');
    await el.updateComplete;
    expect(steps(el).map(([, state]) => state)).to.deep.equal(['done', 'done', 'failed']);

    const enrolled = next(el, 'verify-enrolled');
    button(el)!.click();
    const { factorSid } = (await enrolled).detail;
    const remote = await remoteFactors(backend, identity);
    expect(remote.map(f => [f.sid, f.status])).to.deep.equal([[factorSid, 'verified']]);
  });

  describe('notification permission', () => {
    let restore: (() => void) | undefined;
    afterEach(() => restore?.());

    it('falls back to polling when the user denies notifications, and says so', async function () {
      if (typeof Notification === 'undefined') this.skip();
      restore = stubPermission('default', 'denied');
      const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} transport="emulator" .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
      const enrolled = next(el, 'verify-enrolled');
      button(el)!.click();
      const { detail } = await enrolled;
      expect(detail.platform).to.equal('none');
      await el.updateComplete;
      expect(steps(el)[0]).to.deep.equal(['Allow notifications', 'done']);
      expect(part(el, 'notice')!.textContent).to.equal(
        'This browser gets no notifications from this site, so it checks for sign-in requests while the page is open.',
      );
      const [factor] = await remoteFactors(backend, identity);
      expect([factor.status, factor.config.notification_platform]).to.deep.equal(['verified', 'none']);
    });

    it('enrolls with the transport\'s push token when notifications are allowed', async function () {
      if (typeof Notification === 'undefined') this.skip();
      restore = stubPermission('default', 'granted');
      const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} transport="emulator" .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
      const enrolled = next(el, 'verify-enrolled');
      button(el)!.click();
      expect((await enrolled).detail.platform).to.equal('fcm');
      expect(part(el, 'notice')).to.equal(null);
      const [factor] = await remoteFactors(backend, identity);
      expect(factor.config.notification_platform).to.equal('fcm');
    });

    it('falls back to polling when notifications are allowed but the browser has no push service (FCM unsupported)', async function () {
      if (typeof Notification === 'undefined') this.skip();
      restore = stubPermission('default', 'granted');
      // What firebase's isSupported() finds in Electron or Safari outside a home-screen app: no PushManager.
      const pushManager = Object.getOwnPropertyDescriptor(window, 'PushManager');
      delete (window as { PushManager?: unknown }).PushManager;
      const restorePermission = restore;
      restore = () => (restorePermission(), pushManager && Object.defineProperty(window, 'PushManager', pushManager));
      const fcmOptions = { firebaseConfig: { apiKey: 'test', projectId: 'test', appId: '1:1:web:1', messagingSenderId: '1' }, vapidKey: 'test' };
      const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} transport="fcm" .fcmOptions=${fcmOptions} .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
      const enrolled = next(el, 'verify-enrolled');
      button(el)!.click();
      expect((await enrolled).detail.platform).to.equal('none');
      await el.updateComplete;
      expect(part(el, 'notice')!.textContent).to.contain('checks for sign-in requests while the page is open');
      const [factor] = await remoteFactors(backend, identity);
      expect([factor.status, factor.config.notification_platform]).to.deep.equal(['verified', 'none']);
    });

    it('does not ask again once notifications are blocked', async function () {
      if (typeof Notification === 'undefined') this.skip();
      restore = stubPermission('denied');
      let asked = false;
      Notification.requestPermission = async () => ((asked = true), 'denied');
      const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl} transport="emulator" .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
      const enrolled = next(el, 'verify-enrolled');
      button(el)!.click();
      expect((await enrolled).detail.platform).to.equal('none');
      expect(asked).to.equal(false);
    });
  });

  it('takes a ready client, and its strings can be replaced', async () => {
    const { createVerifyPushClient, createIndexedDbStore } = await import('../../../src/client/index.js');
    const client = createVerifyPushClient({ baseUrl: backend.baseUrl, storage: createIndexedDbStore({ name: `verify-enroll-test-${crypto.randomUUID()}` }) });
    const { el } = await mount(html`<verify-enroll api-base="http://127.0.0.1:1/v2/" .client=${client} .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
    el.strings = { enroll: 'Registra questo browser', steps: { permission: 'Consenti le notifiche', key: 'Crea una chiave', register: 'Registra', verify: 'Verifica' } };
    await el.updateComplete;
    expect(button(el)!.textContent).to.equal('Registra questo browser');
    const enrolled = next(el, 'verify-enrolled');
    button(el)!.click();
    const { factorSid } = (await enrolled).detail;
    expect(el.client).to.equal(client);
    expect((await client.listFactors()).map(f => f.sid)).to.deep.equal([factorSid]);
    expect(steps(el).map(([name]) => name)).to.deep.equal(['Crea una chiave', 'Registra', 'Verifica']);
  });

  it('fails the load check visibly when it has no way to get a token, and retries it', async () => {
    const first = await mount(html`<verify-enroll api-base=${backend.baseUrl} .tokenProvider=${provider(backend, identity)}></verify-enroll>`);
    const enrolled = next(first.el, 'verify-enrolled');
    button(first.el)!.click();
    await enrolled;
    // A browser with factors asks for a token on load, to know whose they are.
    const { el } = await mount(html`<verify-enroll api-base=${backend.baseUrl}></verify-enroll>`);
    expect(part(el, 'error')!.textContent).to.equal('<verify-enroll> needs token-url or tokenProvider.');
    el.tokenProvider = provider(backend, identity);
    button(el)!.click();
    await until(el, () => title(el) === 'This browser is enrolled for sign-in approvals.');
  });
});
