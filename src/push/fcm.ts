/**
 * `verify-elements/push/fcm`: web pushes through Firebase Cloud Messaging. The only module that
 * loads firebase, and only on first use (dynamic import), so pages that never enroll with FCM
 * never download it. Importing it also registers it for `<verify-enroll transport="fcm">`. The site's service worker handles background pushes with `verify-elements/sw`.
 * @module
 */
import type { FirebaseOptions } from 'firebase/app';
import type { Messaging } from 'firebase/messaging';
import { INITIALIZATION_ERROR, NETWORK_ERROR } from '../protocol/codes.js';
import type { ChallengePush, Factor, PushConfig, PushTransport, PushTransportError } from '../client/types.js';
import { emitter, subscribers } from './emitter.js';
import type { FcmTransportOptions, FirebaseConfig } from './fcm-options.js';
import { PushError, SW_MESSAGE_SOURCE } from './payload.js';
import { registerPushTransport } from './registry.js';

export type { FcmTransportOptions };

// The kit's FirebaseConfig (declared without firebase) is firebase's FirebaseOptions, key for key:
// a field firebase adds, drops or retypes fails this line at build.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
true satisfies Exactly<keyof FirebaseConfig, keyof FirebaseOptions> & Exactly<FirebaseConfig, FirebaseOptions>;

// Its own app name, so that the site's default Firebase app stays as the site set it up.
const APP_NAME = 'verify-elements';

const blocked = () =>
  new PushError('permission-denied', 'Notifications are blocked for this site, so no push can arrive; enroll with the polling transport instead.', INITIALIZATION_ERROR);

export function fcmTransport(options: FcmTransportOptions): PushTransport {
  const errors = emitter<[PushTransportError]>();
  const tokens = emitter<[string, PushConfig]>();
  const factors = subscribers(errors.emit);
  let loaded: Promise<{ messaging: Messaging; getToken: typeof import('firebase/messaging').getToken }> | undefined;
  let registration: Promise<ServiceWorkerRegistration | undefined> | undefined;

  const load = () =>
    (loaded ??= (async () => {
      const [{ initializeApp }, fm] = await Promise.all([import('firebase/app'), import('firebase/messaging')]);
      if (!(await fm.isSupported())) {
        throw new PushError('unsupported', 'This browser cannot receive web pushes; use the polling transport.', INITIALIZATION_ERROR);
      }
      const messaging = fm.getMessaging(initializeApp(options.firebaseConfig, APP_NAME));
      // Foreground pushes: firebase's worker code posts them to visible windows.
      fm.onMessage(messaging, payload => factors.deliver(payload));
      // What verify-elements/sw hands open tabs (a worker without firebase, or a notification click).
      navigator.serviceWorker.addEventListener('message', event => {
        if (event.data?.source === SW_MESSAGE_SOURCE) factors.deliver(event.data);
      });
      return { messaging, getToken: fm.getToken };
    })().catch(error => {
      loaded = undefined; // a failed chunk download may work next time
      throw error;
    }));

  // Without a registration firebase would register its own /firebase-messaging-sw.js.
  const worker = ({ serviceWorkerRegistration: given, serviceWorkerUrl: url } = options) =>
    given || !url
      ? given
      : (registration ??= navigator.serviceWorker.register(url).catch((error: Error) => {
          registration = undefined; // a deploy in progress or a flaky network: the next call tries again
          throw new PushError(
            'service-worker-failed',
            `The service worker ${url} could not be registered (${error.message}); serve it from this origin as JavaScript.`,
            INITIALIZATION_ERROR,
          );
        }));

  async function currentToken(): Promise<string> {
    const { messaging, getToken } = await load();
    const serviceWorkerRegistration = await worker();
    try {
      return await getToken(messaging, { vapidKey: options.vapidKey, serviceWorkerRegistration });
    } catch (error) {
      throw new PushError('token-failed', `Firebase gave no push token (${(error as Error).message}).`, NETWORK_ERROR);
    }
  }

  return {
    /** Asks for notification permission (call it from a click), then FCM's token for this browser. */
    async register(): Promise<PushConfig> {
      await load();
      if ((await Notification.requestPermission()) !== 'granted') throw blocked();
      return { platform: 'fcm', token: await currentToken() };
    },

    subscribe(factor: Factor, onPayload: (payload: ChallengePush) => void) {
      const remove = factors.add(factor.sid, onPayload);
      let active = true;
      // FCM rotates tokens; getToken returns the current one, and a factor still on an old one must move.
      (async () => {
        await load();
        if (Notification.permission !== 'granted') throw blocked();
        const token = await currentToken();
        if (active && factor.push.platform === 'fcm' && token !== factor.push.token) tokens.emit(factor.sid, { platform: 'fcm', token });
      })().catch(error => errors.emit(error instanceof PushError ? error : new PushError('load-failed', `Firebase could not be loaded (${(error as Error).message}).`, NETWORK_ERROR)));
      return () => {
        active = false;
        remove();
      };
    },

    onError: errors.on,
    onTokenChange: tokens.on,
  };
}

// Importing this entry is what lets <verify-enroll transport="fcm"> use it: an app that never
// imports it never makes a bundler look for firebase.
registerPushTransport('fcm', fcmTransport);
