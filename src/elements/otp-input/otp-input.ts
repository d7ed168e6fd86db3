import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { VERSION } from '../../version.js';
import { characterTest, codeCharacters, type OtpCase, type OtpMode } from './characters.js';
import { OtpCompleteEvent, type OtpSource } from './events.js';
import { rootStyles, styles } from './otp-input.styles.js';
import { otpInput as en } from '../../locales/en.js';
import { LocaleController } from '../../locales/localize.js';
import { DEV_MODE } from '../../dev.js';
import type { OtpInputStrings } from './strings.js';
import { Announcer } from '../internal/announcer.js';

export type { OtpInputStrings };
/** Where a password manager's badge goes: see `passwordManagerBadge`. */
export type OtpBadgeRoom = 'auto' | 'reserve' | 'none';

const MAX_LENGTH = 12;
// The input's events the element handles (selectionchange: engines that fire it at the input,
// where it does not cross shadow roots; the document's is listened to while focused).
const INPUT_EVENTS = ['beforeinput', 'input', 'keydown', 'focus', 'blur', 'change', 'invalid', 'selectionchange'];
// Hints every one-time-code input gets; `dir` keeps the code left to right on RTL pages.
const INPUT_HINTS = { autocomplete: 'one-time-code', enterkeyhint: 'done', autocapitalize: 'off', autocorrect: 'off', spellcheck: 'false', dir: 'ltr' };
// Created inputs are copies of one that holds the hints: attributes written to a connected input
// each cost a style invalidation, which pages with many fields feel.
let inputPrototype: HTMLInputElement | undefined;
// Pointer events reach the host from the input, which lies over the boxes.
const POINTER_EVENTS = ['pointerdown', 'pointermove', 'click', 'dblclick', 'dragstart'];
const adoptedRoots = new WeakSet<Document | ShadowRoot>();
let instances = 0;

// Callers check DEV_MODE themselves, so that the production build drops their messages too.
const warn = (attribute: string, value: unknown, problem: string, fallback: string) =>
  console.warn(`<otp-input>: ${attribute}="${value}" ${problem}; using ${fallback}.`);

/**
 * A one-time-code field: one real `<input autocomplete="one-time-code">` in light DOM, which forms,
 * labels, SMS autofill and password managers see as a native input, drawn as a row of boxes.
 * An `<input>` child is enhanced (so the page works before JavaScript runs); without one, the element
 * creates it. Native `input` and `change` events bubble from that input.
 *
 * @summary One-time-code input drawn as boxes, with paste, autofill and opt-in WebOTP.
 * @tagname otp-input
 *
 * @slot - The `<input>` to enhance. Created when missing.
 * @slot message - Holds the error message; the element fills it and links it to the input.
 *
 * @fires {OtpCompleteEvent} otp-complete - The code became complete (right after its `input` event has reached every listener, so frameworks have the new value). Cancelable: cancel it to stop `autosubmit`.
 * @fires {InputEvent} input - Native: the value changed.
 * @fires {Event} change - Native: the value was committed.
 *
 * @csspart field - The box row, with the room for a password-manager badge when reserved (see `password-manager-badge`).
 * @csspart boxes - The row of boxes.
 * @csspart box - Each box.
 * @csspart box-filled - A box that holds a character.
 * @csspart box-active - The box that typing goes to (several while a range is selected).
 * @csspart box-invalid - Every box while `invalid`.
 * @csspart char - The character in a box.
 * @csspart caret - The blinking caret in the active empty box.
 * @csspart placeholder - The placeholder character in an empty box (see `placeholder`).
 * @csspart separator - The mark between groups (see `groups`).
 * @csspart error - The error message.
 *
 * @cssprop --verify-accent - Active box and focus ring colour.
 * @cssprop --verify-text-color - Text colour.
 * @cssprop --verify-surface - Box background.
 * @cssprop --verify-border-color - Box border and separator colour.
 * @cssprop --verify-error-color - Error text and invalid border colour.
 * @cssprop --verify-radius - Box corner radius.
 * @cssprop --verify-font-family - Font of the boxes and message.
 * @cssprop --verify-otp-box-size - Box width.
 * @cssprop --verify-otp-box-height - Box height.
 * @cssprop --verify-otp-gap - Space between boxes.
 * @cssprop --verify-otp-font-size - Size of the characters.
 * @cssprop --verify-otp-badge-room - Room on the right for a password-manager badge (see `password-manager-badge`).
 * @cssprop --verify-otp-placeholder-color - Colour of the placeholder characters.
 * @cssprop --verify-otp-border-width - Box border width (doubled while invalid).
 * @cssprop --verify-focus-ring-width - Width of the active box's ring.
 * @cssprop --verify-error-font-size - Size of the error message.
 *
 * @cssstate complete - Every box holds a character.
 * @cssstate invalid - The field is shown as wrong: `invalid`, or the message of a failed submit.
 * @cssstate empty - No box holds a character.
 * @cssstate focused - The input has focus.
 */
