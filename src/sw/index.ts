/**
 * `verify-elements/sw`: challenge pushes in the site's service worker. A push posts the challenge
 * to the app's open windows and, unless one of them is visible, shows a notification with its
 * message; a click on it focuses a tab of the app (which is handed the challenge) or opens
 * `url?challenge=YC…&factor=YF…`.
 *
 * Without firebase in the worker (FCM still delivers the push event; `fcmTransport` gets the token):
 *
 * ```js
 * import { listen } from 'verify-elements/sw';
 * listen({ url: '/approve' });
 * ```
 *
 * With firebase's worker code (it posts pushes to visible windows itself, where `fcmTransport`'s
 * `onMessage` takes them, and calls `onBackgroundMessage` otherwise):
 *
 * ```js
 * import { initializeApp } from 'firebase/app';
 * import { getMessaging, onBackgroundMessage } from 'firebase/messaging/sw';
 * import { handleNotificationClick, handlePush } from 'verify-elements/sw';
 * const options = { url: '/approve' };
 * onBackgroundMessage(getMessaging(initializeApp(firebaseConfig)), payload => handlePush(payload, options));
 * self.addEventListener('notificationclick', event => {
 *   const handled = handleNotificationClick(event, options);
 *   if (handled) event.waitUntil(handled);
 * });
 * ```
 *
 * Windows receive `{ source: 'verify-elements', data }` messages on `navigator.serviceWorker`;
 * `fcmTransport` listens for them.
 * @module
 */
import { parsePush, pushData, PushError, SW_MESSAGE_SOURCE } from '../push/payload.js';

export { PushError };

export interface VerifyWorkerOptions {
  /** The app's page for challenges, relative to the worker's scope; a click opens it when no tab of the app is open. */
  url: string;
  /** Keep the notification until the user acts on it; default true. */
  requireInteraction?: boolean;
  /** Pushes that are not well-formed challenges: ignored, and reported here. */
  onError?(error: PushError): void;
}

// The few worker types used here (lib "webworker" cannot join lib "dom" in one program).
interface WindowClient {
  url: string;
  visibilityState: DocumentVisibilityState;
  focus(): Promise<WindowClient>;
  postMessage(message: unknown): void;
}
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  addEventListener(type: 'push', listener: (event: { data: { json(): unknown } | null; waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: ClickEvent) => void): void;
}
interface ClickEvent {
  notification: Notification;
  waitUntil(p: Promise<unknown>): void;
}

declare const self: WorkerScope;

// Uncontrolled windows too: the app's tab may have loaded before the worker took over.
const windows = () => self.clients.matchAll({ type: 'window', includeUncontrolled: true });

/** Handles one push: the push event's JSON, or the payload firebase's `onBackgroundMessage` gives. */
export async function handlePush(payload: unknown, options: VerifyWorkerOptions): Promise<void> {
  const push = parsePush(payload);
  if (push instanceof PushError) return options.onError?.(push);
  const data = pushData(push);
  const open = await windows();
  for (const tab of open) tab.postMessage({ source: SW_MESSAGE_SOURCE, data });
  // A visible tab prompts by itself; anywhere else the user needs the notification.
  if (open.some(tab => tab.visibilityState === 'visible')) return;
  await self.registration.showNotification(push.message, { data, tag: push.challengeSid, requireInteraction: options.requireInteraction ?? true });
}

/**
 * For `notificationclick`: when the notification is a challenge's, closes it and returns the work
 * to pass to `event.waitUntil` (focus a tab of the app and hand it the challenge, or open `url`).
 * Returns undefined for other notifications.
 */
export function handleNotificationClick(event: ClickEvent, options: VerifyWorkerOptions): Promise<void> | undefined {
  const push = parsePush(event.notification.data);
  if (push instanceof PushError) return undefined;
  event.notification.close();
  const url = new URL(options.url, self.registration.scope);
  return (async () => {
    const open = await windows();
    const tab = open.find(w => new URL(w.url).pathname === url.pathname) ?? open[0];
    if (tab) {
      tab.postMessage({ source: SW_MESSAGE_SOURCE, data: pushData(push) });
      await tab.focus();
      return;
    }
    url.searchParams.set('challenge', push.challengeSid);
    url.searchParams.set('factor', push.factorSid);
    await self.clients.openWindow(url.href);
  })();
}

/** Both handlers as this worker's `push` and `notificationclick` listeners (for a worker without firebase). */
export function listen(options: VerifyWorkerOptions): void {
  self.addEventListener('push', event => {
    let payload: unknown;
    try {
      payload = event.data?.json();
    } catch {
      payload = undefined; // not JSON: reported as not an object
    }
    event.waitUntil(handlePush(payload, options));
  });
  self.addEventListener('notificationclick', event => {
    const handled = handleNotificationClick(event, options);
    if (handled) event.waitUntil(handled);
  });
}
