import { waitUntil } from '@open-wc/testing';
import type { Challenge, Factor, VerifyPushClient } from '../../src/client/types.js';
import '../../src/elements/verify-challenge-prompt/define.js';
import '../../src/elements/verify-enroll/define.js';

export const FACTOR = `YF${'1'.repeat(32)}`;
export const SID = `YC${'1'.repeat(32)}`;
export const push = { factorSid: FACTOR, challengeSid: SID, message: 'Sign in to Example?' };

/**
 * A client for `<verify-challenge-prompt>` that answers at once: a pending challenge expiring in
 * `expiresIn` seconds, with number matching when `choices` is given; `failWith` makes loading fail.
 */
export function promptClient({ expiresIn = 300, choices, failWith }: { expiresIn?: number; choices?: string; failWith?: number } = {}): VerifyPushClient {
  const now = new Date().toISOString();
  const challenge: Challenge = {
    sid: SID,
    factorSid: FACTOR,
    status: 'pending',
    details: { message: push.message, fields: [] },
    hiddenDetails: choices ? { match_choices: choices } : undefined,
    dateCreated: now,
    dateUpdated: now,
    expirationDate: new Date(Date.now() + expiresIn * 1000).toISOString(),
  };
  return {
    getChallenge: async () => {
      if (failWith) throw Object.assign(new Error(`Failure ${failWith} from the fake client.`), { name: 'VerifyError', code: failWith });
      return challenge;
    },
    approveChallenge: async () => ({ ...challenge, status: 'approved' }),
    denyChallenge: async () => ({ ...challenge, status: 'denied' }),
    now: () => Date.now(),
  } as Partial<VerifyPushClient> as VerifyPushClient;
}

export const token = { token: 'not-a-real-token', serviceSid: `VA${'0'.repeat(32)}`, identity: 'user-locales-test' };

/** A client for `<verify-enroll>` with no factor yet; `names` records the friendly names it enrolls. */
export function enrollClient(names: string[] = []): VerifyPushClient {
  let factors: Factor[] = [];
  const factor = (status: Factor['status'], friendlyName: string): Factor => ({
    sid: FACTOR,
    accountSid: `AC${'2'.repeat(32)}`,
    serviceSid: token.serviceSid,
    entitySid: `YE${'3'.repeat(32)}`,
    identity: token.identity,
    friendlyName,
    status,
    push: { platform: 'none' },
  });
  return {
    listFactors: async () => factors,
    createFactor: async input => (names.push(input.friendlyName), (factors = [factor('unverified', input.friendlyName)])[0]),
    verifyFactor: async () => (factors = [factor('verified', factors[0].friendlyName)])[0],
    deleteFactor: async () => void (factors = []),
  } as Partial<VerifyPushClient> as VerifyPushClient;
}

export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const text = (el: Element, name: string) => part(el, name)?.textContent?.trim() ?? null;
export const announced = (el: Element) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

/** Waits until `read()` (after the element's renders) equals `expected`; the translations load lazily. */
export async function shows(el: Element & { updateComplete: Promise<unknown> }, read: () => unknown, expected: unknown): Promise<void> {
  await waitUntil(
    async () => {
      await el.updateComplete;
      return read() === expected;
    },
    `the text "${expected}"`,
    { timeout: 3000 },
  );
}
