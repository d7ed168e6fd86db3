import type { Challenge, VerifyPushClient } from '../../src/client/types.js';
import '../../src/elements/verify-challenge-prompt/define.js';
import type { ChallengePromptState, VerifyChallengePrompt } from '../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import { frame, html, matchesBaseline, setUpPage, until } from './helpers.js';

const FACTOR = 'YF00000000000000000000000000000001';
const SID = 'YC00000000000000000000000000000001';
// The prompt counts down from Date.now(): time stands still here, so it always reads "Expires in 5:00".
const NOW = Date.parse('2030-01-01T10:00:00Z');
const realNow = Date.now;

interface Fake {
  status?: Challenge['status'];
  hiddenDetails?: Record<string, string>;
  /** getChallenge fails with this VerifyError code. */
  failWith?: number;
}

/** A client that answers at once from memory (the pictures must not depend on a server). */
function fakeClient({ status = 'pending', hiddenDetails, failWith }: Fake = {}): VerifyPushClient {
  const challenge: Challenge = {
    sid: SID,
    factorSid: FACTOR,
    status,
    details: {
      message: 'Sign in to Example?',
      fields: [
        { label: 'Browser', value: 'Firefox on Linux' },
        { label: 'Location', value: 'Turin, Italy (approximate)' },
      ],
    },
    hiddenDetails,
    dateCreated: new Date(NOW).toISOString(),
    dateUpdated: new Date(NOW).toISOString(),
    // Half a second short of five minutes: the countdown's timer then wakes twice a second, not constantly.
    expirationDate: new Date(NOW + 299_500).toISOString(),
  };
  const answer = (to: 'approved' | 'denied') => async () => ({ ...challenge, status: to });
  return {
    async getChallenge() {
      if (failWith) throw Object.assign(new Error('The Verify API could not be reached (the network failed).'), { name: 'VerifyError', code: failWith });
      return challenge;
    },
    approveChallenge: answer('approved'),
    denyChallenge: answer('denied'),
    now: () => Date.now(),
  } as Partial<VerifyPushClient> as VerifyPushClient;
}

async function mount(fake: Fake, state: ChallengePromptState) {
  const push = { factorSid: FACTOR, challengeSid: SID, message: 'Sign in to Example?' };
  const f = await frame(html`<verify-challenge-prompt .client=${fakeClient(fake)} .push=${push}></verify-challenge-prompt>`, 'inline-size: 400px');
  const el = f.querySelector<VerifyChallengePrompt>('verify-challenge-prompt')!;
  await until(el, () => el.state === state, `state ${state}`);
  return { f, el, click: (part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)!.click() };
}

describe('<verify-challenge-prompt> looks', () => {
  beforeEach(async () => {
    await setUpPage();
    Date.now = () => NOW;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  it('pending, with the details and the countdown', async () => {
    const { f } = await mount({}, 'pending');
    await matchesBaseline(f, 'verify-challenge-prompt-pending');
  });

  it('number matching: Approve waits for a number', async () => {
    const { f } = await mount({ hiddenDetails: { match_choices: '17,42,88' } }, 'pending');
    await matchesBaseline(f, 'verify-challenge-prompt-number-matching');
  });

  it('after Deny: report as suspicious?', async () => {
    const { f, el, click } = await mount({}, 'pending');
    click('deny');
    await until(el, () => el.state === 'confirm', 'state confirm');
    await matchesBaseline(f, 'verify-challenge-prompt-confirm-deny');
  });

  it('approved', async () => {
    const { f, el, click } = await mount({}, 'pending');
    click('approve');
    await until(el, () => el.state === 'approved', 'state approved');
    await matchesBaseline(f, 'verify-challenge-prompt-approved');
  });

  it('expired', async () => {
    const { f } = await mount({ status: 'expired' }, 'expired');
    await matchesBaseline(f, 'verify-challenge-prompt-expired');
  });

  it('offline, with Retry', async () => {
    const { f } = await mount({ failWith: 60401 }, 'offline');
    await matchesBaseline(f, 'verify-challenge-prompt-offline');
  });
});
