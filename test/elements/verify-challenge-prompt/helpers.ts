import { fixture, html, waitUntil } from '@open-wc/testing';
import { createIndexedDbStore, createVerifyPushClient, type ChallengePush, type Factor, type PushTransport, type PushTransportError, type VerifyPushClientOptions } from '../../../src/client/index.js';
import '../../../src/elements/verify-challenge-prompt/define.js';
import type { ChallengePromptState, VerifyChallengePrompt } from '../../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import { Backend, newIdentity } from '../../support/verify-backend.js';

export const EVENTS = ['verify-challenge', 'verify-approved', 'verify-denied', 'verify-expired', 'verify-error'] as const;

/** A fetch that records what the client sends ("METHOD path") and can play offline. */
export function countingFetch() {
  const calls: string[] = [];
  const net = { offline: false };
  const fetcher: typeof fetch = async (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    if (net.offline) throw new TypeError('Failed to fetch');
    return fetch(input, init);
  };
  return { calls, net, fetch: fetcher };
}

/**
 * A push transport the test drives: `deliver()` hands a push to the subscribed client, `report()`
 * an error as a transport reports an ignored push.
 */
export function manualTransport() {
  const subscribers = new Set<(push: ChallengePush) => void>();
  const errorListeners = new Set<(error: PushTransportError) => void>();
  const transport: PushTransport = {
    subscribe(_factor: Factor, onPayload) {
      subscribers.add(onPayload);
      return () => subscribers.delete(onPayload);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
  };
  return {
    transport,
    subscribers,
    deliver: (push: ChallengePush) => subscribers.forEach(s => s(push)),
    report: (error: PushTransportError) => errorListeners.forEach(l => l(error)),
  };
}

/** A browser enrolled as a verified push factor on `backend`, with a counting fetch. */
export async function enroll(backend: Backend, options: Partial<VerifyPushClientOptions> = {}) {
  const identity = newIdentity();
  const counter = countingFetch();
  const client = createVerifyPushClient({ baseUrl: backend.baseUrl, fetch: counter.fetch, storage: createIndexedDbStore({ name: `verify-elements-prompt-test-${crypto.randomUUID()}` }), ...options });
  const accessToken = await backend.accessToken(identity);
  const created = await client.createFactor({ accessToken, serviceSid: backend.serviceSid, identity, friendlyName: 'Test browser', push: { platform: 'none' } });
  const factor = await client.verifyFactor(created.sid);
  /** Creates a challenge for this factor; returns its SID and the push a transport would deliver. */
  const challenge = async (options: Parameters<Backend['challenge']>[2] = {}) => {
    const { sid, details } = await backend.challenge(identity, factor.sid, options);
    const push: ChallengePush = { factorSid: factor.sid, challengeSid: sid, message: details.message };
    return { sid, push };
  };
  return { client, factor, identity, challenge, ...counter };
}

/**
 * Mounts a prompt with `props` (and `attrs`), recording its events from before it connects.
 * `width` keeps long text honest.
 */
export async function mount(props: Partial<VerifyChallengePrompt>, attrs: Record<string, string> = {}, wrapper = 'inline-size: 22rem') {
  const el = document.createElement('verify-challenge-prompt');
  const events: CustomEvent[] = [];
  for (const type of EVENTS) el.addEventListener(type, e => events.push(e as CustomEvent));
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  Object.assign(el, props);
  const root = await fixture<HTMLElement>(html`<div style=${wrapper}>${el}</div>`);
  await el.updateComplete;
  return { el, root, events, of: (type: string) => events.filter(e => e.type === type) };
}

export async function until(el: VerifyChallengePrompt, state: ChallengePromptState, timeout = 4000) {
  await waitUntil(() => el.state === state, `state ${state} (it is ${el.state})`, { timeout });
  await el.updateComplete;
}

export const part = <T extends HTMLElement = HTMLElement>(el: VerifyChallengePrompt, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

export const announced = (el: VerifyChallengePrompt) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

/** The part (or, for a radio, the input type) that has focus in the prompt; a string keeps failures readable. */
export const focused = (el: VerifyChallengePrompt) => {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? active.getAttribute('type')) : null;
};

export { Backend };
