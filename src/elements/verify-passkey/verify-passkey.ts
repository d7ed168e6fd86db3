import { LitElement, html, nothing } from 'lit';
import { DEV_MODE } from '../../dev.js';
import { VERSION } from '../../version.js';
import { verifyPasskey as en } from '../../locales/en.js';
import { LocaleController } from '../../locales/localize.js';
import { Announcer } from '../internal/announcer.js';
import { FocusController } from '../internal/focus.js';
import { PasskeyFailure, type PasskeyPath, type PasskeyProvider } from './backend.js';
import { VerifyPasskeyErrorEvent, VerifyPasskeyRegisteredEvent, VerifyPasskeySignedInEvent, VerifyPasskeyUnsupportedEvent } from './events.js';
import type { PasskeyErrorReason, PasskeyMode, PasskeyStep, PasskeyStepState, VerifyPasskeyStrings } from './strings.js';
import { styles } from './verify-passkey.styles.js';
import { creationOptions, credentialJSON, requestOptions, supportsAutofill, supportsWebAuthn } from './webauthn.js';

export { PasskeyFailure };
export type { PasskeyErrorReason, PasskeyMode, PasskeyPath, PasskeyProvider, PasskeyStep, PasskeyStepState, VerifyPasskeyStrings };

/** Where focus goes in the element: its button, or, while there is none, its heading. */
const focusTarget = (root: ParentNode) => root.querySelector<HTMLElement>('button') ?? root.querySelector<HTMLElement>('[part="title"]');

type Phase = 'idle' | 'waiting' | 'verifying' | 'done' | 'failed' | 'unsupported';

// A ring, a dotted ring, a check, a cross: the state in shape, not colour alone.
const MARKS: Record<PasskeyStepState, string> = { pending: '○', active: '◌', done: '✓', failed: '✕' };

// What each browser failure means for the user; anything else is `unknown`.
const DOM_REASONS: Record<string, PasskeyErrorReason> = { NotAllowedError: 'cancelled', InvalidStateError: 'already-registered', SecurityError: 'security' };
// The event's message, for logs: the English words the user reads (the server's own for `backend`).
const MESSAGES: Record<PasskeyErrorReason, string> = { ...en.reasons, backend: "The site's server refused the passkey." };

/**
 * Adds a passkey for the signed-in user (`mode="register"`) or signs in with one (`mode="sign-in"`),
 * showing each step: the browser's passkey dialog, then the site's check. The site's server brokers
 * the WebAuthn options from Twilio Verify's Passkeys API: give its `url` (the element POSTs JSON to
 * `{url}/register/options`, `{url}/register/verify`, `{url}/sign-in/options`, `{url}/sign-in/verify`
 * with the session cookie) or a `provider` function. With `conditional`, sign-in also offers passkeys
 * in the browser's autofill of the field with `autocomplete="username webauthn"` (named by `for`).
 *
 * @summary Registers a passkey, or signs in with one.
 * @tagname verify-passkey
 *
 * @fires {VerifyPasskeyRegisteredEvent} verify-passkey-registered - A passkey was added: `{ factorSid, status }`.
 * @fires {VerifyPasskeySignedInEvent} verify-passkey-signed-in - The user signed in: `{ identity, status }`.
 * @fires {VerifyPasskeyErrorEvent} verify-passkey-error - It failed: `{ mode, reason, code, message, autofill }`; `reason` is stable (`cancelled`, `already-registered`, `timeout`, `network`, `backend`, `security`, `unsupported`, `unknown`).
 * @fires {VerifyPasskeyUnsupportedEvent} verify-passkey-unsupported - This browser has no passkeys: offer another way. `{ mode }`.
 *
 * @csspart container - The box around everything.
 * @csspart title - The heading line; it takes focus while a step runs.
 * @csspart intro - What a passkey gives, before registering.
 * @csspart steps - The ordered list of steps.
 * @csspart step - Each step; also `step-pending`, `step-active`, `step-done` or `step-failed`.
 * @csspart step-pending - A step not started.
 * @csspart step-active - The running step.
 * @csspart step-done - A finished step.
 * @csspart step-failed - The step that failed.
 * @csspart step-icon - The mark before each step.
 * @csspart error - What went wrong, and what to do.
 * @csspart button - The button; also `button-register`, `button-sign-in` or `button-retry`.
 * @csspart button-register - The button that adds a passkey.
 * @csspart button-sign-in - The button that signs in.
 * @csspart button-retry - The button after a failure.
 *
 * @cssprop --verify-accent - Button and active step colour.
 * @cssprop --verify-on-accent - Text on the accent colour.
 * @cssprop --verify-text-color - Text colour.
 * @cssprop --verify-muted-color - Colour of pending steps and the intro.
 * @cssprop --verify-surface - Background.
 * @cssprop --verify-border-color - Border colour.
 * @cssprop --verify-success-color - Colour of done steps.
 * @cssprop --verify-error-color - Colour of the error and the failed step.
 * @cssprop --verify-radius - Corner radius.
 * @cssprop --verify-focus-ring-width - Width of the focus ring of the button.
 * @cssprop --verify-font-family - Font.
 * @cssprop --verify-passkey-max-width - Widest the box grows.
 * @cssprop --verify-passkey-padding - Space inside the box.
 * @cssprop --verify-passkey-gap - Space between its parts.
 */
