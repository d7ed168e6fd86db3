import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { action } from 'storybook/actions';
import '../src/elements/otp-input/define.js';
import type { OtpCompleteEvent } from '../src/elements/otp-input/events.js';

/** The story args: the element's attributes, under their attribute names. */
interface OtpArgs {
  length: number;
  mode: 'numeric' | 'alphanumeric';
  pattern: string;
  case: '' | 'upper' | 'lower';
  placeholder: string;
  'password-manager-badge': 'auto' | 'reserve' | 'none';
  groups: string;
  name: string;
  value: string;
  label: string;
  masked: boolean;
  disabled: boolean;
  readonly: boolean;
  required: boolean;
  invalid: boolean;
  'error-message': string;
  autosubmit: boolean;
  webotp: boolean;
}

// The Actions panel gets what each event says, not the whole DOM event.
const onComplete = (e: OtpCompleteEvent) => action('otp-complete')({ ...e.detail, cancelable: e.cancelable });
const onInput = (e: Event) =>
  action('input')({ value: (e.target as HTMLInputElement).value, inputType: (e as InputEvent).inputType ?? null });
const onChange = (e: Event) => action('change')({ value: (e.target as HTMLInputElement).value });
const onSubmit = (e: SubmitEvent) => {
  e.preventDefault(); // stay on the story
  action('submit')(Object.fromEntries(new FormData(e.target as HTMLFormElement)));
};

/**
 * `<otp-input>` with the args as attributes; empty and false ones are left out. The `value`
 * attribute is the default value (restored on reset), as on a native input; `.value` makes the
 * Controls panel change the current code too. `input` is an author `<input>` to enhance (for a
 * `<label for>`); without one the element creates its own.
 */
const otp = (a: Partial<OtpArgs>, input: unknown = nothing) =>
  html`<otp-input
    length=${a.length ?? nothing}
    mode=${a.mode ?? nothing}
    pattern=${a.pattern || nothing}
    case=${a.case || nothing}
    placeholder=${a.placeholder || nothing}
    password-manager-badge=${a['password-manager-badge'] || nothing}
    groups=${a.groups || nothing}
    name=${a.name || nothing}
    value=${a.value || nothing}
    .value=${a.value ?? ''}
    label=${a.label || nothing}
    error-message=${a['error-message'] || nothing}
    ?masked=${a.masked}
    ?disabled=${a.disabled}
    ?readonly=${a.readonly}
    ?required=${a.required}
    ?invalid=${a.invalid}
    ?autosubmit=${a.autosubmit}
    ?webotp=${a.webotp}
    @otp-complete=${onComplete}
    @input=${onInput}
    @change=${onChange}
  >${input}</otp-input>`;

const note = (text: unknown) => html`<p style="max-inline-size: 38rem; margin-block-start: 1rem">${text}</p>`;

const meta = {
  title: 'Elements/otp-input',
  component: 'otp-input',
  render: args => otp(args),
  args: {
    length: 6,
    mode: 'numeric',
    pattern: '',
    case: '',
    placeholder: '',
    'password-manager-badge': 'auto',
    groups: '',
    name: 'code',
    value: '',
    label: '',
    masked: false,
    disabled: false,
    readonly: false,
    required: false,
    invalid: false,
    'error-message': '',
    autosubmit: false,
    webotp: false,
  },
  argTypes: {
    length: { control: { type: 'number', min: 1, max: 12, step: 1 } },
    mode: { control: 'inline-radio', options: ['numeric', 'alphanumeric'] },
    case: { control: 'inline-radio', options: ['', 'upper', 'lower'] },
    'password-manager-badge': { control: 'inline-radio', options: ['auto', 'reserve', 'none'] },
    // Manifest rows that the args above already drive (the property twins of attributes) or that
    // markup cannot set: documented, without a control.
    ...Object.fromEntries(
      ['defaultValue', 'errorMessage', 'passwordManagerBadge', 'strings', 'form', 'validity', 'validationMessage'].map(name => [name, { control: false }]),
    ),
  },
  parameters: {
    docs: {
      description: {
        component:
          'One real `<input autocomplete="one-time-code">` in light DOM, drawn as boxes. Type, paste ' +
          '(`123 456` and `123-456` work), or use the arrow keys; the Actions panel logs `otp-complete`, ' +
          '`input` and `change`.',
      },
    },
  },
} satisfies Meta<OtpArgs>;