export class OtpInput extends LitElement {
  /** The kit version that defined this element. */
  static readonly version: string = VERSION;
  static override styles = styles;
  static override properties = {
    length: { type: Number, reflect: true },
    mode: { reflect: true },
    pattern: {},
    case: {},
    placeholder: {},
    passwordManagerBadge: { attribute: 'password-manager-badge' },
    name: {},
    defaultValue: { attribute: 'value' },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    readonly: { type: Boolean, reflect: true },
    masked: { type: Boolean, reflect: true },
    groups: {},
    autosubmit: { type: Boolean },
    webotp: { type: Boolean },
    label: {},
    invalid: { type: Boolean, reflect: true },
    errorMessage: { attribute: 'error-message' },
    strings: { attribute: false },
  };

  /** Number of characters in the code (1–12). */
  length = 6;
  /** Which characters the code holds: `numeric` (digits) or `alphanumeric` (A–Z, a–z, 0–9). */
  mode: OtpMode = 'numeric';
  /** A regular expression for ONE allowed character (e.g. `[0-9A-F]`); overrides `mode`. */
  pattern = '';
  /** Letters typed, pasted or set become `upper` or `lower` case (for alphanumeric codes); empty: as they come. */
  case: OtpCase = '';
  /** Shown in empty boxes: one character for every box (`○`), or one per box (`123456`). Not read out: assistive technology hears the input's name. */
  placeholder = '';
  /**
   * Room for a password manager's badge right of the last box. `auto`: made only while a badge is
   * found on focus, over what lies right of the field, so the boxes never move; `reserve`: always
   * part of the layout; `none`: never (the badge may cover the last box).
   */
  passwordManagerBadge: OtpBadgeRoom = 'auto';
  /** Form field name the code submits under. */
  name = '';
  /** The initial value, restored on form reset (the `value` attribute). */
  defaultValue = '';
  /** The form cannot be submitted without a complete code. */
  required = false;
  /** Disables the field. A disabled `<fieldset>` around it disables it too. */
  disabled = false;
  /** The code can be read and copied but not changed. */
  readonly = false;
  /** Shows dots instead of characters. */
  masked = false;
  /** Visual grouping of the boxes, e.g. `3-3`; the sizes must add up to `length`. */
  groups = '';
  /** Submits the form when the code becomes complete (unless `otp-complete` is cancelled). */
  autosubmit = false;
  /** Asks the browser for the code from an SMS (WebOTP) on first focus. Opt-in: some Chromium forks crash on it. */
  webotp = false;
  /** Accessible name of the input, used when no `<label>` names it. */
  label = '';
  /** Shows the field as wrong (for example after the server rejected the code). */
  invalid = false;
  /** Message shown and announced while `invalid`. */
  errorMessage = '';
  /** Visible and announced strings; give some or all to translate or reword them. */
  strings: Partial<OtpInputStrings> = {};

  // English by default; the nearest `lang` picks a translation (src/locales/).
  readonly #locale = new LocaleController(this, 'otpInput', en);

  // What the boxes show, read from the input by #sync().
  #value = '';
  #selection = [0, 0];
  #focused = false;
  // Codes are filled in (and announced) only into a focused field: the live region, one node less
  // for every field on a page, is there from the first focus, before anything is announced.
  #focusedOnce = false;
  #fieldDisabled = false;
  #showValidity = false;
  readonly #announcer = new Announcer(this);

  #input: HTMLInputElement | undefined;
  #errorNode: HTMLElement | undefined;
  #ownerForm: HTMLFormElement | null | undefined;
  #pendingValue: string | undefined;
  #pendingSource: OtpSource | undefined;
  #valueAtFocus = '';
  // The fallback name last given to the input.
  #name: string | undefined;
  #changeFired = false;
  // What the input's setCustomValidity() was last given.
  #customValidity = '';
  #otpRequest: AbortController | undefined;
  #fieldsetObserver: MutationObserver | undefined;
  // The boxes a pointer pressed and dragged over, [anchor, focus]. Engines place the caret at
  // different moments of a click (WebKit after the click event) and select text their own way while
  // dragging, so these boxes are remembered until the next key and applied on every selection change.
  #pointerBoxes: [number, number] | undefined;
  // The key that led to the next input event was Backspace.
  #backspace = false;
  // A password manager's badge was found (password-manager-badge="auto").
  #badge = false;
  #groupEnds = new Set<number>();
  readonly #uid = `otp-input-${++instances}`;
  // Custom states (:state(complete)…); absent where ElementInternals has none (or Lit SSR).
  readonly #states = this.attachInternals?.().states;

