import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import ThemingDocs from '../docs/theming.mdx';
import '../docs/themes/brand.css';
import '../src/elements/otp-input/define.js';
import Enroll, { Enrolling } from './verify-enroll.stories.js';
import Prompt, { NumberMatching } from './verify-challenge-prompt.stories.js';
import TotpEnroll, { Scanning } from './verify-totp-enroll.stories.js';

const meta = {
  title: 'Theming',
  parameters: { docs: { page: ThemingDocs } },
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** The states whose colours differ: typing (active box and caret), complete and masked, invalid, disabled. */
const otpInputs: Story = {
  render: () =>
    html`<div style="display: flex; flex-wrap: wrap; gap: 1.5rem">
      <otp-input label="Typing" groups="3-3" value="123"></otp-input>
      <otp-input label="Complete, masked" masked value="123456"></otp-input>
      <otp-input label="Rejected" invalid error-message="That code is not right." value="123456"></otp-input>
      <otp-input label="Disabled" disabled value="12"></otp-input>
    </div>`,
  play: async ({ canvasElement }) => canvasElement.querySelector('otp-input')?.focus({ preventScroll: true }),
};

const list = <T>(...items: (T | T[] | undefined)[]): T[] => items.flatMap(item => item ?? []);

/**
 * A story of an element's own file, with its file's annotations (the emulator's loaders and
 * clean-up, render, args): its real states, and no copy of their set-up.
 */
function reuse<A>(meta: Meta<A>, story: StoryObj<A>): StoryObj<A> {
  return {
    ...story,
    render: story.render ?? meta.render,
    args: { ...meta.args, ...story.args },
    argTypes: { ...meta.argTypes, ...story.argTypes },
    parameters: { ...meta.parameters, ...story.parameters },
    loaders: list(meta.loaders, story.loaders),
    beforeEach: list(meta.beforeEach, story.beforeEach),
    // A story's decorators sit inside its file's.
    decorators: list(story.decorators, meta.decorators),
  };
}

/** Steps running one after the other (the emulator is slowed down), then enrolled. */
const enrolls = reuse(Enroll, Enrolling);

/** Number matching, with details and the countdown. */
const prompts = reuse(Prompt, NumberMatching);

/** Wears docs/themes/brand.css, outside the story's own decorators; follows the toolbar's light or dark theme. */
const branded = <A>(story: StoryObj<A>): StoryObj<A> => ({
  ...story,
  decorators: list(story.decorators, (inner: () => unknown) => html`<div class="brand">${inner()}</div>`),
});

// `globals` locks the toolbar's theme for the story.
export const OtpInputLight: Story = { ...otpInputs, name: 'otp-input, light', globals: { theme: 'light' } };
export const OtpInputDark: Story = { ...otpInputs, name: 'otp-input, dark', globals: { theme: 'dark' } };
export const OtpInputHighContrast: Story = { ...otpInputs, name: 'otp-input, high contrast', globals: { theme: 'high-contrast' } };
export const OtpInputBrand: Story = { ...branded(otpInputs), name: 'otp-input, brand' };

export const VerifyEnrollLight = { ...enrolls, name: 'verify-enroll, light', globals: { theme: 'light' } };
export const VerifyEnrollDark = { ...enrolls, name: 'verify-enroll, dark', globals: { theme: 'dark' } };
export const VerifyEnrollHighContrast = { ...enrolls, name: 'verify-enroll, high contrast', globals: { theme: 'high-contrast' } };
export const VerifyEnrollBrand = { ...branded(enrolls), name: 'verify-enroll, brand' };

export const VerifyChallengePromptLight = { ...prompts, name: 'verify-challenge-prompt, light', globals: { theme: 'light' } };
export const VerifyChallengePromptDark = { ...prompts, name: 'verify-challenge-prompt, dark', globals: { theme: 'dark' } };
export const VerifyChallengePromptHighContrast = { ...prompts, name: 'verify-challenge-prompt, high contrast', globals: { theme: 'high-contrast' } };
export const VerifyChallengePromptBrand = { ...branded(prompts), name: 'verify-challenge-prompt, brand' };

// Issue 14: authenticator apps (TOTP). The QR code, the key and the code field.
const totpScans = reuse(TotpEnroll, Scanning);
export const VerifyTotpEnrollLight = { ...totpScans, name: 'verify-totp-enroll, light', globals: { theme: 'light' } };
export const VerifyTotpEnrollDark = { ...totpScans, name: 'verify-totp-enroll, dark', globals: { theme: 'dark' } };
export const VerifyTotpEnrollHighContrast = { ...totpScans, name: 'verify-totp-enroll, high contrast', globals: { theme: 'high-contrast' } };
export const VerifyTotpEnrollBrand = { ...branded(totpScans), name: 'verify-totp-enroll, brand' };
