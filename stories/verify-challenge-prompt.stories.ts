import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { action } from 'storybook/actions';
import type { ChallengePush, VerifyPushClient } from '../src/client/types.js';
import '../src/elements/verify-challenge-prompt/define.js';
import type { ChallengePromptStrings } from '../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import { emulatorTransport } from '../src/push/emulator.js';
import { createScene, press, shown, withScene, type Scene } from './support/backend.js';

/** The element's attributes, and what the story's backend does on the emulator before it renders. */
export interface PromptArgs {
  message: string;
  fields: { label: string; value: string }[];
  hiddenDetails?: Record<string, string>;
  /** Seconds from creation to the challenge's `ExpirationDate`. */
  expiresIn: number;
  /** Number matching: the number the sign-in screen shows (one of `match_choices`). */
  shownNumber: string;
  'auto-approve': boolean;
  /** Render from a push (message at once) rather than from factor-sid + challenge-sid. */
  fromPush: boolean;
  strings?: Partial<ChallengePromptStrings>;
  /** The element's own `lang` (the toolbar's Language sets the page's). */
  lang?: string;
  /** Answered in another tab of this browser (same factor key), or left to expire, before the prompt loads it. */
  before: 'nothing' | 'answered' | 'expired';
  /** The emulator holds the first fetch of the challenge this long, ms. */
  delayMs: number;
  /** The emulator answers the next four requests for the challenge with this HTTP status (0: none). */
  failWith: number;
  /** The network is down when the prompt loads (a switch beside it brings it back). */
  offline: boolean;
  /** No challenge named: one arrives a second later through the emulator's push stream. */
  pushes: boolean;
}

interface Loaded {
  scene: Scene;
  client: VerifyPushClient;
  factorSid: string;
  /** Absent when it arrives as a push. */
  challengeSid?: string;
  network: { online: boolean };
}

/** The challenge as the site's backend reads it from the emulator. */
const fetchChallenge = (scene: Scene, sid: string) => scene.backend.api('GET', `Entities/${scene.identity}/Challenges/${sid}`);

