// The test service worker (bundled by test/support/push-plugin.mjs): firebase's own worker code,
// wired to verify-elements/sw as its docs say, plus `self.test` for the plugin to read and drive.
import { initializeApp } from 'firebase/app';
import { getMessaging, onBackgroundMessage } from 'firebase/messaging/sw';
import { handleNotificationClick, handlePush, type VerifyWorkerOptions } from '../../src/sw/index.js';
import { firebaseConfig } from './firebase-config.js';

const scope = self as any;
const errors: string[] = [];
const options: VerifyWorkerOptions = { url: 'approve.html', onError: error => errors.push(error.reason) };

let handled = 0;
onBackgroundMessage(getMessaging(initializeApp(firebaseConfig)), payload => handlePush(payload, options).finally(() => handled++));
scope.addEventListener('notificationclick', (event: any) => {
  const handled = handleNotificationClick(event, options);
  if (handled) event.waitUntil(handled);
});

scope.test = {
  errors: () => errors.splice(0),
  handled: () => handled,
  async notifications() {
    const shown: Notification[] = await scope.registration.getNotifications();
    return shown.map(n => ({ title: n.title, tag: n.tag, data: n.data, requireInteraction: n.requireInteraction }));
  },
  /**
   * Clicks the notification with `tag` as the browser would. Opening and focusing windows need a
   * real click's user activation, so they are recorded instead of done.
   */
  async click(tag: string) {
    const [notification] = await scope.registration.getNotifications({ tag });
    const done: string[] = [];
    scope.Clients.prototype.openWindow = async (url: string) => (done.push(`open ${url}`), null);
    scope.WindowClient.prototype.focus = async function (this: { url: string }) {
      done.push(`focus ${this.url}`);
      return this;
    };
    await handleNotificationClick({ notification, waitUntil() {} }, options);
    const left: Notification[] = await scope.registration.getNotifications({ tag });
    return { done, closed: left.length === 0 };
  },
};