export default meta;
type Story = StoryObj<OtpArgs>;

/** Empty, six digits: the common case. */
export const Default: Story = {};

/** `case="upper"` for alphanumeric codes: typed and pasted letters become capitals. */
export const UpperCase: Story = { args: { mode: 'alphanumeric', case: 'upper', value: 'K7Q' } };

/** `placeholder`: one character for every empty box, or one per box (`123456`). */
export const Placeholder: Story = { args: { placeholder: '○', value: '12' } };

/**
 * Drag across boxes (mouse or finger) or Shift+click to select several; typing replaces them.
 * `select()` and `clear()` do what the buttons say; the custom states colour the boxes.
 */
export const SelectionAndStates: Story = {
  render: args => html`<style>
      .states-demo otp-input:state(complete)::part(box) { border-color: green; }
      .states-demo otp-input:state(invalid)::part(box) { border-color: red; }
    </style>
    <div class="states-demo">${otp(args)}</div>
    <p>
      <button @click=${(e: Event) => (e.target as HTMLElement).closest('p')!.previousElementSibling!.querySelector('otp-input')!.select()}>Select all</button>
      <button @click=${(e: Event) => (e.target as HTMLElement).closest('p')!.previousElementSibling!.querySelector('otp-input')!.clear()}>Clear</button>
    </p>`,
  args: { value: '123456' },
};

/** `value` is the initial value (restored on form reset); the caret waits in the fourth box. */
export const Prefilled: Story = { args: { value: '123' } };

/** A full code. Setting `value` fires no events, like a native input. */
export const Complete: Story = { args: { value: '123456' } };

/** `groups="3-3"` draws a separator; the value stays `123456`. */
export const Grouped: Story = { args: { groups: '3-3', value: '1234' } };

/** `mode="alphanumeric"` accepts A–Z, a–z and 0–9; here eight of them. */
export const Alphanumeric: Story = { args: { mode: 'alphanumeric', length: 8, value: 'K7Q2' } };

/** `pattern` is a regular expression for ONE character; here hexadecimal, and it overrides `mode`. */
export const HexPattern: Story = { args: { pattern: '[0-9A-Fa-f]', value: 'c0f', label: 'Hexadecimal code' } };

/** `masked` shows dots; the value is still the code. */
export const Masked: Story = { args: { masked: true, value: '1234' } };

export const Disabled: Story = { args: { disabled: true, value: '12' } };

/**
 * A disabled `<fieldset>` disables the input inside it without telling anyone; the element watches
 * its fieldsets. Toggle `fieldsetDisabled` to see it follow.
 */
export const DisabledByFieldset: StoryObj<OtpArgs & { fieldsetDisabled: boolean }> = {
  args: { value: '12', fieldsetDisabled: true },
  argTypes: { fieldsetDisabled: { control: 'boolean', description: 'Story only: the `<fieldset>`’s `disabled`.' } },
  render: ({ fieldsetDisabled, ...args }) =>
    html`<fieldset ?disabled=${fieldsetDisabled}>
      <legend>Verification</legend>
      ${otp(args)}
    </fieldset>`,
};

/** The code can be selected and copied, not changed. */
export const Readonly: Story = { args: { readonly: true, value: '482913' } };

/**
 * `required` inside a form: submitting an empty or partial code is refused and the reason shows
 * under the boxes (the browser's own bubble appears too). This story presses "Verify" once when it
 * loads; type a full code and press it again to see the `submit` action.
 */
export const RequiredInForm: Story = {
  args: { required: true },
  render: args =>
    html`<form @submit=${onSubmit}>
      <label for="required-code" style="display: block; margin-block-end: 0.5rem">Enter the code we sent you</label>
      ${otp(args, html`<input id="required-code" />`)}
      <p><button>Verify</button></p>
    </form>`,
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('form button')?.click();
  },
};

/** After the server rejected the code: `invalid` plus `error-message`, linked with `aria-describedby`. */
export const Invalid: Story = {
  args: { value: '123456', invalid: true, 'error-message': 'That code is not right. Check the SMS and try again.' },
};

/**
 * `autosubmit`: when the code becomes complete the form is submitted (`requestSubmit()`, so
 * validation and submit handlers run), unless an `otp-complete` listener cancels the event. Type
 * six digits and watch the Actions panel. Keep a submit button for users who paste or correct.
 */
