import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import type { Factor, VerifyPushClient } from '../src/client/types.js';
import '../src/elements/verify-enroll/define.js';
import type { EnrollmentToken } from '../src/elements/verify-enroll/verify-enroll.js';

/** How the story's fake backend and client behave. */
interface EnrollArgs {
  transport: 'polling' | 'emulator';
  'friendly-name': string;
  /** This browser already holds a factor for the signed-in identity. */
  enrolled: boolean;
  /** The token endpoint fails with this message ('' for success). */
  tokenError: string;
  /** Each call to the API takes this long, to watch the steps. */
  delayMs: number;
  /** The token never arrives: the element stays on its first step. */
  hang: boolean;
}

const token: EnrollmentToken = { token: 'story-token', serviceSid: `VA${'0'.repeat(32)}`, identity: 'user-story' };
const wait = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * A tiny in-memory client: enough for the element (list, create, verify, delete), nothing sent
 * anywhere. Real enrollment is in the tests, against the emulator.
 */
function fakeClient({ enrolled, delayMs }: EnrollArgs): VerifyPushClient {
  const factor = (push: Factor['push'], status: Factor['status']): Factor => ({
    sid: `YF${'1'.repeat(32)}`,
    accountSid: `AC${'2'.repeat(32)}`,
    serviceSid: token.serviceSid,
    entitySid: `YE${'3'.repeat(32)}`,
    identity: token.identity,
    friendlyName: 'Storybook browser',
    status,
    push,
  });
  let factors = enrolled ? [factor({ platform: 'none' }, 'verified')] : [];
  return {
    listFactors: async () => factors,
    createFactor: async ({ push }) => (await wait(delayMs), (factors = [factor(push, 'unverified')])[0]),
    verifyFactor: async () => (await wait(delayMs), (factors = [factor(factors[0].push, 'verified')])[0]),
    deleteFactor: async () => (await wait(delayMs), void (factors = [])),
  } as Partial<VerifyPushClient> as VerifyPushClient;
}

const tokenProvider = (a: EnrollArgs) => async () => {
  if (a.hang) await new Promise(() => {});
  await wait(a.delayMs);
  if (a.tokenError) throw new Error(a.tokenError);
  return token;
};

const meta = {
  title: 'Elements/verify-enroll',
  component: 'verify-enroll',
  render: a =>
    html`<verify-enroll
      transport=${a.transport}
      friendly-name=${a['friendly-name']}
      .client=${fakeClient(a)}
      .tokenProvider=${tokenProvider(a)}
      @verify-enrolled=${(e: CustomEvent) => action('verify-enrolled')(e.detail)}
      @verify-unenrolled=${(e: CustomEvent) => action('verify-unenrolled')(e.detail)}
      @verify-error=${(e: CustomEvent) => action('verify-error')(e.detail)}
    ></verify-enroll>`,
  args: { transport: 'polling', 'friendly-name': '', enrolled: false, tokenError: '', delayMs: 600, hang: false },
  argTypes: {
    transport: { control: 'inline-radio', options: ['polling', 'emulator'] },
    ...Object.fromEntries(['tokenProvider', 'client', 'fcmOptions', 'pollingOptions', 'strings', 'apiBase', 'tokenUrl', 'friendlyName'].map(name => [name, { control: false }])),
  },
  parameters: {
    docs: {
      description: {
        component:
          'Enrolls this browser for push sign-in approvals, step by step. These stories use an in-memory client; ' +
          'the Actions panel logs `verify-enrolled`, `verify-unenrolled` and `verify-error`.',
      },
    },
  },
} satisfies Meta<EnrollArgs>;

export default meta;
type Story = StoryObj<EnrollArgs>;

/** Not enrolled yet: press Enroll and watch the steps (polling needs no notification permission). */
export const NotEnrolled: Story = {};

/** With a pushing transport, the first step asks for notification permission; deny it to see the polling fallback. */
export const WithNotifications: Story = { args: { transport: 'emulator' } };

/** Press Enroll: the token never arrives, so the steps stay as they are. */
export const Enrolling: Story = { args: { hang: true } };

/** This browser is already enrolled for the signed-in identity: it offers removal instead. */
export const Enrolled: Story = { args: { enrolled: true } };

/** Enrolled without notifications while the transport pushes: the element says it polls instead. */
export const EnrolledWithoutNotifications: Story = { args: { enrolled: true, transport: 'emulator' } };

/** Press Enroll: the site's token endpoint fails; the message shows, and Try again retries. */
export const TokenFails: Story = { args: { tokenError: "The site's server refused an enrollment token (HTTP 500)." } };

/** Right to left, dark. */
export const RtlDark: Story = {
  args: { enrolled: true },
  decorators: [story => html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee; padding: 1rem">${story()}</div>`],
};