export class VerifyPasskey extends LitElement {
  /** The kit version that defined this element. */
  static readonly version: string = VERSION;
  static override styles = styles;
  static override properties = {
    mode: {},
    url: {},
    provider: { attribute: false },
    identity: {},
    conditional: { type: Boolean },
    htmlFor: { attribute: 'for' },
    strings: { attribute: false },
  };

  /** `register`: add a passkey for the signed-in user; `sign-in`: sign in with one. */
  mode: PasskeyMode = 'sign-in';
  /** Where the site's passkey endpoints are (e.g. `/api/passkeys`); the element adds `/register/options` and the like. */
  url = '';
  /** Calls the site's server instead of `url`, for sites that fetch themselves. */
  provider?: PasskeyProvider;
  /** Sign-in: whose passkeys to offer (else the `for` field's value, else any: a discoverable passkey). */
  identity = '';
  /** Sign-in: also offer passkeys in the browser's autofill (conditional mediation), from when the element connects. */
  conditional = false;
  /** The id of the user-name field (with `autocomplete="username webauthn"`): its value names the user on the button's sign-in. */
  htmlFor = '';
  /** Visible and announced strings; give some or all to translate or reword them. */
  strings: Partial<VerifyPasskeyStrings> = {};

  // English by default; the nearest `lang` picks a translation (src/locales/).
  readonly #locale = new LocaleController(this, 'verifyPasskey', en);
  readonly #announcer = new Announcer(this);
  readonly #focus = new FocusController(this);
  #phase: Phase = 'idle';
  #steps = new Map<PasskeyStep, PasskeyStepState>();
  #error: PasskeyFailure | undefined;
  // Set by a click: after the next renders, focus follows the state (title while busy, then the button).
  #followFocus = false;
  // The button's ceremony and the autofill one: each stops when the element leaves the page;
  // the autofill one also when the button starts (a browser runs one WebAuthn request at a time).
  #modal: AbortController | undefined;
  #autofill: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!supportsWebAuthn()) this.#phase = 'unsupported';
    else if (this.hasUpdated) {
      // Back on the page: ready again (a "done" or a failure from before is over), and autofill
      // again. The first start waits for the first update, when a framework (React sets properties
      // after connecting) has given `provider` too.
      if (this.#phase === 'done' || this.#phase === 'failed') this.#set('idle');
      void this.#startAutofill();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const gone = new DOMException('<verify-passkey> left the page.', 'AbortError');
    this.#modal?.abort(gone);
    this.#stopAutofill(gone);
  }

  protected override firstUpdated(): void {
    // After the first render, so the page's listeners (also a framework's) are on.
    if (this.#phase === 'unsupported') this.dispatchEvent(new VerifyPasskeyUnsupportedEvent({ mode: this.mode }));
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    this.#followFocus &&= this.#busy;
    if (this.#followFocus) this.#requestFocus();
    if (changed.has('conditional') || changed.has('mode')) {
      if (this.conditional && this.mode === 'sign-in') void this.#startAutofill();
      else this.#stopAutofill(new DOMException('Autofill turned off.', 'AbortError'));
    }
  }

  get #busy(): boolean {
    return this.#phase === 'waiting' || this.#phase === 'verifying';
  }

  get #strings(): VerifyPasskeyStrings {
    return this.#locale.strings;
  }

  /** Focuses the button (or, while there is none, the heading), as a page moving focus to this step expects. */
  override focus(options?: FocusOptions): void {
    focusTarget(this.renderRoot)?.focus(options);
  }

  #requestFocus(): void {
    this.#focus.request(focusTarget, { ifHeld: true });
  }