export const Autosubmit: Story = {
  args: { autosubmit: true },
  render: args =>
    html`<form @submit=${onSubmit}>
      ${otp(args)}
      <p><button>Verify</button></p>
    </form>`,
};

/**
 * `webotp` asks the browser for the code from an SMS (WebOTP) when the field is first focused.
 * It is opt-in because some Chromium forks crash on it. It needs Chromium (Chrome on Android, or
 * desktop Chrome with an Android phone signed in to the same account), a secure context, and an
 * SMS whose last line names this page's host. Other browsers ignore the attribute; typing and SMS
 * autofill keep working everywhere.
 */
export const WebOtp: Story = {
  name: 'WebOTP',
  args: { webotp: true },
  render: args => html`${otp(args)}
  ${note(html`WebOTP is opt-in and needs Chromium and a phone: focus the field, then send the phone
    an SMS ending in <code>@${location.hostname} #123456</code>. This browser
    ${'OTPCredential' in window ? html`<strong>has</strong>` : html`<strong>does not have</strong>`} WebOTP.`)}`,
};

/**
 * On a right-to-left page the boxes still read left to right (codes are written that way), and
 * the arrow keys follow the boxes. The toolbar's Direction switch does the same for any story.
 */
export const RtlPage: Story = {
  name: 'RTL page',
  args: { value: '12' },
  render: args =>
    html`<div dir="rtl" lang="ar">
      <label for="rtl-code" style="display: block; margin-block-end: 0.5rem">رمز التحقق</label>
      ${otp(args, html`<input id="rtl-code" />`)}
    </div>`,
};

/**
 * Inside a `<label>`: the real input sits in the label, so the label names it and a click on the
 * text focuses the code, with no `for` or `id`.
 */
export const InLabel: Story = {
  name: 'In a <label>',
  render: args =>
    html`<label style="display: grid; justify-items: start; gap: 0.5rem">Code from the SMS ${otp(args)}</label>`,
};

/** Focused, as while typing: the active box and the caret (the Theme toolbar shows their colours). */
export const Focused: Story = {
  args: { value: '12' },
  play: async ({ canvasElement }) => canvasElement.querySelector('otp-input')?.focus({ preventScroll: true }),
};

/**
 * An author-supplied `<input>` is enhanced rather than replaced: its `name`, `maxlength`,
 * `required` and `value` become the element's settings, and a `<label for>` names it.
 */
export const WithAuthorInput: Story = {
  parameters: { controls: { disable: true } }, // the input's own attributes are what this story shows
  render: () =>
    html`<label for="author-code" style="display: block; margin-block-end: 0.5rem">Verification code</label>
      <otp-input @otp-complete=${onComplete} @input=${onInput} @change=${onChange}>
        <input
          id="author-code"
          name="code"
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength="6"
          pattern="[0-9]{6}"
          required
        />
      </otp-input>`,
};

const beforeJs = `<!doctype html>
<style>
  body { font: 1rem system-ui, sans-serif; margin: 0.5rem; }
  /* Until the element is defined, style the plain input. */
  otp-input:not(:defined) input { font: 1.5rem ui-monospace, monospace; letter-spacing: 0.5em; inline-size: 12ch; }
</style>
<label for="nojs-code">Verification code</label><br>
<otp-input><input id="nojs-code" name="code" autocomplete="one-time-code"
  inputmode="numeric" maxlength="6" pattern="[0-9]{6}" required></otp-input>`;

/**
 * The markup of "With author input" in a sandboxed frame where no script runs: the tag stays
 * undefined and its `<input>` is an ordinary one-time-code field, so the form, the label and SMS
 * autofill work before (or without) JavaScript. The element enhances the same input once defined.
 */
export const BeforeJs: Story = {
  name: 'Before JavaScript',
  parameters: { controls: { disable: true } }, // static markup in a frame: no element to control
  render: () =>
    html`<iframe
        title="otp-input before JavaScript"
        sandbox=""
        srcdoc=${beforeJs}
        style="border: 1px dashed GrayText; inline-size: 22rem; block-size: 6rem; background: white"
      ></iframe>
      ${note(html`Above: the page with scripts off (a sandboxed <code>srcdoc</code> frame). The
        <code>&lt;input&gt;</code> inside <code>&lt;otp-input&gt;</code> is what forms, labels,
        autofill and password managers use, with or without the element.`)}`,
};
