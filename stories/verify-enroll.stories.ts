import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import '../src/elements/verify-enroll/define.js';
import { emulatorTransport } from '../src/push/emulator.js';
import { newIdentity } from '../test/support/verify-backend.js';
import { createScene, press, withScene, type Scene } from './support/backend.js';

/** The element's attributes, and what the story sets up on the emulator before it renders. */
export interface EnrollArgs {
  transport: 'polling' | 'emulator';
  'friendly-name': string;
  /** This browser already holds a verified factor for the signed-in identity (enrolled through the emulator). */
  enrolled: boolean;
  /** The browser's answer when asked for notifications: its own, or Block (answered by the story). */
  notifications: 'ask' | 'block';
  /** The site's token endpoint hands out an access token issued for another identity. */
  wrongToken: boolean;
  /** The emulator holds each request of the next press (create and verify, or delete) this long, ms. */
  delayMs: number;
}

type Loaded = { scene: Scene };

/**
 * Answers the browser's notification prompt with Block: the permission is the browser's, not the
 * protocol's, so this seam is the only stand-in in these stories. Returns the undo.
 */
function blockNotifications(): () => void {
  const permission = Object.getOwnPropertyDescriptor(Notification, 'permission')!;
  const request = Object.getOwnPropertyDescriptor(Notification, 'requestPermission')!;
  Object.defineProperty(Notification, 'permission', { configurable: true, get: () => 'denied' });
  Object.defineProperty(Notification, 'requestPermission', { configurable: true, writable: true, value: async () => 'denied' });
  return () => {
    Object.defineProperty(Notification, 'permission', permission);
    Object.defineProperty(Notification, 'requestPermission', request);
  };
}

async function setup(args: EnrollArgs): Promise<Loaded> {
  const scene = await createScene();
  if (args.enrolled) {
    const pushes = args.transport === 'emulator' && args.notifications === 'ask';
    await scene.enroll(pushes ? await emulatorTransport({ baseUrl: scene.baseUrl }).register!() : { platform: 'none' });
  }
  if (args.delayMs) await scene.backend.faults({ path: `/Entities/${scene.identity}/Factors`, delayMs: args.delayMs, count: args.enrolled ? 1 : 2 });
  return { scene };
}

const log = (e: Event) => action(e.type)((e as CustomEvent).detail);

const { loaders, beforeEach, render } = withScene(setup, (a: EnrollArgs, { scene }: Loaded) => {
  // A token the emulator issued for another identity: it refuses it for this identity's path.
  const wrongToken = async () => ({ ...(await scene.tokenProvider()), token: await scene.backend.accessToken(newIdentity()) });
  return html`<verify-enroll
    transport=${a.transport}
    friendly-name=${a['friendly-name']}
    api-base=${scene.baseUrl}
    .client=${scene.client()}
    .tokenProvider=${a.wrongToken ? wrongToken : scene.tokenProvider}
    @verify-enrolled=${log}
    @verify-unenrolled=${log}
    @verify-error=${log}
  ></verify-enroll>`;
});

const args: EnrollArgs = { transport: 'polling', 'friendly-name': '', enrolled: false, notifications: 'ask', wrongToken: false, delayMs: 0 };

const meta = {
  title: 'Elements/verify-enroll',
  component: 'verify-enroll',
  loaders,
  beforeEach: context => {
    const restore = context.args.notifications === 'block' ? blockNotifications() : undefined;
    const close = beforeEach(context);
    return async () => {
      restore?.();
      await close();
    };
  },
  render,
  args,
  argTypes: {
    transport: { control: 'inline-radio', options: ['polling', 'emulator'] },
    notifications: { control: 'inline-radio', options: ['ask', 'block'], description: 'Story only: the browser asks you, or the story answers Block for you.' },
    enrolled: { description: 'Story only: enroll this browser through the emulator before the element renders.' },
    wrongToken: { description: "Story only: the site's token endpoint hands out a token issued for another identity." },
    delayMs: { control: { type: 'number', min: 0, max: 60000 }, description: 'Story only: the emulator holds each request of the next press this long, ms.' },
    ...Object.fromEntries(['tokenProvider', 'client', 'fcmOptions', 'pollingOptions', 'strings', 'apiBase', 'tokenUrl', 'friendlyName'].map(name => [name, { control: false }])),
  },
  parameters: {
    docs: {
      description: {
        component:
          'Enrolls this browser for push sign-in approvals, step by step. Every story runs against the Verify Push ' +
          'emulator, which runs in this browser (a Service Worker): each enrolls a fresh identity of its own, and what ' +
          'you see is what the protocol answers. The Actions panel logs `verify-enrolled`, `verify-unenrolled` and `verify-error`.',
      },
    },
  },
} satisfies Meta<EnrollArgs>;

export default meta;
type Story = StoryObj<EnrollArgs>;
const pressing = (part: string) => ({ canvasElement }: StoryContext<EnrollArgs>) => press(canvasElement, 'verify-enroll', part);

/** Not enrolled yet: press Enroll and watch the steps (polling needs no notification permission). */
export const NotEnrolled: Story = {};

/** Enroll pressed; the emulator takes 2 s over registering and over verifying, so each step shows. */
export const Enrolling: Story = { args: { delayMs: 2000 }, play: pressing('button-enroll') };

/** This browser is already enrolled for the signed-in identity: it offers removal instead. */
export const Enrolled: Story = { args: { enrolled: true } };

/** Remove pressed; the emulator takes 2 s to delete the factor, then the element says it is removed. */
export const Removal: Story = { args: { enrolled: true, delayMs: 2000 }, play: pressing('button-remove') };

/** Enroll pressed; the site's backend handed out a token for another identity: the emulator refuses it, and Try again asks again. */
export const TokenFails: Story = { args: { wrongToken: true }, play: pressing('button-enroll') };

/** With a pushing transport the first step asks for notification permission: answer it in your browser. */
export const WithNotifications: Story = { args: { transport: 'emulator' } };

/**
 * Notifications blocked (the story answers the browser's prompt with Block): the element enrolls
 * without a push channel (platform `none`) and says that sign-in requests are fetched instead.
 */
export const PollingFallback: Story = {
  args: { transport: 'emulator', notifications: 'block' },
  play: pressing('button-enroll'),
};

/** Enrolled without notifications while the transport pushes: the emulator's factor has no push channel, so the element says it polls. */
export const EnrolledWithoutNotifications: Story = { args: { enrolled: true, transport: 'emulator', notifications: 'block' } };

/** Right to left, dark. */
export const RtlDark: Story = {
  args: { enrolled: true },
  decorators: [story => html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee; padding: 1rem">${story()}</div>`],
};
