import { LitElement, html, nothing } from 'lit';
import { AUTHENTICATION_TOKEN_ERROR, KEY_STORAGE_ERROR, NETWORK_ERROR, STORAGE_ERROR } from '../../protocol/codes.js';
import { VerifyError } from '../../client/errors.js';
import type { Factor, PushConfig, PushTransport, PushTransportError, VerifyPushClient } from '../../client/types.js';
import type { FcmTransportOptions } from '../../push/fcm-options.js';
import type { PollingTransportOptions } from '../../push/polling.js';
import { VERSION } from '../../version.js';
import { VerifyEnrolledEvent, VerifyErrorEvent, VerifyUnenrolledEvent, type EnrollErrorStep } from './events.js';
import { styles } from './verify-enroll.styles.js';
import { verifyEnroll as en } from '../../locales/en.js';
import { LocaleController } from '../../locales/localize.js';
import type { EnrollStep, EnrollStepState, VerifyEnrollStrings } from './strings.js';
import { Announcer } from '../internal/announcer.js';
import { toErrorDetail, type ErrorDetail } from '../internal/error-detail.js';
import { FocusController } from '../internal/focus.js';
import type { LoadedClient, TransportName } from '../internal/load-client.js';

export type { EnrollStep, EnrollStepState, VerifyEnrollStrings };

/** What the site's backend hands out for enrolling (the sample-backend contract's answer). */
export interface EnrollmentToken {
  /** The access token: used once, never stored, never in an event. */
  token: string;
  serviceSid: string;
  identity: string;
}

/** How sign-in requests reach this browser. */
export type EnrollTransport = TransportName;



type Phase = 'checking' | 'idle' | 'running' | 'enrolled' | 'removing' | 'failed';

// A ring, a (spinning) dotted ring, a check, a cross: the state in shape, not colour alone.
const MARKS: Record<EnrollStepState, string> = { pending: '○', active: '◌', done: '✓', failed: '✕' };

/**
 * Enrolls this browser as a Verify Push factor, showing each step: notification permission (for
 * transports that push), the key, the registration and its verification. Knows when this browser is
 * already enrolled for the signed-in identity and offers to remove it instead. When notifications
 * are blocked or unavailable it enrolls without them (polling) and says so.
 *
 * @summary Enrolls this browser for push sign-in approvals.
 * @tagname verify-enroll
 *
 * @fires {VerifyEnrolledEvent} verify-enrolled - This browser is enrolled: `{ factorSid, identity, platform }`.
 * @fires {VerifyUnenrolledEvent} verify-unenrolled - This browser's factor was removed: `{ factorSid }`.
 * @fires {VerifyErrorEvent} verify-error - A step failed: `{ code, message, step }`.
 *
 * @csspart container - The box around everything.
 * @csspart title - The heading line; it takes focus while a step runs.
 * @csspart intro - What enrolling gives, before enrolling.
 * @csspart steps - The ordered list of steps.
 * @csspart step - Each step; also `step-pending`, `step-active`, `step-done` or `step-failed`.
 * @csspart step-pending - A step not started.
 * @csspart step-active - The running step.
 * @csspart step-done - A finished step.
 * @csspart step-failed - The step that failed.
 * @csspart step-icon - The mark before each step.
 * @csspart notice - The note that this browser enrolled without notifications, or was removed.
 * @csspart error - The error message.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button; also `button-enroll`, `button-retry` or `button-remove`.
 * @csspart button-enroll - The Enroll button.
 * @csspart button-retry - The Retry button.
 * @csspart button-remove - The Remove button.
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
 * @cssprop --verify-focus-ring-width - Width of the focus ring of the buttons.
 * @cssprop --verify-font-family - Font.
 * @cssprop --verify-enroll-max-width - Widest the box grows.
 * @cssprop --verify-enroll-padding - Space inside the box.
 * @cssprop --verify-enroll-gap - Space between its parts.
 */
export class VerifyEnroll extends LitElement {
  /** The kit version that defined this element. */
  static readonly version: string = VERSION;
  static override styles = styles;
  static override properties = {
    tokenUrl: { attribute: 'token-url' },
    tokenProvider: { attribute: false },
    apiBase: { attribute: 'api-base' },
    transport: {},
    fcmOptions: { attribute: false },
    pollingOptions: { attribute: false },
    friendlyName: { attribute: 'friendly-name' },
    strings: { attribute: false },
  };

