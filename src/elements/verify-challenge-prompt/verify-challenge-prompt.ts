import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ALREADY_RESPONDED, CHALLENGE_EXPIRED, NETWORK_ERROR, isTransientCode } from '../../protocol/codes.js';
import type { Challenge, ChallengePush, VerifyPushClient } from '../../client/types.js';
import { VERSION } from '../../version.js';
import { VerifyApprovedEvent, VerifyChallengeEvent, VerifyDeniedEvent, VerifyErrorEvent, VerifyExpiredEvent, type ChallengeRef } from './events.js';
import { styles } from './verify-challenge-prompt.styles.js';
import { challengePrompt as en } from '../../locales/en.js';
import { LocaleController } from '../../locales/localize.js';
import type { ChallengePromptStrings } from './strings.js';
import { Announcer } from '../internal/announcer.js';
import { toErrorDetail, type ErrorDetail } from '../internal/error-detail.js';
import { FocusController } from '../internal/focus.js';
import type { TransportName } from '../internal/load-client.js';
import type { PollingTransportOptions } from '../../push/polling.js';

export type { ChallengePromptStrings };

/** What the prompt is doing; reflected to the `state` attribute for styling. */
export type ChallengePromptState =
  | 'idle'
  | 'loading'
  | 'pending'
  | 'confirm'
  | 'approving'
  | 'denying'
  | 'approved'
  | 'denied'
  | 'expired'
  | 'answered'
  | 'offline'
  | 'error';

const THRESHOLDS = [60, 30, 10];
// What <verify-enroll> fires (by name: its event classes need not load with the prompt).
const ENROLLED: keyof GlobalEventHandlersEventMap = 'verify-enrolled';
const CHANNEL = 'verify-elements';

type Target = Omit<ChallengePush, 'message'> & { message?: string };

// Bidi overrides (LRO, RLO) display letters in reverse, so "elgoog" reads "google": drop them and
// show the text in its real order. Embeddings and isolates cannot reorder letters; they stay.
const unspoofed = (text: string) => text.replace(/[\u202D\u202E]/g, '');

/**
 * Shows a push challenge and answers it: the message at once (from the push), then the details,
 * a live expiry countdown, and Approve / Deny. Deny asks whether to report the sign-in as
 * suspicious. When the backend puts `match_choices` (e.g. `17,42,88`) in the hidden details, the
 * user picks the number shown on the sign-in screen before approving; the pick travels as
 * `Metadata` `{ match_choice }` and the backend judges it (the answer is never on the device).
 *
 * What to show, in order of precedence: the `push` property; the `factor-sid` and `challenge-sid`
 * attributes; otherwise each challenge that reaches `client.onChallenge`. Text shows as text, in its
 * real order (bidi overrides are dropped). Answers are shared with
 * the other tabs of this browser (BroadcastChannel `verify-elements`), so a prompt answered in one
 * tab shows "already answered" in the others.
 *
 * @summary Approve or deny a Verify Push challenge, with number matching and expiry.
 * @tagname verify-challenge-prompt
 *
 * @fires {VerifyChallengeEvent} verify-challenge - A challenge's details were loaded; detail: what is shown.
 * @fires {VerifyApprovedEvent} verify-approved - The approval was accepted; detail: `{ factorSid, challengeSid }`.
 * @fires {VerifyDeniedEvent} verify-denied - The denial was accepted; detail: `{ factorSid, challengeSid, reported }`.
 * @fires {VerifyExpiredEvent} verify-expired - The challenge expired before it was answered.
 * @fires {VerifyErrorEvent} verify-error - Loading or answering failed, it was answered elsewhere (code 60322), or a push was ignored; detail: `{ code, message, reason? }`.
 *
 * @csspart container - The box around everything.
 * @csspart message - The challenge's message (a heading).
 * @csspart fields - The list of details.
 * @csspart field - One detail (label and value).
 * @csspart field-label - A detail's label.
 * @csspart field-value - A detail's value.
 * @csspart countdown - The time left.
 * @csspart choices - The number choices (number matching).
 * @csspart choice - One number.
 * @csspart choice-selected - The picked number.
 * @csspart actions - The row of buttons.
 * @csspart approve - The Approve button.
 * @csspart deny - The Deny button.
 * @csspart report - The "report as suspicious?" question after Deny.
 * @csspart report-yes - Deny and report.
 * @csspart report-no - Deny without reporting.
 * @csspart status - What happened (loading, approved, expired, an error…).
 * @csspart retry - The Retry button after a network failure.
 *
 * @cssprop --verify-accent - Buttons, picked number and focus ring.
 * @cssprop --verify-on-accent - Text on accent-coloured buttons.
 * @cssprop --verify-text-color - Text colour.
 * @cssprop --verify-muted-color - Detail labels and the countdown.
 * @cssprop --verify-surface - Background.
 * @cssprop --verify-border-color - Border of the box and of the numbers.
 * @cssprop --verify-error-color - Error text.
 * @cssprop --verify-radius - Corner radius.
 * @cssprop --verify-font-family - Font.
 * @cssprop --verify-focus-ring-width - Width of focus rings and of the picked number's ring.
 * @cssprop --verify-prompt-max-width - Maximum width of the box.
 * @cssprop --verify-prompt-padding - Padding of the box.
 * @cssprop --verify-prompt-gap - Space between the parts.
 * @cssprop --verify-prompt-message-size - Font size of the message.
 * @cssprop --verify-prompt-choice-size - Font size of the numbers.
 */
