import { fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../../src/elements/verify-enroll/define.js';
import type { EnrollStepState, VerifyEnroll } from '../../../src/elements/verify-enroll/verify-enroll.js';
import { Backend } from '../../support/verify-backend.js';
import { next, untilRendered } from '../../support/wait.js';

export type { VerifyEnroll };

/** Renders a template whose first (or only) `<verify-enroll>` is returned, after its first check of this browser. */
export async function mount(template: TemplateResult) {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'verify-enroll' ? root : root.querySelector('verify-enroll')) as VerifyEnroll;
  await until(el, () => !title(el).endsWith('…'));
  return { root, el };
}

/** Every test starts with an empty key store: the element's client uses the default database. */
export function emptyKeyStore(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase('verify-elements');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

export const part = (el: VerifyEnroll, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const title = (el: VerifyEnroll) => part(el, 'title')?.textContent ?? '';
export const button = (el: VerifyEnroll) => el.shadowRoot!.querySelector('button');
export const announced = (el: VerifyEnroll) => el.shadowRoot!.querySelector('[role="status"]')!.textContent;
/** The steps as shown: `[name, state]`. */
export const steps = (el: VerifyEnroll) =>
  [...el.shadowRoot!.querySelectorAll('[part~="step"]')].map(li => [
    [...li.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim(),
    [...li.part].find(p => p.startsWith('step-'))!.slice(5) as EnrollStepState,
  ]);

/** Waits (up to 10 s) until `ready()` holds after a render. */
export const until = (el: VerifyEnroll, ready: () => boolean, what = 'the element to settle') => untilRendered(el, ready, what, () => `the title says "${title(el)}"`);

export { next };

/** A token provider for `identity` on `backend`, as an app with its own API client would write it. */
export const provider = (backend: Backend, identity: string) => async () => ({ token: await backend.accessToken(identity), serviceSid: backend.serviceSid, identity });

/**
 * Sets up the session behind `token-url="/test-token"` (test/support/token-endpoint-plugin.mjs) and
 * the cookie that names it; `failWith` makes the endpoint answer that HTTP status.
 */
export async function tokenSession(backend: Backend, identity: string, failWith?: number): Promise<void> {
  const session = (document.cookie.match(/test-session=([^;]+)/)?.[1]) ?? crypto.randomUUID();
  document.cookie = `test-session=${session}; path=/`;
  const { baseUrl, accountSid, authToken } = backend.emulator;
  await executeServerCommand('token-endpoint', { session, baseUrl, accountSid, authToken, serviceSid: backend.serviceSid, identity, failWith });
}

/** The factors the emulator holds for `identity`, read with the account credentials. */
export async function remoteFactors(backend: Backend, identity: string): Promise<{ sid: string; status: string; friendly_name: string; config: { notification_platform: string } }[]> {
  return (await backend.api('GET', `Entities/${encodeURIComponent(identity)}/Factors`)).factors;
}

/**
 * Makes `Notification.permission` read `state` and `requestPermission()` answer `answer` (and
 * remember it), the narrowest seam for what the user clicks in the browser's prompt. Returns the undo.
 */
export function stubPermission(state: NotificationPermission, answer: NotificationPermission = state): () => void {
  const permission = Object.getOwnPropertyDescriptor(Notification, 'permission')!;
  const request = Object.getOwnPropertyDescriptor(Notification, 'requestPermission')!;
  let current = state;
  Object.defineProperty(Notification, 'permission', { configurable: true, get: () => current });
  Object.defineProperty(Notification, 'requestPermission', { configurable: true, writable: true, value: async () => (current = answer) });
  return () => {
    Object.defineProperty(Notification, 'permission', permission);
    Object.defineProperty(Notification, 'requestPermission', request);
  };
}
