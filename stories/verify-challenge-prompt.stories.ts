import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import type { Challenge, ChallengePush, VerifyPushClient } from '../src/client/types.js';
import '../src/elements/verify-challenge-prompt/define.js';
import type { ChallengePromptStrings } from '../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';

const FACTOR = 'YF00000000000000000000000000000001';
const SID = 'YC00000000000000000000000000000001';

interface Fake {
  message?: string;
  fields?: Challenge['details']['fields'];
  hiddenDetails?: Record<string, string>;
  status?: Challenge['status'];
  /** Seconds until it expires. */
  expiresIn?: number;
  /** How long loading takes, ms; `Infinity` never answers. */
  latency?: number;
  /** How long approving or denying takes, ms. */
  answerLatency?: number;
  /** The first load fails with this `VerifyError` code and message; a retry succeeds. */
  failOnce?: [code: number, message: string];
  /** Delivers this push through `onChallenge` after a second. */
  deliver?: boolean;
}

/**
 * Storybook runs no emulator: a stand-in for the few client methods the prompt calls. Answers go
 * to the Actions panel.
 */
function fakeClient({ message = 'Sign in to Example?', fields = [], hiddenDetails, status = 'pending', expiresIn = 300, latency = 400, answerLatency = 400, failOnce, deliver }: Fake): VerifyPushClient {
  const wait = (ms: number) => new Promise<void>(resolve => ms !== Infinity && setTimeout(resolve, ms));
  const now = new Date().toISOString();
  const challenge: Challenge = {
    sid: SID,
    factorSid: FACTOR,
    status,
    details: { message, fields },
    hiddenDetails,
    dateCreated: now,
    dateUpdated: now,
    expirationDate: new Date(Date.now() + expiresIn * 1000).toISOString(),
  };
  const answer = (to: 'approved' | 'denied') => async (_f: string, _c: string, metadata?: Record<string, string>) => {
    await wait(answerLatency);
    action(`client.${to === 'approved' ? 'approve' : 'deny'}Challenge`)(metadata ?? {});
    return { ...challenge, status: to, metadata };
  };
  return {
    async getChallenge() {
      await wait(latency);
      if (failOnce) {
        const [code, text] = failOnce;
        failOnce = undefined;
        throw Object.assign(new Error(text), { name: 'VerifyError', code });
      }
      return challenge;
    },
    approveChallenge: answer('approved'),
    denyChallenge: answer('denied'),
    onChallenge(listener) {
      const timer = deliver ? setTimeout(() => listener({ factorSid: FACTOR, challengeSid: SID, message }), 1000) : undefined;
      return () => clearTimeout(timer);
    },
  } as Partial<VerifyPushClient> as VerifyPushClient;
}

interface PromptArgs extends Fake {
  'auto-approve': boolean;
  /** Render from a push (message at once) rather than from factor-sid + challenge-sid. */
  fromPush: boolean;
  strings?: Partial<ChallengePromptStrings>;
}

const log = (e: Event) => action(e.type)((e as CustomEvent).detail);

const prompt = ({ 'auto-approve': autoApprove, fromPush, strings, ...fake }: PromptArgs) => {
  const push: ChallengePush | undefined = fromPush && !fake.deliver ? { factorSid: FACTOR, challengeSid: SID, message: fake.message ?? 'Sign in to Example?' } : undefined;
  const app = !fromPush && !fake.deliver;
  return html`<verify-challenge-prompt
    .client=${fakeClient(fake)}
    .push=${push}
    .strings=${strings ?? {}}
    factor-sid=${app ? FACTOR : ''}
    challenge-sid=${app ? SID : ''}
    ?auto-approve=${autoApprove}
    @verify-challenge=${log}
    @verify-approved=${log}
    @verify-denied=${log}
    @verify-expired=${log}
    @verify-error=${log}
  ></verify-challenge-prompt>`;
};