  constructor() {
    super();
    for (const type of POINTER_EVENTS) this.addEventListener(type, this);
  }

  /** The current code. Setting it fires no events, like a native input. */
  get value(): string {
    return this.#input?.value ?? this.#pendingValue ?? this.defaultValue;
  }
  set value(value: string) {
    const clean = this.#clean(String(value ?? ''));
    if (!this.#input) {
      this.#pendingValue = clean;
      return;
    }
    this.#input.value = clean;
    this.#sync();
  }

  /** The form the code belongs to. */
  get form(): HTMLFormElement | null {
    return this.#input?.form ?? null;
  }
  /** The native input's validity (length and `required` are checked). */
  get validity(): ValidityState | undefined {
    return this.#input?.validity;
  }
  /** Why the code is not valid, or an empty string. */
  get validationMessage(): string {
    return this.#input?.validationMessage ?? '';
  }
  /** Checks validity without showing anything. */
  checkValidity(): boolean {
    return this.#input?.checkValidity() ?? true;
  }
  /** Checks validity and shows the message. */
  reportValidity(): boolean {
    return this.#input?.reportValidity() ?? true;
  }
  /** Focuses the input. */
  override focus(options?: FocusOptions): void {
    this.#input?.focus(options);
  }
  /** Removes focus from the input. */
  override blur(): void {
    this.#input?.blur();
  }
  /** Focuses the field and selects the whole code, so that typing or a paste replaces it. */
  select(): void {
    this.focus();
    this.#pointerBoxes = undefined;
    this.#input?.select();
    this.#sync();
  }
  /**
   * Empties the field as a user deleting the code would, focused on the first box: fires `input`
   * when there was a code (never `otp-complete`); nothing in a disabled or readonly field.
   */
  clear(): void {
    this.focus();
    if (this.value) this.#insert('', 'typing', 'deleteContentBackward', true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A value set before the tag was defined (frameworks do that) hides the accessor: re-apply it.
    if (Object.hasOwn(this, 'value')) {
      const value = this.value;
      delete (this as { value?: string }).value;
      this.value = value;
    }
    this.#adoptInput();
    const input = this.#input!;
    for (const type of INPUT_EVENTS) input.addEventListener(type, this);
    this.#ownerForm = input.form;
    this.#ownerForm?.addEventListener('submit', this);
    this.#ownerForm?.addEventListener('reset', this);
    this.#observeFieldsets();
    this.#adoptRootStyles();
    if (this.hasUpdated) this.#nameInput();
    this.#sync();
    if (this.#hasFocus()) this.#onFocus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const input = this.#input!;
    for (const type of INPUT_EVENTS) input.removeEventListener(type, this);
    document.removeEventListener('selectionchange', this);
    this.#ownerForm?.removeEventListener('submit', this);
    this.#ownerForm?.removeEventListener('reset', this);
    this.#fieldsetObserver?.disconnect();
    this.#stopWebOtp();
  }

  /**
   * Routes the events of the input, its form and the document: one listener object rather than a
   * bound function per event.
   * @internal
   */
  handleEvent(e: Event): void {
    switch (e.type) {
      case 'beforeinput':
        return this.#onBeforeInput(e as InputEvent);
      case 'input':
        return this.#onInput(e);
      case 'keydown':
        return this.#onKeyDown(e as KeyboardEvent);
      case 'focus':
        return this.#onFocus();
      case 'blur':
        return this.#onBlur();
      case 'change':
        this.#changeFired = true;
        return;
      case 'invalid':
        this.#showValidity = true;
        return this.requestUpdate();
      case 'selectionchange':
        return this.#onSelectionChange();
      case 'submit':
        return this.#stopWebOtp();
      case 'reset':
        return this.#onReset();
      case 'pointerdown':
        return this.#onPointerDown(e as PointerEvent);
      case 'pointermove':
        return this.#onPointerMove(e as PointerEvent);
      case 'click':
        return this.#onClick();
      case 'dblclick':
        return this.#onDoubleClick();
      case 'dragstart':
        // A drag across the boxes selects them: the engine must not start dragging the selected
        // text instead (WebKit does, when the selection changes under a pressed button).
        return e.preventDefault();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!(Number.isInteger(this.length) && this.length >= 1 && this.length <= MAX_LENGTH)) {
      if (DEV_MODE) warn('length', this.length, `is not a whole number from 1 to ${MAX_LENGTH}`, '6');
      this.length = 6;
    }
    this.#choose('mode', 'numeric', 'alphanumeric');
    this.#choose('case', '', 'upper', 'lower');
    this.#choose('passwordManagerBadge', 'auto', 'reserve', 'none');
    if (this.passwordManagerBadge !== 'auto') this.#badge = false;
    if (changed.has('webotp') && !this.webotp) this.#stopWebOtp();
    if (changed.has('groups') || changed.has('length')) this.#groupEnds = this.#groupEndsFor();

    // Settings reach the input before rendering, so the boxes show what they did to its value,
    // and only when they change: every write is DOM work, and pages with many fields feel it.
    const input = this.#input;
    // Rendered on a server (Lit SSR): there is no input yet, and the boxes show the `value` attribute.
    if (!input) {
      this.#value = this.#clean(this.defaultValue);
      return;
    }
    if (changed.has('name')) {
      if (this.name) input.name = this.name;
      else input.removeAttribute('name');
    }
    if (changed.has('required')) input.required = this.required;
    if (changed.has('disabled')) input.disabled = this.disabled;
    if (changed.has('readonly')) input.readOnly = this.readonly;
    const rules = changed.has('length') || changed.has('mode') || changed.has('pattern') || changed.has('case');
    if (rules) {
      input.maxLength = this.length;
      input.inputMode = this.pattern || this.mode === 'alphanumeric' ? 'text' : 'numeric';
      // Stricter rules apply to what is already there.
      const clean = this.#clean(input.value);
      if (clean !== input.value) input.value = clean;
    }
    const defaultValue = this.#clean(this.defaultValue);
    if (input.defaultValue !== defaultValue) input.defaultValue = defaultValue;
    this.#sync();
  }

  /** Falls back to the first of `values` when `key` holds none of them (a removed attribute silently). */
  #choose(key: 'mode' | 'case' | 'passwordManagerBadge', ...values: string[]): void {
    const value = this[key] ?? '';
    if (values.includes(value)) return;
    if (DEV_MODE && value) {
      const names = values.filter(Boolean).map(v => `"${v}"`);
      warn(key === 'passwordManagerBadge' ? 'password-manager-badge' : key, value, `is not ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`, values[0] ? `"${values[0]}"` : 'letters as they come');
    }
    (this as Record<typeof key, string>)[key] = values[0];
  }