async function setup(args: PromptArgs): Promise<Loaded> {
  const scene = await createScene();
  // The network is the browser's, not the emulator's: the story cuts it in its client's fetch.
  const network = { online: true };
  const fetcher: typeof fetch = (input, init) => (network.online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
  const transport = args.pushes ? emulatorTransport({ baseUrl: scene.baseUrl }) : undefined;
  const { client, factorSid } = await scene.enroll(transport && (await transport.register!()), { transport, fetch: fetcher });
  const send = () =>
    scene.backend.challenge(scene.identity, factorSid, {
      message: args.message,
      fields: args.fields,
      hiddenDetails: args.hiddenDetails,
      expirationDate: new Date(Date.now() + args.expiresIn * 1000).toISOString(),
    });
  if (args.pushes) {
    // A second later, unless the story went meanwhile.
    setTimeout(() => send().catch(() => {}), 1000);
    return { scene, client, factorSid, network };
  }
  const { sid } = await send();
  if (args.before === 'answered') await scene.client().approveChallenge(factorSid, sid);
  while (args.before === 'expired' && (await fetchChallenge(scene, sid)).status !== 'expired') await new Promise(r => setTimeout(r, 200));
  if (args.delayMs) await scene.backend.faults({ path: sid, delayMs: args.delayMs, count: 1 });
  if (args.failWith) await scene.backend.faults({ path: sid, status: args.failWith, count: 4 });
  network.online = !args.offline;
  return { scene, client, factorSid, challengeSid: sid, network };
}

/** What the site learns from the emulator once the prompt is done, as its backend would judge it. */
function verdict(challenge: { status: string; metadata: Record<string, string> | null }, shown: string): string {
  const { status, metadata } = challenge;
  const choice = metadata?.match_choice;
  if (status === 'approved' && shown && choice !== shown) return `approved with ${choice}, but the sign-in screen showed ${shown}: the site refuses the sign-in (wrong number).`;
  if (status === 'approved') return 'approved: the site signs the user in.';
  if (status === 'denied') return `denied${metadata?.reported === 'true' ? ' and reported as suspicious' : ''}: the site refuses the sign-in.`;
  if (status === 'expired') return 'expired: the site asks the user to sign in again.';
  return `${status}.`;
}

const log = (e: Event) => action(e.type)((e as CustomEvent).detail);

function draw(args: PromptArgs, loaded: Loaded) {
  const { scene, client, factorSid, challengeSid, network } = loaded;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.style.margin = '0';
  // After each outcome, the site's backend reads the challenge from the emulator.
  const judge = async (e: Event) => {
    log(e);
    const sid = (e as CustomEvent<{ challengeSid?: string }>).detail.challengeSid ?? challengeSid;
    if (!sid) return;
    const challenge = await fetchChallenge(scene, sid);
    status.textContent = `The emulator says: ${verdict(challenge, args.shownNumber)}`;
  };
  const push: ChallengePush | undefined = challengeSid && args.fromPush ? { factorSid, challengeSid, message: args.message } : undefined;
  const named = challengeSid && !args.fromPush;
  return html`<div style="display: grid; gap: 1rem; justify-items: start">
    <verify-challenge-prompt
      .client=${client}
      .push=${push}
      .strings=${args.strings ?? {}}
      lang=${args.lang ?? nothing}
      factor-sid=${named ? factorSid : ''}
      challenge-sid=${named ? challengeSid : ''}
      ?auto-approve=${args['auto-approve']}
      @verify-challenge=${log}
      @verify-approved=${judge}
      @verify-denied=${judge}
      @verify-expired=${judge}
      @verify-error=${judge}
    ></verify-challenge-prompt>
    ${args.shownNumber ? html`<p style="margin: 0">The sign-in screen shows <strong>${args.shownNumber}</strong>.</p>` : nothing}
    ${network.online
      ? nothing
      : html`<label><input type="checkbox" @change=${(e: Event) => (network.online = (e.target as HTMLInputElement).checked)} /> Network connected</label>`}
    ${status}
  </div>`;
}

const args: PromptArgs = {
  message: 'Sign in to Example?',
  fields: [
    { label: 'Browser', value: 'Firefox on Linux' },
    { label: 'Location', value: 'Turin, Italy (approximate)' },
    { label: 'Time', value: '10:42' },
  ],
  expiresIn: 300,
  shownNumber: '',
  'auto-approve': false,
  fromPush: true,
  before: 'nothing',
  delayMs: 0,
  failWith: 0,
  offline: false,
  pushes: false,
};

const meta = {
  title: 'Elements/verify-challenge-prompt',
  component: 'verify-challenge-prompt',
  ...withScene(setup, draw),
  args,
  argTypes: {
    fromPush: { control: 'boolean', description: 'Story only: render from a push (message at once) or from `factor-sid` + `challenge-sid`.' },
    expiresIn: { control: { type: 'number', min: 1, max: 3600 }, description: "Story only: seconds until the challenge's ExpirationDate." },
    hiddenDetails: { description: 'Story only: the challenge\'s hidden details; `match_choices` asks for number matching.' },
    shownNumber: { description: 'Story only: the number the sign-in screen shows, which the site checks the answer against.' },
    before: { control: 'inline-radio', options: ['nothing', 'answered', 'expired'], description: 'Story only: answered in another tab, or left to expire, before the prompt loads it.' },
    delayMs: { control: { type: 'number', min: 0, max: 60000 }, description: 'Story only: the emulator holds the first fetch of the challenge this long, ms.' },
    failWith: { control: { type: 'number', min: 0, max: 599 }, description: 'Story only: the emulator answers the next four requests for the challenge with this HTTP status (0: none).' },
    offline: { description: 'Story only: the network is down when the prompt loads.' },
    pushes: { description: "Story only: no challenge named; one arrives a second later through the emulator's push stream." },
    ...Object.fromEntries(['client', 'push', 'strings', 'state', 'factorSid', 'challengeSid', 'autoApprove'].map(name => [name, { control: false }])),
  },
  parameters: {
    docs: {
      description: {
        component:
          'Approve or deny a push challenge. Every story runs against the Verify Push emulator, which runs in this ' +
          "browser (a Service Worker): it enrolls a fresh identity, creates the challenge, and answers, expires or " +
          "delays it as the protocol does; under the prompt, the site's verdict read back from the emulator. Events " +
          'and the metadata of each answer appear in the Actions panel.',
      },
    },
  },
} satisfies Meta<PromptArgs>;

export default meta;
type Story = StoryObj<PromptArgs>;
type Play = (context: StoryContext<PromptArgs>) => Promise<void>;

const tap = (...parts: string[]): Play => async ({ canvasElement }) => {
  for (const part of parts) await press(canvasElement, 'verify-challenge-prompt', part);
};

/** The emulator takes 3 s over the answer: pressed buttons stay disabled, `aria-busy` is set. */
const slowly = (...parts: string[]): Play => async context => {
  const { scene, challengeSid } = context.loaded as Loaded;
  await shown(context.canvasElement, 'verify-challenge-prompt', 'approve');
  await scene.backend.faults({ path: challengeSid!, delayMs: 3000, count: 1 });
  await tap(...parts)(context);
};

/** The message from the push shows at once; the details follow from the emulator. */
export const Pending: Story = {};

/** `factor-sid` + `challenge-sid`: nothing is known until the details arrive (the emulator holds them 4 s). */
export const LoadingFromAttributes: Story = { args: { fromPush: false, delayMs: 4000 } };

/** `match_choices` in the hidden details: pick the number the sign-in screen shows. */
export const NumberMatching: Story = { args: { hiddenDetails: { match_choices: '17,42,88' }, shownNumber: '42' } };

/** 17 picked while the screen shows 42: the emulator records the approval, the site refuses it. */
export const WrongNumber: Story = { ...NumberMatching, play: tap('choice', 'approve') };

/** After Deny: report the sign-in as suspicious? The answer travels as `Metadata.reported`. */
export const DenyReport: Story = { play: tap('deny') };

export const Approving: Story = { play: slowly('approve') };

export const Approved: Story = { play: tap('approve') };

export const Denying: Story = { play: slowly('deny', 'report-no') };

export const DeniedAndReported: Story = { play: tap('deny', 'report-yes') };

/** Twelve seconds to go: the countdown ticks, "10 seconds left" is announced, then it expires. */
export const ExpiringSoon: Story = { args: { expiresIn: 12 } };

/** The challenge expired on the emulator before the prompt loaded it. */
export const Expired: Story = { args: { expiresIn: 1, before: 'expired' } };

/** Approved in another tab of this browser (the same factor) before this prompt loaded it. */
export const AnsweredElsewhere: Story = { args: { before: 'answered' } };

/** The network is down: connect it and press Retry. */
export const Offline: Story = { args: { offline: true } };

/** The emulator answers 503 until the client's retries run out; Retry then works. */
export const ServerError: Story = { args: { failWith: 503 } };

/** `auto-approve`: approved on arrival, for when the sign-in happens in this browser. */
export const AutoApprove: Story = { args: { 'auto-approve': true } };

/** With a client and no challenge, it waits for `client.onChallenge`: one arrives a second later through the emulator's push stream. */
export const FromClientPushes: Story = { args: { pushes: true } };

/** Markup, bidi overrides and long strings render as text and wrap. */
export const HostileText: Story = {
  args: {
    message: '<img src=x onerror=alert(1)> Sign in from \u202Eelgoog\u202C?',
    fields: [
      { label: '<script>alert(1)</script>', value: '<b>not bold</b>' },
      { label: 'Token', value: 'x'.repeat(128) },
    ],
  },
};

/** Every string is a property; here Italian. */
/** `lang="it"` picks the kit's Italian; `strings` still rewords one button (an element's own strings win). */
export const Localised: Story = {
  args: {
    lang: 'it',
    message: 'Accedere a Example?',
    fields: [{ label: 'Browser', value: 'Firefox su Linux' }],
    strings: { deny: 'Non sono io' },
  },
};