const meta = {
  title: 'Elements/verify-challenge-prompt',
  component: 'verify-challenge-prompt',
  render: args => prompt(args),
  args: {
    message: 'Sign in to Example?',
    fields: [
      { label: 'Browser', value: 'Firefox on Linux' },
      { label: 'Location', value: 'Turin, Italy (approximate)' },
      { label: 'Time', value: '10:42' },
    ],
    'auto-approve': false,
    fromPush: true,
    expiresIn: 300,
    latency: 400,
    answerLatency: 400,
  },
  argTypes: {
    fromPush: { control: 'boolean', description: 'Story only: render from a push (message at once) or from `factor-sid` + `challenge-sid`.' },
    expiresIn: { control: { type: 'number', min: 1 }, description: 'Story only: seconds until the fake challenge expires.' },
    latency: { control: { type: 'number', min: 0 }, description: 'Story only: how long loading takes, ms.' },
    answerLatency: { control: { type: 'number', min: 0 }, description: 'Story only: how long approving or denying takes, ms.' },
    ...Object.fromEntries(['client', 'push', 'strings', 'state', 'factorSid', 'challengeSid', 'autoApprove'].map(name => [name, { control: false }])),
  },
  parameters: {
    docs: {
      description: {
        component:
          'Approve or deny a push challenge. These stories use a tiny fake client (Storybook runs no ' +
          'emulator); the tests drive the element against the real emulator. Events and the metadata ' +
          'of each answer appear in the Actions panel.',
      },
    },
  },
} satisfies Meta<PromptArgs>;

export default meta;
type Story = StoryObj<PromptArgs>;

const click = (part: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const el = canvasElement.querySelector('verify-challenge-prompt')!;
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector(`[part~="${part}"]`); i++) await new Promise(r => setTimeout(r, 50));
  el.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`)?.click();
};

/** The message from the push shows at once; the details follow (here after 0.4 s). */
export const Pending: Story = {};

/** `factor-sid` + `challenge-sid`: nothing is known until the details arrive. */
export const LoadingFromAttributes: Story = { args: { fromPush: false, latency: Infinity } };

/** `match_choices` in the hidden details: the user picks the number the sign-in screen shows. */
export const NumberMatching: Story = { args: { hiddenDetails: { match_choices: '17,42,88' } } };

/** After Deny: report the sign-in as suspicious? The answer travels as `Metadata.reported`. */
export const DenyReport: Story = { play: click('deny') };

/** Approving takes a while here (3 s): buttons disabled, `aria-busy`. */
export const Approving: Story = { args: { answerLatency: 3000 }, play: click('approve') };

export const Approved: Story = { args: { answerLatency: 0 }, play: click('approve') };

const denyAndReport = (answer: 'report-yes' | 'report-no') => async (ctx: { canvasElement: HTMLElement }) => {
  await click('deny')(ctx);
  await click(answer)(ctx);
};

/** Denying takes a while here (3 s). */
export const Denying: Story = { args: { answerLatency: 3000 }, play: denyAndReport('report-no') };

export const DeniedAndReported: Story = { args: { answerLatency: 0 }, play: denyAndReport('report-yes') };

/** Twelve seconds to go: the countdown ticks, and "10 seconds left" is announced. */
export const ExpiringSoon: Story = { args: { expiresIn: 12 } };

export const Expired: Story = { args: { status: 'expired' } };

/** Answered in another tab (BroadcastChannel) or on another device (API 60322). */
export const AlreadyAnswered: Story = { args: { status: 'approved' } };

/** The network failed (60401); Retry works. */
export const Offline: Story = { args: { failOnce: [60401, 'The Verify API could not be reached (the network failed).'] } };

/** Other errors show the client's message. */
export const OtherError: Story = {
  args: { failOnce: [60404, `Factor ${FACTOR} is not enrolled in this browser. List the local factors, or enroll again.`] },
};

/** `auto-approve`: approved on arrival, for when the sign-in happens in this browser. */
export const AutoApprove: Story = { args: { 'auto-approve': true } };

/** With a client and no challenge, it waits for `client.onChallenge` (here one arrives after 1 s). */
export const FromClientPushes: Story = { args: { deliver: true } };

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
export const Localised: Story = {
  args: {
    message: 'Accedere a Example?',
    fields: [{ label: 'Browser', value: 'Firefox su Linux' }],
    strings: {
      loading: 'Caricamento della richiesta…',
      timeLeft: s => `Scade tra ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`,
      timeLeftAnnouncement: s => (s < 60 ? `${s} secondi rimasti` : 'Un minuto rimasto'),
      pickNumber: 'Scegli il numero mostrato nella schermata di accesso',
      approve: 'Approva',
      deny: 'Rifiuta',
      report: 'Segnalare come sospetto?',
      yes: 'Sì',
      no: 'No',
      approving: 'Approvazione…',
      denying: 'Rifiuto…',
      approved: 'Approvato',
      denied: 'Rifiutato',
      reported: 'Rifiutato e segnalato come sospetto',
      expired: 'Questa richiesta è scaduta',
      answered: 'Questa richiesta ha già una risposta',
      offline: 'Il servizio non è raggiungibile. Controlla la connessione e riprova.',
      retry: 'Riprova',
    },
  },
};
