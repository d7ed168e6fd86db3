import { fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../../src/elements/verify-passkey/define.js';
import type { VerifyPasskey } from '../../../src/elements/verify-passkey/verify-passkey.js';
import type { EmulatorInfo } from '../../support/verify-backend.js';

export type { VerifyPasskey };

/** Renders a template and returns it with its (first) `<verify-passkey>`. */
export async function mount(template: TemplateResult) {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'verify-passkey' ? root : root.querySelector('verify-passkey')) as VerifyPasskey;
  await el.updateComplete;
  return { root, el };
}

export const part = (el: VerifyPasskey, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const title = (el: VerifyPasskey) => part(el, 'title')?.textContent ?? '';
export const button = (el: VerifyPasskey) => el.shadowRoot!.querySelector('button');
export const announced = (el: VerifyPasskey) => el.shadowRoot!.querySelector('[role="status"]')!.textContent;
export const steps = (el: VerifyPasskey) => [...el.shadowRoot!.querySelectorAll('[part~="step"]')].map(li => [...li.part].find(p => p.startsWith('step-'))!.slice(5));

/** Waits (up to 10 s) until `ready()` holds after a render. */
export async function until(el: VerifyPasskey, ready: () => boolean, what = 'the element to settle'): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    await el.updateComplete;
    if (ready()) return;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; the title says "${title(el)}".`);
    await new Promise(r => setTimeout(r, 20));
  }
}

/** The next event of a type from `target`. */
export const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K) =>
  new Promise<GlobalEventHandlersEventMap[K]>(resolve => target.addEventListener(type, e => resolve(e as GlobalEventHandlersEventMap[K]), { once: true }));

/**
 * Why this engine cannot run a WebAuthn call at all, or undefined where it can. WebKitGTK's
 * MiniBrowser (the WebKit of these tests) is built without WebAuthn: no navigator.credentials, no
 * PublicKeyCredential; there the element's unsupported state is what is tested.
 */
export const noWebAuthn =
  typeof PublicKeyCredential === 'function' && navigator.credentials
    ? undefined
    : 'This engine has no WebAuthn (no PublicKeyCredential or navigator.credentials; WebKitGTK is built without it), so the element shows its unsupported state, tested on its own.';

/** Skips the current test (or hook's tests) where the engine has no WebAuthn, saying why. */
export function needsWebAuthn(this: Mocha.Context): void {
  if (!noWebAuthn) return;
  console.info(`Skipped: ${noWebAuthn}`);
  this.skip();
}

/** A virtual authenticator command (test/support/virtual-authenticator-plugin.mjs). */
export const authenticator = <T = unknown>(payload: Record<string, unknown>) => executeServerCommand<T, Record<string, unknown>>('virtual-authenticator', payload);

/** A platform passkey authenticator that verifies its user, as a phone or laptop with a fingerprint reader. */
export const PLATFORM = { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true };

/**
 * A signed-in session for `identity` behind `url="/test-passkeys"` (test/support/passkey-endpoint-plugin.mjs),
 * on a fresh Service of the emulator whose relying party is this page's origin.
 */
export async function passkeySession(identity: string, userVerification: 'required' | 'preferred' | 'discouraged' = 'preferred'): Promise<void> {
  const emulator = (await executeServerCommand('emulator')) as EmulatorInfo;
  const session = crypto.randomUUID();
  await executeServerCommand('passkey-endpoint', { session, emulator, origin: location.origin, identity, userVerification });
  document.cookie = `test-passkey-session=${session}; path=/`;
}