export class VerifyChallengePrompt extends LitElement {
  /** The kit version that defined this element. */
  static readonly version: string = VERSION;
  static override styles = styles;
  static override properties = {
    client: { attribute: false },
    factorSid: { attribute: 'factor-sid' },
    challengeSid: { attribute: 'challenge-sid' },
    push: { attribute: false },
    autoApprove: { type: Boolean, attribute: 'auto-approve' },
    apiBase: { attribute: 'api-base' },
    transport: {},
    pollingOptions: { attribute: false },
    strings: { attribute: false },
  };

  /** The Verify Push client that loads and answers challenges (from the app or `<verify-enroll>`). */
  client?: VerifyPushClient;
  /** The factor (this browser) the challenge is for; with `challenge-sid`, loads that challenge. */
  factorSid = '';
  /** The challenge to load and show; with `factor-sid`. */
  challengeSid = '';
  /** A push as the transport parsed it: its message shows at once, the details follow. */
  push?: ChallengePush;
  /**
   * Approves on arrival without asking, for when the app knows the sign-in happens in this same
   * browser. Ignored for challenges that ask for number matching.
   */
  autoApprove = false;
  /**
   * Without `client`: the Verify API (or an emulator's `/v2/` URL) to make a client for, on this
   * browser's key store, so the prompt shows the sign-in requests of every factor enrolled in this
   * browser, after a reload too, with no script.
   */
  apiBase = '';
  /** With `api-base`: how sign-in requests reach this browser, as on `<verify-enroll>`. */
  transport: TransportName = 'polling';
  /** With `api-base` and polling: the intervals. */
  pollingOptions?: PollingTransportOptions;
  /** Visible and announced strings; give some or all to translate or reword them. */
  strings: Partial<ChallengePromptStrings> = {};

  // English by default; the nearest `lang` picks a translation (src/locales/).
  readonly #locale = new LocaleController(this, 'challengePrompt', en);

  #state: ChallengePromptState = 'idle';
  #target: Target | undefined;
  #challenge: Challenge | undefined;
  #choices: string[] = [];
  #choice = '';
  #reported = false;
  #left = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #announcer = new Announcer(this);
  #error: ErrorDetail = { code: 0, message: '' };
  #retry: (() => void) | undefined;
  readonly #focus = new FocusController(this);
  // Whether focus was in the prompt when an answer started (its disabled button may have lost it).
  #hadFocus = false;
  #listening: VerifyPushClient | undefined;
  // The client made from `api-base` (the app gave none).
  #own: VerifyPushClient | undefined;
  #unlisten: (() => void) | undefined;
  #channel: BroadcastChannel | undefined;

