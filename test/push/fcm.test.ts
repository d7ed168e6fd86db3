import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ChallengePush, Factor, PushTransportError } from '../../src/client/index.js';
import { fcmTransport } from '../../src/push/fcm.js';
import { pushData } from '../../src/push/payload.js';
import { firebaseConfig } from './firebase-config.js';
import { HOSTILE, sleep, until } from './helpers.js';

const sw = (action: string, extra: Record<string, unknown> = {}) => executeServerCommand('push-sw', { action, ...extra }) as Promise<any>;
const CHROMIUM = navigator.userAgent.includes('Chrome/');
const hex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
const challengeData = (factorSid: string, message = 'Sign in to Example?') => pushData({ factorSid, challengeSid: `YC${hex()}`, message });
/** What FCM delivers to a web push subscription for a data message (no `notification` key). */
const fcmPush = (data: unknown) => ({ data, from: '1234567890', priority: 'high', fcmMessageId: crypto.randomUUID() });

describe('FCM seam: firebase messaging fed real push events (Chromium)', function () {
  this.timeout(20_000);
  before(function () {
    // Firefox and WebKit here have no DevTools-protocol push delivery (ServiceWorker.deliverPushMessage).
    if (!CHROMIUM) this.skip();
  });

  describe('foreground: a window of the app is open', () => {
    const factor = { sid: `YF${hex()}`, push: { platform: 'fcm', token: 'enrolled-token' } } as Factor;
    let registration: ServiceWorkerRegistration;
    let scope: string;

    before(async function () {
      if (!CHROMIUM) this.skip();
      await sw('grant', { origin: location.origin });
      registration = await navigator.serviceWorker.register('/__push-sw/fcm-sw.js');
            await until(() => registration.active?.state === 'activated', 'the worker');
      scope = registration.scope;
    });

    it("delivers firebase's onMessage pushes to the factor's subscriber, message verbatim", async () => {
      const transport = fcmTransport({ firebaseConfig, vapidKey: 'test-vapid-key', serviceWorkerRegistration: registration });
      const pushes: ChallengePush[] = [];
      const errors: PushTransportError[] = [];
      transport.onError!(error => errors.push(error));
      const stop = transport.subscribe(factor, p => pushes.push(p));
      // No FCM server here: getToken fails, reported (not thrown) once firebase has loaded and onMessage listens.
      await until(() => errors.some(e => e.reason === 'token-failed'), 'the token check');
      expect(errors[0].code).to.equal(60401);
      const data = challengeData(factor.sid, HOSTILE);
      await sw('deliver', { scope, data: fcmPush(data) });
      await until(() => pushes.length === 1, 'the push through onMessage');
      expect(pushes[0]).to.deep.equal({ factorSid: factor.sid, challengeSid: data.challenge_sid, message: HOSTILE });
      // Malformed, foreign, and for another factor: reported, not delivered, nothing thrown.
      await sw('deliver', { scope, data: fcmPush({ ...data, challenge_sid: 'YC-nope' }) });
      await sw('deliver', { scope, data: fcmPush({ type: 'chat_message', text: 'hi' }) });
      await sw('deliver', { scope, data: fcmPush(challengeData(`YF${hex()}`)) });
      const reasons = () => errors.map(e => e.reason).filter(r => r !== 'token-failed');
      await until(() => reasons().length === 3, 'three reports');
      expect(reasons()).to.deep.equal(['bad-challenge-sid', 'not-a-challenge', 'unknown-factor']);
      expect(pushes).to.have.length(1);
      stop();
    });
  });

  it('reports a service worker that cannot be registered, and registers it on the next try', async () => {
    await sw('grant', { origin: location.origin });
    // Its own scope, so the other suites' worker under /__push-sw/ is left alone.
    const url = `/__push-sw/flaky/sw?once=${hex()}`;
    const transport = fcmTransport({ firebaseConfig, vapidKey: 'test-vapid-key', serviceWorkerUrl: url });
    const first = await transport.register!().catch(error => error);
    expect(first.reason).to.equal('service-worker-failed');
    expect(first.code).to.equal(60406);
    expect(first.message).to.contain(url).and.contain('serve it from this origin as JavaScript');
    // Now the worker is served: registering succeeds and only the token (no FCM server here) fails.
    const second = await transport.register!().catch(error => error);
    expect(second.reason).to.equal('token-failed');
    const registration = await navigator.serviceWorker.getRegistration(url);
    expect(registration?.active ?? registration?.installing ?? registration?.waiting).to.exist;
    await registration?.unregister();
  });

  describe('background: no window of the app is open', () => {
    let origin: string;
    before(async function () {
      if (!CHROMIUM) this.skip();
      ({ origin } = await sw('other-origin'));
    });
    const inWorker = (name: string, ...args: unknown[]) => sw('in-worker', { origin, name, args });
    /**
     * Delivers a push to the worker and waits until our handler is done with it. (Reading the
     * notifications while Chromium still shows one can leave them unlisted for good.)
     */
    async function push(data: unknown) {
      const before = await inWorker('handled');
      await sw('deliver', { scope: `${origin}/__push-sw/`, data: fcmPush(data) });
      for (const end = Date.now() + 5000; (await inWorker('handled')) === before; await sleep(50)) {
        if (Date.now() > end) throw new Error('the worker did not handle the push');
      }
    }
    const shownFor = async (tag: string) => (await inWorker('notifications')).filter((n: { tag: string }) => n.tag === tag);

    it('shows a notification with the message; a click opens the app at the challenge', async () => {
      const data = challengeData(`YF${hex()}`, HOSTILE);
      await push(data);
      expect(await shownFor(data.challenge_sid)).to.deep.equal([{ title: HOSTILE, tag: data.challenge_sid, data, requireInteraction: true }]);
      const { done, closed } = await inWorker('click', data.challenge_sid);
      expect(closed).to.equal(true);
      expect(done).to.deep.equal([`open ${origin}/__push-sw/approve.html?challenge=${data.challenge_sid}&factor=${data.factor_sid}`]);
    });

    it('a click with a tab of the app open focuses it and hands it the challenge', async () => {
      const data = challengeData(`YF${hex()}`);
      await push(data);
      expect(await shownFor(data.challenge_sid)).to.have.length(1);
      await sw('open-window', { origin });
      const { done } = await inWorker('click', data.challenge_sid);
      expect(done).to.deep.equal([`focus ${origin}/__push-sw/host.html`]);
      expect(await sw('window-messages', { origin })).to.deep.equal([{ source: 'verify-elements', data }]);
    });

    it('ignores and reports a malformed push: no notification', async () => {
      await inWorker('errors');
      const before = (await inWorker('notifications')).length;
      await push({ type: 'verify_push_challenge', factor_sid: 'YF1', challenge_sid: 'YC1', message: 'x' });
      expect(await inWorker('errors')).to.deep.equal(['bad-factor-sid']);
      expect((await inWorker('notifications')).length).to.equal(before);
    });
  });
});