  protected override render() {
    const s = this.#strings;
    const register = this.mode === 'register';
    const phase = this.#phase;
    const title = {
      idle: register ? s.registerTitle : s.signInTitle,
      unsupported: register ? s.registerTitle : s.signInTitle,
      waiting: s.waiting,
      verifying: s.verifying,
      done: register ? s.registered : s.signedIn,
      failed: s.failed,
    }[phase];
    const button = (name: string, label: string) =>
      html`<button part="button button-${name}" type="button" @click=${this.#start}>${label}</button>`;
    const action = phase === 'idle' ? (register ? button('register', s.register) : button('sign-in', s.signIn)) : phase === 'failed' ? button('retry', s.retry) : nothing;
    const error = phase === 'unsupported' ? s.reasons.unsupported : phase === 'failed' ? this.#say(this.#error!) : '';
    return html`<div part="container">
      <p part="title" tabindex="-1">${title}</p>
      ${phase === 'idle' && register ? html`<p part="intro">${s.registerIntro}</p>` : nothing}
      ${this.#steps.size && phase !== 'idle' && phase !== 'unsupported'
        ? html`<ol part="steps">
            ${[...this.#steps].map(
              ([step, state]) =>
                // No whitespace inside the item: its text is read as one phrase.
                html`<li part="step step-${state}" aria-current=${state === 'active' ? 'step' : nothing}><span part="step-icon" aria-hidden="true">${MARKS[state]}</span>${s.steps[step]}<span class="visually-hidden">${s.stepStates[state]}</span></li>`,
            )}
          </ol>`
        : nothing}
      ${error ? html`<p part="error">${error}</p>` : nothing}
      ${action === nothing ? nothing : html`<div part="actions">${action}</div>`}
      ${this.#announcer.region}
    </div>`;
  }

