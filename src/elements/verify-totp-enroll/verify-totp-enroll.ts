import { LitElement, html, nothing } from 'lit';
import { VERSION } from '../../version.js';
import { verifyTotpEnroll as en } from '../../locales/en.js';
import { LocaleController } from '../../locales/localize.js';
import { Announcer } from '../internal/announcer.js';
import { FocusController } from '../internal/focus.js';
import type { OtpInput } from '../otp-input/otp-input.js';
import type { TotpEnrollProvider, TotpEnrollment, TotpFailure } from './backend.js';
import type { Started } from './enrollment.js';
import { VerifyTotpEnrolledEvent, VerifyTotpErrorEvent, type TotpErrorReason, type VerifyTotpErrorDetail } from './events.js';
import type { VerifyTotpEnrollStrings } from './strings.js';
import { styles } from './verify-totp-enroll.styles.js';

export type { TotpEnrollProvider, TotpEnrollment, VerifyTotpEnrollStrings };

type Phase = 'idle' | 'starting' | 'scan' | 'confirming' | 'enrolled' | 'failed';
type Step = VerifyTotpErrorDetail['step'];

// Modules of white around the code, as the QR specification asks.
const QUIET_ZONE = 4;

/**
 * Sets up an authenticator app (TOTP) as a Verify factor: asks the site's server to create the factor,
 * shows its `otpauth://` URI as a QR code and its key in groups of four (with a copy button), and
 * confirms the first code the app shows. The key and the URI are shown once: they leave the element's
 * memory and page once the app is set up, and never appear in events.
 *
 * @summary Sets up an authenticator app (TOTP) for sign-in codes.
 * @tagname verify-totp-enroll
 *
 * @fires {VerifyTotpEnrolledEvent} verify-totp-enrolled - The app is set up: `{ factorSid }`.
 * @fires {VerifyTotpErrorEvent} verify-totp-error - Starting or confirming failed: `{ reason, step, code, status?, message }`.
 *
 * @csspart container - The box around everything.
 * @csspart title - The heading line; it takes focus when the state changes after a click.
 * @csspart intro - What an authenticator app gives, before starting.
 * @csspart qr - The QR code (an SVG image with a text alternative).
 * @csspart manual - The line before the key.
 * @csspart key - The key, in groups of four.
 * @csspart copy-status - Whether copying worked.
 * @csspart form - The code field and the Confirm button.
 * @csspart enter-code - The line before the code field.
 * @csspart code - The `<otp-input>`.
 * @csspart error - The message after a failure that needs a new start.
 * @csspart actions - The row of the Start (or Try again) button.
 * @csspart button - Every button; also `button-start`, `button-retry`, `button-copy` or `button-confirm`.
 * @csspart button-start - The Start button.
 * @csspart button-retry - The Try again button.
 * @csspart button-copy - The Copy key button.
 * @csspart button-confirm - The Confirm button.
 *
 * @cssprop --verify-accent - Button colour.
 * @cssprop --verify-on-accent - Text on the accent colour.
 * @cssprop --verify-text-color - Text colour.
 * @cssprop --verify-muted-color - Colour of the intro.
 * @cssprop --verify-surface - Background.
 * @cssprop --verify-border-color - Border colour.
 * @cssprop --verify-error-color - Colour of the error.
 * @cssprop --verify-radius - Corner radius.
 * @cssprop --verify-focus-ring-width - Width of the focus ring of the buttons.
 * @cssprop --verify-font-family - Font.
 * @cssprop --verify-totp-qr-size - Width of the QR code.
 * @cssprop --verify-totp-max-width - Widest the box grows.
 * @cssprop --verify-totp-padding - Space inside the box.
 * @cssprop --verify-totp-gap - Space between its parts.
 */
export class VerifyTotpEnroll extends LitElement {
  /** The kit version that defined this element. */
  static readonly version: string = VERSION;
  static override styles = styles;
  static override properties = {
    url: {},
    provider: { attribute: false },
    friendlyName: { attribute: 'friendly-name' },
    autostart: { type: Boolean },
    strings: { attribute: false },
  };

  /** The site's endpoints: `POST {url}/start` and `POST {url}/confirm` (JSON, same-origin cookies). */
  url = '';
  /** Calls the site's server instead of `url`, e.g. through the app's own API client. */
  provider?: TotpEnrollProvider;
  /** The factor's name where the user manages factors, sent to `start` (the server may choose one). */
  friendlyName = '';
  /** Starts on load, without the Start button. */
  autostart = false;
  /** Visible and announced strings; give some or all to translate or reword them. */
  strings: Partial<VerifyTotpEnrollStrings> = {};

  // English by default; the nearest `lang` picks a translation (src/locales/).
  readonly #locale = new LocaleController(this, 'verifyTotpEnroll', en);
  readonly #announcer = new Announcer(this);
  readonly #focus = new FocusController(this);
  #phase: Phase = 'idle';
  // The binding and its QR code, held from start until the app is set up (or the enrollment fails for good).
  #started: Started | undefined;
  #error: TotpErrorReason | undefined;
  #copy: 'copied' | 'copyRefused' | undefined;
  // The running action came from a click or a submit: focus may follow it (never on load, for autostart).
  #userAction = false;