  protected override updated(): void {
    const input = this.#input!;
    // Only when the name may change (`label`, or the strings: set by the app, or another language).
    if ((this.label || this.#strings.label) !== this.#name) this.#nameInput();
    const validity = this.#validityMessage();
    if (validity !== this.#customValidity) input.setCustomValidity((this.#customValidity = validity));
    const message = this.#errorText();
    this.#renderError(message);
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    const count = this.#value.length;
    const states = { complete: count === this.length, invalid: this.invalid || !!message, empty: !count, focused: this.#focused };
    for (const [state, on] of Object.entries(states)) {
      try {
        this.#states?.[on ? 'add' : 'delete'](state);
      } catch {
        // Chromium before 125 takes only `--name` states: styling falls back to the parts there.
      }
    }
  }

  /** A <label> names the input better than aria-label can (aria-label would override it). */
  #nameInput(): void {
    const input = this.#input!;
    this.#name = this.label || this.#strings.label;
    // Only an id or a <label> around it can label the input: `labels` would scan the document for nothing.
    if (input.hasAttribute('aria-labelledby') || ((input.id || this.closest('label')) && input.labels?.length)) input.removeAttribute('aria-label');
    else input.setAttribute('aria-label', this.#name);
  }

  protected override render() {
    const value = [...this.#value];
    const [start, end] = this.#selection;
    const disabled = this.disabled || this.#fieldDisabled;
    const marks = [...(this.placeholder ?? '')];
    const boxes = [];
    for (let i = 0; i < this.length; i++) {
      const active = this.#focused && !disabled && (i === start || (i > start && i < end));
      const mark = marks[1] ? marks[i] : marks[0];
      const content = value[i]
        ? html`<span part="char">${this.masked ? '•' : value[i]}</span>`
        : active && !this.readonly
          ? html`<span part="caret"></span>`
          : mark
            ? html`<span part="placeholder">${mark}</span>`
            : nothing;
      // Most boxes of most fields are plain: a template with no attribute to write.
      boxes.push(
        value[i] || active || this.invalid
          ? html`<span part="box${value[i] ? ' box-filled' : ''}${active ? ' box-active' : ''}${this.invalid ? ' box-invalid' : ''}">${content}</span>`
          : html`<span part="box">${content}</span>`,
      );
      if (this.#groupEnds.has(i + 1) && i + 1 < this.length) boxes.push(html`<span part="separator"></span>`);
    }
    const error = this.#errorText();
    const room = this.passwordManagerBadge === 'reserve' ? 'reserve' : this.#badge ? 'badge' : '';
    return html`<div part="field" class=${room || disabled ? `${room} ${disabled ? 'disabled' : ''}` : nothing} dir="ltr">
        <div part="boxes" aria-hidden="true">${boxes}</div>
        <slot></slot>
      </div>
      ${error ? html`<div part="error"><slot name="message"></slot></div>` : nothing}
      ${this.#focusedOnce ? this.#announcer.region : nothing}`;
  }

  get #strings(): OtpInputStrings {
    return this.#locale.strings;
  }

  #validityMessage(): string {
    const count = this.#value.length;
    const s = this.#strings;
    if (count === 0) return this.required ? s.required(this.length, this.mode) : '';
    return count < this.length ? s.incomplete(this.length, this.mode) : '';
  }

  /** What the error part shows: the app's message while `invalid`, else a failed submit's reason. */
  #errorText(): string {
    return this.invalid ? this.errorMessage : this.#showValidity ? this.#validityMessage() : '';
  }

  // --- the light-DOM input -------------------------------------------------------------------

  #adoptInput(): void {
    if (this.#input?.parentNode === this) return;
    let input = this.querySelector<HTMLInputElement>(':scope > input');
    if (input) {
      // Enhance the author's input: what it says becomes the element's settings, unless the
      // element's own attributes say otherwise.
      const take = (from: string, to: string, apply: (value: string) => void) => {
        const v = input!.getAttribute(from);
        if (v !== null && !this.hasAttribute(to)) apply(v);
      };
      take('name', 'name', v => (this.name = v));
      take('value', 'value', v => (this.defaultValue = v));
      take('maxlength', 'length', v => (this.length = Number(v)));
      take('aria-label', 'label', v => (this.label = v));
      for (const flag of ['required', 'disabled', 'readonly'] as const) take(flag, flag, () => (this[flag] = true));
      for (const [name, value] of Object.entries(INPUT_HINTS)) input.setAttribute(name, value);
    } else {
      if (!inputPrototype) {
        inputPrototype = document.createElement('input');
        for (const [name, value] of Object.entries(INPUT_HINTS)) inputPrototype.setAttribute(name, value);
      }
      input = inputPrototype.cloneNode() as HTMLInputElement;
      input.value = this.#pendingValue ?? this.#clean(this.defaultValue);
      this.append(input);
    }
    if (this.#pendingValue !== undefined) input.value = this.#pendingValue;
    this.#pendingValue = undefined;
    this.#input = input;
  }

  /** Shows the message in the light-DOM `message` slot and links it to the input, keeping the author's own links. */
  #renderError(message: string): void {
    const input = this.#input!;
    if (!message && this.#errorNode?.parentNode !== this) return;
    const node = (this.#errorNode ??= Object.assign(document.createElement('span'), { slot: 'message', id: `${this.#uid}-error` }));
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(id => id && id !== node.id);
    node.textContent = message;
    if (message) {
      if (node.parentNode !== this) this.append(node);
      ids.push(node.id);
    } else node.remove();
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  #adoptRootStyles(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    if (adoptedRoots.has(root) || !('adoptedStyleSheets' in root)) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rootStyles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    adoptedRoots.add(root);
  }

  // A disabled <fieldset> disables the input without telling anyone; watch the ancestors.
  #observeFieldsets(): void {
    this.#fieldsetObserver?.disconnect();
    for (let fs = this.closest('fieldset'); fs; fs = fs.parentElement?.closest('fieldset') ?? null) {
      (this.#fieldsetObserver ??= new MutationObserver(() => this.#sync())).observe(fs, { attributes: true, attributeFilter: ['disabled'] });
    }
  }

  // --- characters ----------------------------------------------------------------------------

  #acceptsFor: { key: string; test: (ch: string) => boolean } | undefined;

  /** The test for one character, rebuilt only when `mode` or `pattern` changed. */
  get #accepts(): (ch: string) => boolean {
    const key = `${this.mode}\n${this.pattern}`;
    if (this.#acceptsFor?.key !== key) this.#acceptsFor = { key, test: characterTest(this.mode, this.#compilePattern()) };
    return this.#acceptsFor.test;
  }

  #compilePattern(): RegExp | undefined {
    if (!this.pattern) return undefined;
    try {
      return new RegExp(`^(?:${this.pattern})$`, 'u');
    } catch (e) {
      if (DEV_MODE) warn('pattern', this.pattern, `is not a valid regular expression (${(e as Error).message})`, `mode="${this.mode}"`);
      return undefined;
    }
  }

  /** The code characters in `text`, in the element's `case`. */
  #code(text: string): string {
    return codeCharacters(text, this.#accepts, this.case);
  }

  #clean(text: string): string {
    return this.#code(text).slice(0, this.length);
  }

  /** Where the groups end, e.g. {3, 6} for "3-3"; empty (after a warning) for groups that do not fit. */
  #groupEndsFor(): Set<number> {
    if (!this.groups) return new Set();
    const sizes = this.groups.split('-').map(Number);
    if (sizes.some(n => !Number.isInteger(n) || n < 1) || sizes.reduce((a, b) => a + b, 0) !== this.length) {
      if (DEV_MODE) warn('groups', this.groups, `must be sizes joined by "-" that add up to length (${this.length}), e.g. "3-3"`, 'no groups');
      return new Set();
    }
    let at = 0;
    return new Set(sizes.map(n => (at += n)));
  }

  // --- selection: one box at a time, or a range ----------------------------------------------

  /**
   * Selects the characters of boxes `anchor` to `focus` (either order; one box when only `anchor`
   * is given), so that typing overwrites them. Boxes past the code put the caret after it; in a
   * full code the last box stays selected.
   */
  #selectBoxes(anchor: number, focus = anchor): void {
    const input = this.#input!;
    const count = input.value.length;
    const start = Math.max(0, Math.min(anchor, focus, count, this.length - 1));
    const end = Math.min(Math.max(anchor, focus, start) + 1, count);
    input.setSelectionRange(start, Math.max(start, end), focus < anchor ? 'backward' : 'forward');
    this.#sync();
  }

  // The focused element of its document (or shadow root), also while the window is in the
  // background, where WebKit's :focus stops matching although the input keeps its selection.
  #hasFocus(): boolean {
    const input = this.#input;
    return !!input && (input.getRootNode() as Document | ShadowRoot).activeElement === input;
  }