  /** The site's token endpoint: POSTed with credentials, answers `{ token, serviceSid, identity, factorType: "push" }`. */
  tokenUrl = '';
  /** Gets the token instead of `token-url`, e.g. through the app's own API client. */
  tokenProvider?: () => Promise<EnrollmentToken>;
  /** The Verify API, or an emulator's `/v2/` URL. Ignored when `client` is given. */
  apiBase = 'https://verify.twilio.com/v2/';
  /** How sign-in requests reach this browser: `fcm` (needs `fcmOptions`), `emulator` (the emulator at `api-base`) or `polling`. */
  transport: EnrollTransport = 'polling';
  /** Firebase settings for `transport="fcm"`. */
  fcmOptions?: FcmTransportOptions;
  /** Polling settings (intervals), for `transport="polling"` and for the fallback when notifications are off. */
  pollingOptions?: PollingTransportOptions;
  /** The factor's name, shown wherever the user manages devices; default from the browser, e.g. "Chrome on Linux". */
  friendlyName = '';
  /** Visible and announced strings; give some or all to translate or reword them. */
  strings: Partial<VerifyEnrollStrings> = {};

  // English by default; the nearest `lang` picks a translation (src/locales/).
  readonly #locale = new LocaleController(this, 'verifyEnroll', en);

  #phase: Phase = 'checking';
  #steps = new Map<EnrollStep, EnrollStepState>();
  #error: ErrorDetail | undefined;
  #factor: Factor | undefined;
  #removed = false;
  // Enrolled (or enrolling) without notifications although the transport pushes.
  #fallback = false;
  readonly #announcer = new Announcer(this);
  #retry: () => Promise<void> = () => this.#check();
  readonly #focus = new FocusController(this);
  // Set by a click: after the next renders, focus follows the state (title while busy, then the button).
  #followFocus = false;
  #given: VerifyPushClient | undefined;
  #transports: Promise<LoadedClient> | undefined;
  #client: VerifyPushClient | undefined;

  /**
   * The client this element enrolls with: the one given, or the one it made (set from its first
   * check of this browser on), whose transport delivers this browser's sign-in requests; hand it to
   * `<verify-challenge-prompt>`. Give a ready client to share one; `api-base` is then ignored, and
   * `transport` only decides what this browser enrolls with (the client's own transport delivers).
   */
  get client(): VerifyPushClient | undefined {
    return this.#client;
  }
  set client(client: VerifyPushClient | undefined) {
    this.#given = this.#client = client;
    this.#transports = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new API or transport needs new objects; the next step makes them.
    if (changed.has('apiBase') || changed.has('transport') || changed.has('fcmOptions') || changed.has('pollingOptions')) this.#transports = undefined;
  }

  protected override firstUpdated(): void {
    void this.#check();
  }

  protected override updated(): void {
    this.#followFocus &&= this.#busy;
    if (this.#followFocus) this.#requestFocus();
  }

  /** After the next render: the button, else the title, while focus is still ours (or was dropped with a button that went away). */
  #requestFocus(): void {
    this.#focus.request(root => root.querySelector<HTMLElement>('button') ?? root.querySelector<HTMLElement>('[part="title"]'), { ifHeld: true });
  }