  /** What the user reads for a failure, in their language. */
  #say({ reason, code, message }: PasskeyFailure): string {
    return reason === 'backend' ? this.#strings.backend(code, message) : this.#strings.reasons[reason];
  }

  #set(phase: Phase, announcement?: string): void {
    this.#phase = phase;
    if (announcement) this.#announcer.announce(announcement);
    this.requestUpdate();
  }

  #mark(step: PasskeyStep, state: PasskeyStepState): void {
    this.#steps.set(step, state);
    this.requestUpdate();
  }

  /** The user-name field named by `for`, in the element's own tree. */
  get #field(): HTMLInputElement | null {
    return this.htmlFor ? ((this.getRootNode() as Document | ShadowRoot).getElementById?.(this.htmlFor) as HTMLInputElement | null) : null;
  }

  /** One call to the site's server; what it answers must be an object. */
  async #call(path: PasskeyPath, body: object): Promise<Record<string, unknown>> {
    if (!this.provider && !this.url) throw new PasskeyFailure('backend', '<verify-passkey> needs a url attribute or a provider property.');
    let answer: unknown;
    try {
      answer = await (this.provider ?? (await import('./url-provider.js')).urlProvider(this.url))(path, body);
    } catch (error) {
      if (error instanceof PasskeyFailure) throw error;
      // A provider's own fetch that failed is a TypeError; anything else is the server's refusal.
      if ((error as Error)?.name === 'TypeError') throw new PasskeyFailure('network', MESSAGES.network);
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      throw new PasskeyFailure('backend', typeof message === 'string' && message ? message : MESSAGES.backend, typeof code === 'number' ? code : 0);
    }
    if (typeof answer !== 'object' || !answer) throw new PasskeyFailure('backend', `The site's server answered ${path} without a JSON object.`);
    return answer as Record<string, unknown>;
  }

  async #options<T>(path: PasskeyPath, body: object): Promise<T> {
    const { publicKey } = await this.#call(path, body);
    if (typeof publicKey !== 'object' || !publicKey) throw new PasskeyFailure('backend', `The site's server answered ${path} without publicKey options.`);
    return publicKey as T;
  }

  readonly #start = (): void => {
    this.#followFocus = true;
    this.#requestFocus();
    void this.#run();
  };

  /** The button's ceremony: options, the browser's dialog, the server's check. */
  async #run(): Promise<void> {
    // The browser runs one WebAuthn request at a time: the modal one wins over autofill.
    this.#stopAutofill(new DOMException('A sign-in with the button started.', 'AbortError'));
    const controller = (this.#modal = new AbortController());
    const { signal } = controller;
    this.#error = undefined;
    this.#steps = new Map([
      ['authenticator', 'active'],
      ['verify', 'pending'],
    ]);
    this.#set('waiting', this.#strings.waiting);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The authenticator's time: after it, the dialog is closed and the failure says "timeout", not "cancelled".
    const deadline = (timeout = 0) => {
      if (timeout > 0) timer = setTimeout(() => controller.abort(new DOMException(MESSAGES.timeout, 'TimeoutError')), timeout);
    };
    try {
      if (this.mode === 'register') {
        const options = await creationOptions(await this.#options('/register/options', {}));
        deadline(options.timeout);
        const credential = (await navigator.credentials.create({ publicKey: options, signal })) as PublicKeyCredential;
        clearTimeout(timer);
        this.#verifying();
        const answer = await this.#call('/register/verify', await credentialJSON(credential));
        if (typeof answer.factorSid !== 'string') throw new PasskeyFailure('backend', "The site's server answered /register/verify without factorSid.");
        this.#done(new VerifyPasskeyRegisteredEvent({ factorSid: answer.factorSid, status: String(answer.status ?? 'verified') }), this.#strings.registered);
      } else {
        const identity = this.identity || this.#field?.value.trim();
        const options = await requestOptions(await this.#options('/sign-in/options', identity ? { identity } : {}));
        deadline(options.timeout);
        const credential = (await navigator.credentials.get({ publicKey: options, signal })) as PublicKeyCredential;
        clearTimeout(timer);
        await this.#signIn(credential);
      }
    } catch (error) {
      this.#fail(error, false, signal);
    } finally {
      clearTimeout(timer);
      if (this.#modal === controller) this.#modal = undefined;
      // Autofill is offered again while the user has not signed in.
      if (this.#phase === 'failed') void this.#startAutofill();
    }
  }

  #verifying(): void {
    this.#mark('authenticator', 'done');
    this.#mark('verify', 'active');
    this.#set('verifying', this.#strings.verifying);
  }

  async #signIn(credential: PublicKeyCredential): Promise<void> {
    this.#verifying();
    const answer = await this.#call('/sign-in/verify', await credentialJSON(credential));
    if (typeof answer.identity !== 'string') throw new PasskeyFailure('backend', "The site's server answered /sign-in/verify without identity.");
    this.#done(new VerifyPasskeySignedInEvent({ identity: answer.identity, status: String(answer.status ?? 'approved') }), this.#strings.signedIn);
  }

  #done(event: Event, announcement: string): void {
    this.#mark('verify', 'done');
    this.#set('done', announcement);
    this.dispatchEvent(event);
  }

  /** Passkey autofill on the user-name field, until the element leaves, the button starts, or it is used. */
  async #startAutofill(): Promise<void> {
    if (!this.conditional || this.mode !== 'sign-in' || this.#autofill || this.#modal || !this.isConnected) return;
    const controller = (this.#autofill = new AbortController());
    const { signal } = controller;
    try {
      // The element may have left while the browser answered: then no challenge is asked for.
      if (!(await supportsAutofill()) || signal.aborted) return;
      if (DEV_MODE && this.htmlFor && !/\bwebauthn\b/.test(this.#field?.autocomplete ?? '')) {
        console.warn(`<verify-passkey for="${this.htmlFor}">: the field needs autocomplete="username webauthn" for passkeys to show in its autofill.`);
      }
      // No identity: the autofill offers every passkey of this site (discoverable credentials).
      const options = await requestOptions(await this.#options('/sign-in/options', {}));
      if (signal.aborted) return;
      const credential = (await navigator.credentials.get({ mediation: 'conditional', publicKey: options, signal })) as PublicKeyCredential;
      if (signal.aborted) return;
      this.#autofill = undefined;
      this.#steps = new Map([['authenticator', 'done']]);
      await this.#signIn(credential);
    } catch (error) {
      // Stopped on purpose (the element left, the button started): nothing failed. A browser that
      // refuses the autofill request (NotAllowedError) opened no dialog: the button still works.
      if (!signal.aborted && (error as DOMException)?.name !== 'NotAllowedError') this.#fail(error, true);
    } finally {
      if (this.#autofill === controller && !signal.aborted) this.#autofill = undefined;
    }
  }

  #stopAutofill(reason: DOMException): void {
    this.#autofill?.abort(reason);
    this.#autofill = undefined;
  }

  #fail(error: unknown, autofill: boolean, signal?: AbortSignal): void {
    const name = (error as DOMException)?.name;
    const failure =
      error instanceof PasskeyFailure
        ? error
        : signal?.reason?.name === 'TimeoutError'
          ? new PasskeyFailure('timeout', MESSAGES.timeout)
          : new PasskeyFailure(DOM_REASONS[name] ?? 'unknown', MESSAGES[DOM_REASONS[name] ?? 'unknown']);
    // The element left the page: nobody is there to tell.
    if (!this.isConnected) return;
    for (const [step, state] of this.#steps) if (state === 'active') this.#steps.set(step, 'failed');
    this.#error = failure;
    const s = this.#strings;
    this.#set('failed', `${s.failed} ${this.#say(failure)}`);
    const { reason, code, message } = failure;
    this.dispatchEvent(new VerifyPasskeyErrorEvent({ mode: this.mode, reason, code, message, autofill }));
  }
}