  /** Reads the input's state into the rendered state. */
  #sync(): void {
    const input = this.#input;
    if (!input) return;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    const disabled = input.matches(':disabled');
    const [oldStart, oldEnd] = this.#selection;
    if (input.value === this.#value && start === oldStart && end === oldEnd && disabled === this.#fieldDisabled) return;
    this.#value = input.value;
    this.#selection = [start, end];
    this.#fieldDisabled = disabled;
    this.requestUpdate();
  }

  // --- events of the input -------------------------------------------------------------------

  #onBeforeInput(e: InputEvent) {
    if (e.isComposing || !e.inputType.startsWith('insert')) return;
    const data = e.data ?? e.dataTransfer?.getData('text/plain') ?? null;
    if (data === null) return;
    const clean = this.#code(data);
    const pasted = e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop';
    const source: OtpSource = pasted ? 'paste' : [...data].length > 1 ? 'autofill' : 'typing';
    // A typed character the code takes (perhaps in another case, which #onInput turns): the browser
    // inserts it, so native undo and events stay intact.
    if (source === 'typing' && clean.toLowerCase() === data.toLowerCase()) {
      this.#pendingSource = 'typing';
      return;
    }
    // Several characters at once (paste, autofill, a keyboard's clipboard chip): insert them
    // ourselves, before maxlength would cut "123 456" to "123 45".
    e.preventDefault();
    if (clean) this.#insert(clean, source, e.inputType);
  }

  /** Puts code characters at the selection; a whole code (or `replaceAll`) replaces everything. */
  #insert(clean: string, source: OtpSource, inputType: string, replaceAll = clean.length >= this.length): void {
    const input = this.#input!;
    if (input.readOnly || input.disabled) return;
    const v = input.value;
    const start = replaceAll ? 0 : (input.selectionStart ?? v.length);
    const end = replaceAll ? v.length : (input.selectionEnd ?? v.length);
    const next = (v.slice(0, start) + clean + v.slice(end)).slice(0, this.length);
    input.value = next;
    if (this.#hasFocus()) {
      const caret = Math.min(start + clean.length, next.length);
      input.setSelectionRange(caret, caret);
    }
    this.#pendingSource = source;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data: clean }));
  }

  #onInput(e: Event) {
    const input = this.#input!;
    this.#pointerBoxes = undefined;
    const before = this.#value;
    const clean = this.#clean(input.value);
    if (clean !== input.value) {
      const caret = Math.min(input.selectionStart ?? clean.length, clean.length);
      input.value = clean;
      input.setSelectionRange(caret, caret);
    }
    const data = (e as InputEvent).data;
    // Without beforeinput (Chromium's autofill sets the value directly) a jump of several
    // characters means the code was filled in for the user.
    const source = this.#pendingSource ?? (clean.length - before.length > 1 || (data && [...data].length > 1) ? 'autofill' : 'typing');
    this.#pendingSource = undefined;
    this.#showValidity = false;
    this.requestUpdate();
    if (this.#hasFocus()) {
      const caret = input.selectionStart ?? clean.length;
      // Backspace on a box with characters after it: they moved left, and the active box moves back
      // one, as in every peer, so a second Backspace goes on deleting backwards.
      const back = this.#backspace && caret > 0 && caret < clean.length;
      this.#backspace = false;
      this.#selectBoxes(back ? caret - 1 : caret);
    } else this.#sync();
    if (source === 'autofill' || source === 'webotp') this.#announcer.announce(this.#strings.filledIn);
    // After the input event has reached every listener: frameworks update their model from it (Vue's
    // v-model listens on the host), and an otp-complete handler that re-renders before that would
    // write the old value back into the field.
    setTimeout(() => this.#input?.value === clean && this.#maybeComplete(before, clean, source));
  }

  #maybeComplete(before: string, value: string, source: OtpSource): void {
    const full = value.length === this.length;
    const becameFull = full && before.length < this.length;
    // A different complete code (a corrected digit typed over a rejected one, a new paste) completes again.
    const replaced = full && value !== before;
    if (!becameFull && !replaced) return;
    if (source !== 'webotp') this.#stopWebOtp(); // the user finished by hand: WebOTP has nothing left to do
    const event = new OtpCompleteEvent({ value, source });
    if (!this.dispatchEvent(event) || !this.autosubmit) return;
    // The render that clears "incomplete" has not run yet; the form checks validity now.
    this.#input!.setCustomValidity((this.#customValidity = this.#validityMessage()));
    this.#input!.form?.requestSubmit();
  }

  #onKeyDown(e: KeyboardEvent) {
    this.#pointerBoxes = undefined;
    // By the key, not the input's inputType: WebKit calls deleting a selection with Delete "backward".
    this.#backspace = e.key === 'Backspace';
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const [start] = this.#selection;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
    const forward = (e.key === 'ArrowRight') !== rtl;
    if (e.shiftKey) {
      if (arrow) {
        e.preventDefault();
        this.#extendSelection(forward);
      }
      return;
    }
    let to: number | undefined;
    if (arrow) to = start + (forward ? 1 : -1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = this.#input!.value.length;
    if (to === undefined) return;
    e.preventDefault();
    this.#selectBoxes(to);
  }

  /**
   * Shift+arrow: moves the selection's free end one character, the other end staying put. From one
   * selected box the end in the arrow's direction moves, so Shift+← from the last box selects two.
   * Done here, not by the engine, which would see a caret rather than a box.
   */
  #extendSelection(forward: boolean): void {
    const input = this.#input!;
    const [start, end] = this.#selection;
    const backward = end - start > 1 ? input.selectionDirection === 'backward' : !forward;
    const [anchor, focus] = backward ? [end, start] : [start, end];
    const next = Math.max(0, Math.min(focus + (forward ? 1 : -1), input.value.length));
    if (next === anchor) return this.#selectBoxes(anchor);
    input.setSelectionRange(Math.min(anchor, next), Math.max(anchor, next), next < anchor ? 'backward' : 'forward');
    this.#sync();
  }

  #onFocus() {
    this.#focused = this.#focusedOnce = true;
    this.requestUpdate();
    this.#valueAtFocus = this.#input!.value;
    this.#changeFired = false;
    document.addEventListener('selectionchange', this);
    this.#selectBoxes(this.#input!.value.length);
    this.#startWebOtp();
    // Loaded on first focus: a page that never focuses the field never downloads it.
    if (this.passwordManagerBadge === 'auto' && !this.#badge) {
      const input = this.#input!;
      import('./badge.js').then(({ watchForBadge }) =>
        watchForBadge(this, input, room => {
          this.#badge = room && this.passwordManagerBadge === 'auto';
          this.requestUpdate();
          return this.updateComplete;
        }),
      );
    }
  }

  #onBlur() {
    this.#focused = false;
    this.requestUpdate();
    this.#pointerBoxes = undefined;
    document.removeEventListener('selectionchange', this);
    // Values the element inserted itself (paste, autofill, WebOTP) get the change event a
    // browser gives typed ones.
    if (!this.#changeFired && this.#input!.value !== this.#valueAtFocus) {
      this.#input!.dispatchEvent(new Event('change', { bubbles: true }));
    }
    this.#sync();
  }

  // A collapsed caret becomes a one-box selection, so retyping overwrites; after a click, tap or
  // drag, the boxes under the pointer win over wherever the engine put the caret in the hidden text.
  #onSelectionChange() {
    const input = this.#input!;
    if (!this.#hasFocus()) return;
    if (this.#pointerBoxes) this.#selectBoxes(...this.#pointerBoxes);
    else if (input.selectionStart === input.selectionEnd) this.#selectBoxes(input.selectionStart!);
    else this.#sync();
  }

  /** The box under `x`: the last one right of them all. */
  #boxAt(x: number): number {
    const boxes = [...this.renderRoot.querySelectorAll('[part~="box"]')];
    const index = boxes.findIndex(box => x < box.getBoundingClientRect().right);
    return index < 0 ? boxes.length - 1 : index;
  }

  // A press starts a range on its box; Shift+press extends the selection to its box, from the
  // selection's anchor (where the arrows or an earlier press started it).
  #onPointerDown(e: PointerEvent) {
    if (e.target !== this.#input) return;
    const box = this.#boxAt(e.clientX);
    const [start, end] = this.#selection;
    const anchor = !e.shiftKey || !this.#hasFocus() ? box : (this.#pointerBoxes?.[0] ?? (this.#input.selectionDirection === 'backward' ? end - 1 : start));
    this.#pointerBoxes = [anchor, box];
    if (e.shiftKey) this.#selectBoxes(anchor, box);
  }

  // Dragging with a button down (or a finger) selects every box from the pressed one to this one.
  #onPointerMove(e: PointerEvent) {
    const boxes = this.#pointerBoxes;
    if (!boxes || !(e.buttons & 1) || !this.#hasFocus()) return;
    const box = this.#boxAt(e.clientX);
    if (box === boxes[1]) return;
    boxes[1] = box;
    this.#selectBoxes(...boxes);
  }

  #onClick() {
    if (this.#pointerBoxes && this.#hasFocus()) this.#selectBoxes(...this.#pointerBoxes);
  }

  /** A double click selects the whole code, as in a plain input. */
  #onDoubleClick() {
    if (this.#hasFocus()) this.select();
  }

  #onReset() {
    // The form restores its controls after dispatching reset: read the restored value in the next
    // task (a microtask would run before that when a user's click or key sent the reset).
    setTimeout(() => {
      this.#showValidity = false;
      this.requestUpdate();
      this.#sync();
    });
  }


  // --- WebOTP --------------------------------------------------------------------------------

  #startWebOtp(): void {
    if (!this.webotp || this.#otpRequest || this.#value.length === this.length) return;
    const request = (this.#otpRequest = new AbortController());
    // Loaded on first use, so pages that never turn WebOTP on never download it.
    import('../../webotp/index.js')
      .then(({ isWebOtpSupported, requestOtp }) => (isWebOtpSupported() ? requestOtp({ signal: request.signal }) : null))
      .then(
        code => {
          if (this.#otpRequest !== request) return;
          this.#otpRequest = undefined;
          const clean = code ? this.#clean(code) : '';
          if (clean) this.#insert(clean, 'webotp', 'insertReplacementText', true);
        },
        (error: Error) => {
          if (this.#otpRequest === request) this.#otpRequest = undefined;
          if (DEV_MODE) console.warn(`<otp-input>: ${error.message}`);
        },
      );
  }

  #stopWebOtp() {
    this.#otpRequest?.abort();
    this.#otpRequest = undefined;
  }
}
