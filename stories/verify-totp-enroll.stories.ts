import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { URI, type TOTP } from 'otpauth';
import '../src/elements/verify-totp-enroll/define.js';
import type { TotpEnrollProvider } from '../src/elements/verify-totp-enroll/verify-totp-enroll.js';
import { totpEndpoints } from '../test/support/totp-backend.mjs';
import { createScene, press, withScene, type Scene } from './support/backend.js';

/** The element's attributes, and what the story sets up on the emulator before it renders. */
export interface TotpArgs {
  'friendly-name': string;
  autostart: boolean;
  /** The emulator answers the next start with HTTP 500. */
  startFails: boolean;
  /** The service's code length (Totp.CodeLength). */
  codeLength: number;
}

type Loaded = { scene: Scene };

async function setup(args: TotpArgs): Promise<Loaded> {
  const scene = await createScene();
  if (args.codeLength !== 6) await scene.backend.updateService({ 'Totp.CodeLength': String(args.codeLength) });
  if (args.startFails) await scene.backend.faults({ path: `/Entities/${scene.identity}/Factors`, status: 500, count: 1 });
  return { scene };
}

/**
 * The site's server played in the page (test/support/totp-backend.mjs, as the browser tests' plugin
 * plays it), with the emulator's credentials: fine only because it is a local emulator. `onStart`
 * sees the binding, for the story's stand-in authenticator app.
 */
function storyProvider(scene: Scene, onStart: (uri: string) => void): TotpEnrollProvider {
  const endpoints = totpEndpoints({ ...scene.backend.emulator, serviceSid: scene.backend.serviceSid, identity: scene.identity });
  const answer = async <T>(pending: Promise<{ status: number; body: T | { code?: number; message: string } }>): Promise<T> => {
    const { status, body } = await pending;
    if (status >= 400) throw Object.assign(new Error(`HTTP ${status}`), { status, code: (body as { code?: number }).code ?? 0 });
    return body as T;
  };
  return {
    start: async request => {
      const started = await answer(endpoints.start(request));
      onStart(started.uri);
      return started;
    },
    confirm: request => answer(endpoints.confirm(request)),
  };
}

const log = (e: Event) => action(e.type)((e as CustomEvent).detail);

const { loaders, beforeEach, render } = withScene(setup, (a: TotpArgs, { scene }: Loaded) => {
  // Story only: what an authenticator app that scanned the code shows, for trying it without a phone.
  const app = document.createElement('p');
  let timer = 0;
  const showCode = (uri: string) => {
    const totp = URI.parse(uri) as TOTP;
    clearInterval(timer);
    const tick = () => {
      if (!app.isConnected && timer) return clearInterval(timer);
      app.textContent = `Story only, an authenticator app would show: ${totp.generate()}`;
    };
    tick();
    timer = window.setInterval(tick, 1000);
  };
  return html`<verify-totp-enroll
      friendly-name=${a['friendly-name']}
      ?autostart=${a.autostart}
      .provider=${storyProvider(scene, showCode)}
      @verify-totp-enrolled=${(e: Event) => (clearInterval(timer), (app.textContent = ''), log(e))}
      @verify-totp-error=${log}
    ></verify-totp-enroll>
    ${app}`;
});

const args: TotpArgs = { 'friendly-name': '', autostart: false, startFails: false, codeLength: 6 };

const meta = {
  title: 'Elements/verify-totp-enroll',
  component: 'verify-totp-enroll',
  loaders,
  beforeEach,
  render,
  args,
  argTypes: {
    startFails: { description: 'Story only: the emulator answers the next start with HTTP 500.' },
    codeLength: { control: { type: 'number', min: 4, max: 8 }, description: "Story only: the service's Totp.CodeLength." },
    ...Object.fromEntries(['provider', 'strings', 'url', 'friendlyName'].map(name => [name, { control: false }])),
  },
  parameters: {
    docs: {
      description: {
        component:
          'Sets up an authenticator app (TOTP) as a Verify factor: a QR code of the `otpauth://` URI, the key in groups ' +
          'of four, and the first code to confirm it. Every story runs against the Verify emulator in this browser (a ' +
          'Service Worker), with a fresh identity of its own; scan the code with a real app, or type the code the story ' +
          'shows under the element. The Actions panel logs `verify-totp-enrolled` and `verify-totp-error`.',
      },
    },
  },
} satisfies Meta<TotpArgs>;

export default meta;
type Story = StoryObj<TotpArgs>;
const pressing = (part: string) => ({ canvasElement }: StoryContext<TotpArgs>) => press(canvasElement, 'verify-totp-enroll', part);

/** Before starting: press Start. */
export const NotStarted: Story = {};

/** Started: the QR code, the key and the code field. */
export const Scanning: Story = { play: pressing('button-start') };

/** `autostart`, with 8-digit codes (the service's Totp.CodeLength). */
export const EightDigits: Story = { args: { autostart: true, codeLength: 8 } };

/** The site's server fails the start (HTTP 500): the message, and Start again (which then works). */
export const StartFails: Story = { args: { startFails: true }, play: pressing('button-start') };

/** In Japanese (`lang="ja"`). */
export const Japanese: Story = {
  args: { autostart: true },
  decorators: [story => html`<div lang="ja">${story()}</div>`],
};

/** Right to left, dark. */
export const RtlDark: Story = {
  args: { autostart: true },
  decorators: [story => html`<div dir="rtl" style="color-scheme: dark; background: #111; color: #eee; padding: 1rem">${story()}</div>`],
};