  get #busy(): boolean {
    return this.#phase === 'checking' || this.#phase === 'running' || this.#phase === 'removing';
  }

  /** Whether the transport sends pushes, which need notification permission. */
  get #pushes(): boolean {
    return this.transport === 'fcm' || this.transport === 'emulator';
  }

  get #strings(): VerifyEnrollStrings {
    return this.#locale.strings;
  }

  protected override render() {
    const s = this.#strings;
    const phase = this.#phase;
    const title = {
      checking: s.checking,
      idle: s.title,
      running: s.enrolling,
      enrolled: s.enrolled,
      removing: s.removing,
      failed: s.failed,
    }[phase];
    const button = (name: string, label: string, onClick: () => void) =>
      html`<button part="button button-${name}" type="button" @click=${onClick}>${label}</button>`;
    const notice = phase === 'idle' ? (this.#removed ? s.removed : '') : this.#fallback ? s.fallback : '';
    const action =
      phase === 'idle'
        ? button('enroll', s.enroll, () => this.#act(() => this.#enroll()))
        : phase === 'enrolled'
          ? button('remove', s.remove, () => this.#act(() => this.#remove()))
          : phase === 'failed'
            ? button('retry', s.retry, () => this.#act(this.#retry))
            : nothing;
    const steps = this.#steps.size && phase !== 'idle' ? [...this.#steps] : [];
    return html`<div part="container">
      <p part="title" tabindex="-1">${title}</p>
      ${phase === 'idle' && !this.#removed ? html`<p part="intro">${s.intro}</p>` : nothing}
      ${steps.length
        ? html`<ol part="steps">
            ${steps.map(
              ([step, state]) =>
                // No whitespace inside the item: its text is read as one phrase.
                html`<li part="step step-${state}" aria-current=${state === 'active' ? 'step' : nothing}><span part="step-icon" aria-hidden="true">${MARKS[state]}</span>${s.steps[step]}<span class="visually-hidden">${s.stepStates[state]}</span></li>`,
            )}
          </ol>`
        : nothing}
      ${notice ? html`<p part="notice">${notice}</p>` : nothing}
      ${phase === 'failed' ? html`<p part="error">${s.error(this.#error!.code, this.#error!.message)}</p>` : nothing}
      ${action === nothing ? nothing : html`<div part="actions">${action}</div>`}
      ${this.#announcer.region}
    </div>`;
  }

  #act(action: () => Promise<void>): void {
    this.#followFocus = true;
    this.#requestFocus();
    void action();
  }

  /** Shows `phase`; says `announcement` when given (`''` silences what was said before). */
  #set(phase: Phase, announcement?: string): void {
    this.#phase = phase;
    if (announcement) this.#announcer.announce(announcement);
    else if (announcement === '') this.#announcer.clear();
    this.requestUpdate();
  }

  #mark(step: EnrollStep, state: EnrollStepState): void {
    this.#steps.set(step, state);
    const s = this.#strings;
    this.#set(this.#phase, s.steps[step] + s.stepStates[state]);
  }

  /** The client and transports, loaded on first use so an app pays only for the transport it picked. */
  #load(): Promise<LoadedClient> {
    return (this.#transports ??= import('../internal/load-client.js')
      // A given client enrolls (and its own transport delivers); the loaded transports register.
      .then(({ loadClient }) => loadClient(this, 'verify-enroll', this.#given))
      .then(loaded => {
        this.#client = loaded.client;
        return loaded;
      })
      .catch(error => {
        this.#transports = undefined; // a failed chunk download may work next time
        throw error;
      }));
  }

  async #token(): Promise<EnrollmentToken> {
    if (this.tokenProvider) return this.tokenProvider();
    if (!this.tokenUrl) throw new VerifyError(AUTHENTICATION_TOKEN_ERROR, '<verify-enroll> needs token-url or tokenProvider.');
    let response: Response;
    try {
      response = await fetch(this.tokenUrl, { method: 'POST', credentials: 'include', headers: { Accept: 'application/json' } });
    } catch {
      throw new VerifyError(NETWORK_ERROR, `The site's server did not answer (${this.tokenUrl}).`);
    }
    if (!response.ok) throw new VerifyError(AUTHENTICATION_TOKEN_ERROR, `The site's server refused an enrollment token (HTTP ${response.status}).`);
    const body = await response.json().catch(() => undefined);
    if (typeof body?.token !== 'string' || typeof body.serviceSid !== 'string' || typeof body.identity !== 'string') {
      throw new VerifyError(AUTHENTICATION_TOKEN_ERROR, `${this.tokenUrl} answered without token, serviceSid or identity.`);
    }
    return body;
  }

  /** This browser's factor for the token's identity and service, if the key store has one. */
  async #local(client: VerifyPushClient, { identity, serviceSid }: EnrollmentToken): Promise<Factor | undefined> {
    return (await client.listFactors()).find(f => f.identity === identity && f.serviceSid === serviceSid);
  }

  /** On load: an enrollment of the signed-in identity in the key store. Asks for a token only when the store holds factors. */
  async #check(): Promise<void> {
    this.#retry = () => this.#check();
    // From Retry; on load the element starts out checking (no update from within firstUpdated).
    if (this.#phase !== 'checking') this.#set('checking');
    let step: EnrollErrorStep = 'key';
    try {
      const { client } = await this.#load();
      if ((await client.listFactors()).length) {
        step = 'token';
        const factor = await this.#local(client, await this.#token());
        if (factor?.status === 'verified') this.#factor = factor;
      }
      this.#fallback = this.#factor?.push.platform === 'none' && this.#pushes;
      this.#set(this.#factor ? 'enrolled' : 'idle', '');
    } catch (error) {
      this.#fail(step, error);
    }
  }

  async #enroll(): Promise<void> {
    this.#retry = () => this.#enroll();
    this.#error = undefined;
    this.#removed = false;
    this.#fallback = false;
    const steps: EnrollStep[] = ['key', 'register', 'verify'];
    if (this.#pushes) steps.unshift('permission');
    this.#steps = new Map(steps.map(step => [step, 'pending']));
    this.#set('running');
    let step: EnrollErrorStep = 'permission';
    try {
      let granted = true;
      if (this.#pushes) {
        this.#mark('permission', 'active');
        // Asked before anything is awaited, while the click still counts as a user gesture.
        granted = await this.#askPermission();
      }
      const transports = await this.#load();
      const { client } = transports;
      const register = (transport: PushTransport) => transport.register!();
      const push: PushConfig = await register(granted ? transports.push : transports.polling).catch(error => {
        // No push service in this browser (Electron, Safari outside a home-screen app): poll, as when notifications are off.
        if (!granted || (error as PushTransportError).reason !== 'unsupported') throw error;
        granted = false;
        return register(transports.polling);
      });
      if (this.#pushes) {
        this.#fallback = !granted;
        this.#mark('permission', 'done');
        if (!granted) this.#set('running', this.#strings.fallback);
      }
      step = 'token';
      const token = await this.#token();
      let factor = await this.#local(client, token);
      if (!factor) {
        step = 'key';
        this.#mark('key', 'active');
        const friendlyName = (this.friendlyName || this.#strings.friendlyName(...(await import('../../client/device-name.js')).describeBrowser())).slice(0, 64);
        try {
          factor = await client.createFactor({ accessToken: token.token, serviceSid: token.serviceSid, identity: token.identity, friendlyName, push });
        } catch (error) {
          // One call makes the key and registers it: storage and key failures are the key's.
          const { code } = toErrorDetail(error);
          if (code !== STORAGE_ERROR && code !== KEY_STORAGE_ERROR) {
            step = 'register';
            this.#steps.set('key', 'done').set('register', 'active');
          }
          throw error;
        }
      }
      this.#mark('key', 'done');
      this.#mark('register', 'done');
      if (factor.status !== 'verified') {
        step = 'verify';
        this.#mark('verify', 'active');
        factor = await client.verifyFactor(factor.sid);
      }
      this.#mark('verify', 'done');
      this.#factor = factor;
      this.#set('enrolled', this.#strings.enrolled);
      this.dispatchEvent(new VerifyEnrolledEvent({ factorSid: factor.sid, identity: factor.identity, platform: factor.push.platform }));
    } catch (error) {
      this.#fail(step, error);
    }
  }

  /** Whether notifications may be shown; never asks again once the user answered. */
  async #askPermission(): Promise<boolean> {
    if (typeof Notification === 'undefined') return false;
    const current = Notification.permission;
    return (current === 'default' ? await Notification.requestPermission() : current) === 'granted';
  }

  async #remove(): Promise<void> {
    this.#retry = () => this.#remove();
    const { sid } = this.#factor!;
    this.#steps.clear();
    this.#set('removing', this.#strings.removing);
    try {
      await (await this.#load()).client.deleteFactor(sid);
      this.#factor = undefined;
      this.#removed = true;
      this.#set('idle', this.#strings.removed);
      this.dispatchEvent(new VerifyUnenrolledEvent({ factorSid: sid }));
    } catch (error) {
      this.#fail('remove', error);
    }
  }

  #fail(step: EnrollErrorStep, error: unknown): void {
    const { code, message } = toErrorDetail(error);
    if (this.#steps.get(step as EnrollStep) === 'active') this.#steps.set(step as EnrollStep, 'failed');
    this.#error = { code, message };
    const s = this.#strings;
    this.#set('failed', `${s.failed} ${s.error(code, message)}`);
    this.dispatchEvent(new VerifyErrorEvent({ code, message, step }));
  }
}
