import { fixture } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { decodeQR } from '@paulmillr/qr/decode.js';
import { Secret, TOTP, URI } from 'otpauth';
import type { TemplateResult } from 'lit';
import '../../../src/elements/verify-totp-enroll/define.js';
import type { TotpEnrollProvider, VerifyTotpEnroll } from '../../../src/elements/verify-totp-enroll/verify-totp-enroll.js';
import type { Backend } from '../../support/verify-backend.js';

export type { VerifyTotpEnroll };

/** Renders a template whose first (or only) `<verify-totp-enroll>` is returned, rendered. */
export async function mount(template: TemplateResult) {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'verify-totp-enroll' ? root : root.querySelector('verify-totp-enroll')) as VerifyTotpEnroll;
  await el.updateComplete;
  return { root, el };
}

export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const title = (el: VerifyTotpEnroll) => part(el, 'title')?.textContent ?? '';
export const button = (el: VerifyTotpEnroll, name: string) => part(el, `button-${name}`) as HTMLButtonElement | null;
export const announced = (el: VerifyTotpEnroll) => el.shadowRoot!.querySelector('[role="status"]')!.textContent;
/** The code field's native input (in the `<otp-input>`'s light DOM, inside the element's shadow root). */
export const codeInput = (el: VerifyTotpEnroll) => el.shadowRoot!.querySelector<HTMLInputElement>('otp-input input');
/** What the field says is wrong, as a screen reader finds it: the text its input is described by. */
export const fieldError = (el: VerifyTotpEnroll) => {
  const ids = codeInput(el)?.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map(id => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ');
};

/** Waits (up to 10 s) until `ready()` holds after a render. */
export async function until(el: VerifyTotpEnroll, ready: () => boolean, what = 'the element to settle'): Promise<void> {
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

/** Clicks Start and waits for the QR code. */
export async function started(el: VerifyTotpEnroll): Promise<void> {
  button(el, 'start')!.click();
  await until(el, () => !!part(el, 'qr') && !!codeInput(el), 'the QR code');
}

/**
 * Reads the QR code as a phone's camera would, with another library than the one that drew it
 * (@paulmillr/qr's decoder): the element's SVG path is painted onto a canvas, 4 pixels a module.
 */
export function scanQr(el: VerifyTotpEnroll): string {
  const svg = part(el, 'qr')!;
  const [x, y, width] = svg.getAttribute('viewBox')!.split(' ').map(Number);
  const scale = 4;
  const canvas = Object.assign(document.createElement('canvas'), { width: width * scale, height: width * scale });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = svg.querySelector('rect')!.getAttribute('fill')!;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.setTransform(scale, 0, 0, scale, -x * scale, -y * scale);
  context.fillStyle = svg.querySelector('path')!.getAttribute('fill')!;
  context.fill(new Path2D(svg.querySelector('path')!.getAttribute('d')!));
  return decodeQR({ width: canvas.width, height: canvas.height, data: context.getImageData(0, 0, canvas.width, canvas.height).data });
}

/** The code an authenticator app that scanned the QR code shows now. */
export const appCode = (el: VerifyTotpEnroll) => (URI.parse(scanQr(el)) as TOTP).generate();

/** Types into the code field with the keyboard, as a user does (after a click into it). */
export async function typeCode(el: VerifyTotpEnroll, code: string): Promise<void> {
  codeInput(el)!.focus();
  await sendKeys({ type: code });
}

/**
 * Sets up the session behind `url="/test-totp"` (test/support/totp-endpoint-plugin.mjs) and the
 * cookie that names it; `fail` makes one endpoint answer that status (and body) instead.
 */
export async function totpSession(backend: Backend, identity: string, fail?: { path: 'start' | 'confirm'; status: number; body?: unknown }): Promise<void> {
  const session = document.cookie.match(/totp-session=([^;]+)/)?.[1] ?? crypto.randomUUID();
  document.cookie = `totp-session=${session}; path=/`;
  const { baseUrl, accountSid, authToken } = backend.emulator;
  await executeServerCommand('totp-endpoint', { session, baseUrl, accountSid, authToken, serviceSid: backend.serviceSid, identity, fail });
}

/**
 * A provider that plays the site's server in the page, for states the emulator need not reach:
 * a fresh key per start (issuer and account as given), and codes checked with otpauth.
 */
export function pageProvider({ issuer = 'Example', account = 'alice@example.com', digits = 6 } = {}): TotpEnrollProvider & { totp?: TOTP } {
  const provider: TotpEnrollProvider & { totp?: TOTP } = {
    async start() {
      const totp = (provider.totp = new TOTP({ issuer, label: account, digits, secret: new Secret() }));
      return { factorSid: `YF${'a'.repeat(32)}`, uri: totp.toString(), secret: totp.secret.base32 };
    },
    async confirm({ code }) {
      return { status: provider.totp!.validate({ token: code, window: 1 }) === null ? 'unverified' : 'verified' };
    },
  };
  return provider;
}