  /** What the prompt is doing (also the `state` attribute). */
  get state(): ChallengePromptState {
    return this.#state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#channel = new BroadcastChannel(CHANNEL);
    this.#channel.onmessage = ({ data }: MessageEvent) => {
      if (data?.challengeSid === this.#target?.challengeSid && (this.#state === 'pending' || this.#state === 'confirm')) this.#answered(`Challenge ${data.challengeSid} was ${data.status} in another tab.`);
    };
    document.addEventListener(ENROLLED, this.#onEnrolled);
    this.#listen();
    this.#tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#channel?.close();
    this.#channel = undefined;
    document.removeEventListener(ENROLLED, this.#onEnrolled);
    this.#listen();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.apiBase && (!this.client || this.client === this.#own) && (['apiBase', 'transport', 'pollingOptions'] as const).some(key => changed.has(key))) {
      void this.#makeClient();
    }
    if (!(['push', 'factorSid', 'challengeSid', 'client'] as const).some(key => changed.has(key))) return;
    this.#listen();
    const target = this.#appTarget;
    if (target && target.challengeSid !== this.#target?.challengeSid) this.#show(target);
    else if (changed.has('client') && this.#state === 'loading') this.#load();
  }

  protected override updated(): void {
    this.setAttribute('state', this.#state);
  }

  protected override render() {
    if (!this.#target) return nothing;
    const s = this.#strings;
    const state = this.#state;
    const fields = this.#challenge?.details.fields ?? [];
    const message = this.#challenge?.details.message ?? this.#target.message;
    const asking = state === 'pending' || state === 'approving';
    const reporting = state === 'confirm' || state === 'denying';
    const busy = state === 'loading' || state === 'approving' || state === 'denying';
    const status = this.#statusText();
    return html`<section part="container" aria-busy=${busy}>
        ${message ? html`<h2 part="message" tabindex="-1" dir="auto">${unspoofed(message)}</h2>` : nothing}
        ${fields.length
          ? html`<dl part="fields">
              ${fields.map(f => html`<div part="field"><dt part="field-label" dir="auto">${unspoofed(f.label)}</dt><dd part="field-value" dir="auto">${unspoofed(f.value)}</dd></div>`)}
            </dl>`
          : nothing}
        ${asking || reporting ? html`<p part="countdown" role="timer">${s.timeLeft(this.#left, `${Math.floor(this.#left / 60)}:${String(this.#left % 60).padStart(2, '0')}`)}</p>` : nothing}
        ${asking && this.#choices.length
          ? html`<fieldset part="choices" ?disabled=${busy} @change=${this.#pick}>
              <legend>${s.pickNumber}</legend>
              <div class="choices">
                ${this.#choices.map(
                  n => html`<label part=${n === this.#choice ? 'choice choice-selected' : 'choice'}><input type="radio" name="match" .value=${n} .checked=${n === this.#choice} />${n}</label>`,
                )}
              </div>
            </fieldset>`
          : nothing}
        ${asking
          ? html`<div part="actions">
              <button part="approve" ?disabled=${busy || (this.#choices.length > 0 && !this.#choice)} @click=${() => this.#answer(true)}>${s.approve}</button>
              <button part="deny" ?disabled=${busy} @click=${this.#askReport}>${s.deny}</button>
            </div>`
          : nothing}
        ${reporting
          ? html`<fieldset part="report" tabindex="-1">
              <legend>${s.report}</legend>
              <div part="actions">
                <button part="report-yes" ?disabled=${busy} @click=${() => this.#answer(false, true)}>${s.yes}</button>
                <button part="report-no" ?disabled=${busy} @click=${() => this.#answer(false, false)}>${s.no}</button>
              </div>
            </fieldset>`
          : nothing}
        ${status ? html`<p part="status">${status}</p>` : nothing}
        ${this.#retry ? html`<div part="actions"><button part="retry" @click=${this.#retry}>${s.retry}</button></div>` : nothing}
      </section>
      ${this.#announcer.region}`;
  }

  get #strings(): ChallengePromptStrings {
    return this.#locale.strings;
  }

  /** The challenge the app named, if any: `push` wins over the attributes. */
  get #appTarget(): Target | undefined {
    return this.push ?? (this.factorSid && this.challengeSid ? { factorSid: this.factorSid, challengeSid: this.challengeSid } : undefined);
  }

  get #ref(): ChallengeRef {
    return { factorSid: this.#target!.factorSid, challengeSid: this.#target!.challengeSid };
  }

  #statusText(): string {
    const s = this.#strings;
    const text: Partial<Record<ChallengePromptState, string>> = {
      loading: s.loading,
      approving: s.approving,
      denying: s.denying,
      // With number matching, whether the pick was right is the site's to say, not the prompt's.
      approved: this.#choice ? s.answerSent : s.approved,
      denied: this.#reported ? s.reported : s.denied,
      expired: s.expired,
      answered: s.answered,
      offline: s.offline,
      error: s.error(this.#error.code, this.#error.message),
    };
    return text[this.#state] ?? '';
  }

  /** A client from `api-base`, loaded on first use; the app's own `client`, given meanwhile, wins. */
  async #makeClient(): Promise<void> {
    const { apiBase, transport, pollingOptions } = this;
    try {
      const { loadClient } = await import('../internal/load-client.js');
      const { client } = await loadClient({ apiBase, transport, pollingOptions }, 'verify-challenge-prompt');
      const current = apiBase === this.apiBase && transport === this.transport && pollingOptions === this.pollingOptions;
      if (current && (!this.client || this.client === this.#own)) this.#own = this.client = client;
    } catch (error) {
      const { code, message } = toErrorDetail(error);
      this.#emit(new VerifyErrorEvent({ code, message }));
    }
  }

  /** A factor enrolled in this page: the prompt's own client subscribes it too. */
  #onEnrolled = (): void => {
    if (!this.#own || this.#listening !== this.#own) return;
    this.#unlisten?.();
    this.#listening = undefined;
    this.#listen();
  };

  /** Follows the client's pushes while connected and the app names no challenge. */
  #listen(): void {
    const client = this.isConnected && !this.#appTarget ? this.client : undefined;
    if (client === this.#listening) return;
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#listening = client;
    if (!client) return;
    const stops = [
      client.onChallenge(push => {
        // Transports may deliver a push twice (polling sees it until it is answered).
        if (push.challengeSid !== this.#target?.challengeSid) this.#show(push);
      }),
      // Malformed or foreign pushes never reach the page as exceptions: they are reported here.
      client.onPushError(({ code, message, reason }) => this.#emit(new VerifyErrorEvent({ code, message, reason }))),
    ];
    this.#unlisten = () => stops.forEach(stop => stop());
  }

  #show(target: Target): void {
    this.#target = target;
    this.#challenge = undefined;
    this.#choices = [];
    this.#choice = '';
    this.#announcer.clear();
    this.#focus.request(this.autoApprove ? undefined : '[part=message]');
    this.#load();
  }

  #set(state: ChallengePromptState): void {
    this.#state = state;
    this.#retry = undefined;
    this.requestUpdate();
  }

  async #load(): Promise<void> {
    const target = this.#target!;
    const client = this.client;
    this.#set('loading');
    if (!client) return; // loads when the client is set
    let challenge: Challenge;
    try {
      challenge = await client.getChallenge(target.factorSid, target.challengeSid);
    } catch (error) {
      if (target === this.#target && client === this.client) this.#fail(error, () => this.#load());
      return;
    }
    if (target !== this.#target || client !== this.client) return;
    const { details, status, hiddenDetails, expirationDate } = challenge;
    this.#challenge = challenge;
    this.#choices = hiddenDetails?.match_choices?.split(',').map(n => n.trim()).filter(Boolean) ?? [];
    this.#emit(
      new VerifyChallengeEvent({ ...this.#ref, message: details.message, fields: details.fields, status, expirationDate, numberMatch: this.#choices.length > 0 }),
    );
    if (status === 'expired') return this.#expire();
    if (status !== 'pending') return this.#answered(`Challenge ${challenge.sid} was already ${status}.`);
    this.#set('pending');
    this.#left = this.#secondsLeft(); // announced only when a threshold is crossed while shown
    this.#tick();
    if (this.#state === 'pending' && this.autoApprove && !this.#choices.length) this.#answer(true);
  }

  /** Updates the time left, right after each whole second, and announces it at the thresholds. */
  #tick = (): void => {
    clearTimeout(this.#timer);
    const state = this.#state;
    if (!this.isConnected || !['pending', 'confirm', 'approving', 'denying'].includes(state)) return;
    const left = this.#secondsLeft();
    if (left !== this.#left) {
      const crossed = THRESHOLDS.find(t => left <= t && this.#left > t);
      if (crossed && left) this.#announcer.announce(this.#strings.timeLeftAnnouncement(crossed));
      this.#left = left;
      this.requestUpdate();
    }
    if (left) this.#timer = setTimeout(this.#tick, (this.#msLeft() % 1000) + 5);
    // An answer on its way is the server's to judge.
    else if (state === 'pending' || state === 'confirm') this.#expire();
  };

  #msLeft(): number {
    // The server's time as the client knows it: a device clock set wrong must not expire a live challenge.
    return Date.parse(this.#challenge!.expirationDate) - (this.client?.now() ?? Date.now());
  }

  #secondsLeft(): number {
    return Math.max(0, Math.ceil(this.#msLeft() / 1000));
  }

  #pick(e: Event): void {
    this.#choice = (e.target as HTMLInputElement).value;
    this.requestUpdate();
  }

  #askReport(): void {
    this.#set('confirm');
    this.#focus.request('[part=report]');
  }

  async #answer(approve: boolean, reported = false): Promise<void> {
    const target = this.#target!;
    const client = this.client!;
    const { factorSid, challengeSid } = target;
    this.#hadFocus = this.matches(':focus-within');
    this.#set(approve ? 'approving' : 'denying');
    try {
      if (approve) await client.approveChallenge(factorSid, challengeSid, this.#choice ? { match_choice: this.#choice } : undefined);
      else await client.denyChallenge(factorSid, challengeSid, { reported: String(reported) });
    } catch (error) {
      if (target === this.#target) this.#fail(error, () => this.#answer(approve, reported));
      return;
    }
    // Other tabs are told even when this prompt was removed meanwhile (its own channel is then closed).
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ challengeSid, status: approve ? 'approved' : 'denied' });
    channel.close();
    if (target !== this.#target) return;
    this.#reported = reported;
    this.#end(approve ? 'approved' : 'denied');
    this.#emit(approve ? new VerifyApprovedEvent(this.#ref) : new VerifyDeniedEvent({ ...this.#ref, reported }));
  }

  #fail(error: unknown, retry: () => void): void {
    const detail = toErrorDetail(error);
    if (detail.code === CHALLENGE_EXPIRED) return this.#expire();
    if (detail.code === ALREADY_RESPONDED) return this.#answered(detail.message);
    this.#error = detail;
    this.#end(detail.code === NETWORK_ERROR ? 'offline' : 'error');
    // Only a failure that may pass gets a Retry.
    if (isTransientCode(detail.code, detail.status)) {
      this.#retry = retry;
      if (this.#focus.pending) this.#focus.request('[part=retry]');
    }
    this.#emit(new VerifyErrorEvent({ code: detail.code, message: detail.message }));
  }

  #expire(): void {
    this.#end('expired');
    this.#emit(new VerifyExpiredEvent(this.#ref));
  }

  /** `message` goes into the `verify-error` event, for logs; the screen shows `strings.answered`. */
  #answered(message: string): void {
    this.#end('answered');
    this.#emit(new VerifyErrorEvent({ code: ALREADY_RESPONDED, message }));
  }

  /** A final state: said aloud, and focus kept in the prompt when its button goes away. */
  #end(state: ChallengePromptState): void {
    if (this.#hadFocus || this.matches(':focus-within')) this.#focus.request('[part=message]');
    this.#hadFocus = false;
    this.#set(state);
    clearTimeout(this.#timer);
    this.#announcer.announce(this.#statusText());
  }

  // One call site for dispatchEvent: the manifest documents the events from @fires, not from guesses.
  #emit(event: Event): void {
    this.dispatchEvent(event);
  }
}