  get #strings(): VerifyTotpEnrollStrings {
    return this.#locale.strings;
  }

  protected override willUpdate(): void {
    // Before the first render, so that it shows "starting" at once (no second update right after it).
    if (!this.hasUpdated && this.autostart) void this.#start();
  }

  protected override render() {
    const s = this.#strings;
    const phase = this.#phase;
    const title = { idle: s.title, starting: s.starting, scan: s.scan, confirming: s.confirming, enrolled: s.enrolled, failed: s.failed }[phase];
    const start = () => this.#start(true);
    const action = phase === 'idle' ? this.#button('start', s.start, 'button', start) : phase === 'failed' ? this.#button('retry', s.retry, 'button', start) : nothing;
    return html`<div part="container">
      <p part="title" tabindex="-1">${title}</p>
      ${phase === 'idle' ? html`<p part="intro">${s.intro}</p>` : nothing}
      ${this.#started ? this.#renderBinding(this.#started) : nothing}
      ${phase === 'failed' ? html`<p part="error">${s.errors[this.#error!]}</p>` : nothing}
      ${action === nothing ? nothing : html`<div part="actions">${action}</div>`}
      ${this.#announcer.region}
    </div>`;
  }

  #renderBinding({ enrollment, qr: { size, d } }: Started) {
    const s = this.#strings;
    const box = size + 2 * QUIET_ZONE;
    const error = this.#phase === 'scan' && this.#error ? s.errors[this.#error] : '';
    return html`<svg part="qr" role="img" aria-label=${s.qrLabel(enrollment.account, enrollment.issuer)} viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${box} ${box}">
        <rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${box} height=${box} fill="#fff"></rect><path d=${d} fill="#000"></path>
      </svg>
      <p part="manual">${s.manual}</p>
      <p><code part="key">${enrollment.secret.match(/.{1,4}/g)!.join(' ')}</code> ${this.#button('copy', s.copy, 'button', () => this.#copyKey())}</p>
      ${this.#copy ? html`<p part="copy-status">${s[this.#copy]}</p>` : nothing}
      <form part="form" @submit=${this.#submit}>
        <p part="enter-code">${s.enterCode(enrollment.digits)}</p>
        <otp-input
          part="code"
          length=${enrollment.digits}
          label=${s.codeLabel}
          required
          autosubmit
          ?readonly=${this.#phase === 'confirming'}
          ?invalid=${!!error}
          error-message=${error}
        ></otp-input>
        ${this.#button('confirm', s.confirm, 'submit')}
      </form>`;
  }

  #button(name: string, label: string, type: 'button' | 'submit', onClick?: () => void) {
    return html`<button part="button button-${name}" type=${type} @click=${onClick ?? nothing}>${label}</button>`;
  }

  /**
   * Shows `phase` and says `announcement`. With `focus`, after a user's action: the Try again button,
   * else the title, once rendered, while focus is still ours (its button or field may have gone).
   */
  #set(phase: Phase, announcement: string, focus = false): void {
    this.#phase = phase;
    this.#announcer.announce(announcement);
    if (focus && this.#userAction) this.#focus.request(root => root.querySelector<HTMLElement>('[part~="button-retry"]') ?? root.querySelector<HTMLElement>('[part="title"]'), { ifHeld: true });
    this.requestUpdate();
  }

  async #start(clicked = false): Promise<void> {
    if (this.#phase === 'starting') return;
    const s = this.#strings;
    this.#forget();
    this.#userAction = clicked;
    this.#set('starting', s.starting, true);
    try {
      this.#started = await (await import('./enrollment.js')).start(this, this.friendlyName);
      this.#set('scan', `${s.scan}. ${s.enterCode(this.#started.enrollment.digits)}`, true);
    } catch (error) {
      this.#fail('start', error);
    }
  }

  #submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const { factorSid } = this.#started?.enrollment ?? {};
    const field = this.renderRoot.querySelector<OtpInput>('otp-input')!;
    if (this.#phase !== 'scan' || !factorSid) return;
    const s = this.#strings;
    this.#error = undefined;
    this.#userAction = true;
    this.#set('confirming', s.confirming);
    try {
      await (await import('./enrollment.js')).confirm(this, factorSid, field.value);
      this.#forget();
      this.#set('enrolled', s.enrolled, true);
      this.dispatchEvent(new VerifyTotpEnrolledEvent({ factorSid }));
    } catch (error) {
      this.#fail('confirm', error);
      // A wrong code is typed again from the first box, once the field is no longer read-only.
      await this.updateComplete;
      await field.updateComplete;
      if (this.#error === 'wrong-code') field.clear();
    }
  };

  async #copyKey(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.#started!.enrollment.secret);
      this.#copy = 'copied';
    } catch {
      // Refused, or no Clipboard API (an insecure page): the key stays selectable.
      this.#copy = 'copyRefused';
    }
    this.#announcer.announce(this.#strings[this.#copy]);
    this.requestUpdate();
  }

  /** Drops the key and the URI, from memory and (with the next render) from the page. */
  #forget(): void {
    this.#started = this.#error = this.#copy = undefined;
  }

  #fail(step: Step, error: unknown): void {
    // Without a reason, the flow's own module did not load.
    const { reason = 'network', status, code, message } = error as TotpFailure;
    const s = this.#strings;
    // Confirming may be tried again with the same key, unless the enrollment is gone.
    const again = step === 'confirm' && reason !== 'expired';
    if (!again) this.#forget();
    this.#error = reason;
    this.#set(again ? 'scan' : 'failed', again ? s.errors[reason] : `${s.failed} ${s.errors[reason]}`, !again);
    this.dispatchEvent(new VerifyTotpErrorEvent({ reason, step, code: typeof code === 'number' ? code : 0, ...(typeof status === 'number' && { status }), message }));
  }
}
