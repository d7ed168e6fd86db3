import { fixture } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { Secret, TOTP, URI } from 'otpauth';
import type { TemplateResult } from 'lit';
import '../../../src/elements/verify-totp-enroll/define.js';
import type { TotpEnrollProvider, VerifyTotpEnroll } from '../../../src/elements/verify-totp-enroll/verify-totp-enroll.js';
import type { Backend } from '../../support/verify-backend.js';
import { next, untilRendered } from '../../support/wait.js';

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
export const until = (el: VerifyTotpEnroll, ready: () => boolean, what = 'the element to settle') => untilRendered(el, ready, what, () => `the title says "${title(el)}"`);

export { next };

/** Clicks Start and waits for the QR code. */
export async function started(el: VerifyTotpEnroll): Promise<void> {
  button(el, 'start')!.click();
  await until(el, () => !!part(el, 'qr') && !!codeInput(el), 'the QR code');
}

/**
 * Reads the QR code with another library than the one that drew it: ZXing, the reader of Android's
 * scanner apps. The element's SVG is painted onto a canvas, 4 pixels a module, and read as a "pure"
 * code (upright, unskewed), so that the reader checks the code itself, not its own camera work.
 */
export function scanQr(el: VerifyTotpEnroll): string {
  const svg = part(el, 'qr')!;
  const [x, y, width] = svg.getAttribute('viewBox')!.split(' ').map(Number);
  const scale = 4;
  const size = width * scale;
  const canvas = Object.assign(document.createElement('canvas'), { width: size, height: size });
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = svg.querySelector('rect')!.getAttribute('fill')!;
  context.fillRect(0, 0, size, size);
  context.setTransform(scale, 0, 0, scale, -x * scale, -y * scale);
  context.fillStyle = svg.querySelector('path')!.getAttribute('fill')!;
  context.fill(new Path2D(svg.querySelector('path')!.getAttribute('d')!));
  const rgba = context.getImageData(0, 0, size, size).data;
  const luminance = new Uint8ClampedArray(size * size).map((_, i) => rgba[i * 4]);
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, size, size)));
  return new QRCodeReader().decode(bitmap, new Map([[DecodeHintType.PURE_BARCODE, true]])).getText();
}

/** The code an authenticator app that scanned the QR code shows now. */
export const appCode = (el: VerifyTotpEnroll) => (URI.parse(scanQr(el)) as TOTP).generate();

/**
 * Types into the code field with the keyboard, a key at a time: WebKitWebDriver drops the second of
 * two equal keys typed in one command ("700752" arrives as "70752").
 */
export async function typeCode(el: VerifyTotpEnroll, code: string): Promise<void> {
  codeInput(el)!.focus();
  for (const key of code) await sendKeys({ press: key });
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
