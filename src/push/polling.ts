/**
 * `verify-elements/push/polling`: for factors with push platform `none` (Safari without push,
 * Electron, denied notifications): lists the factor's pending challenges on an interval, with
 * back-off on errors, and not at all while the page is hidden. Works in every engine.
 * @module
 */
import { INITIALIZATION_ERROR, NETWORK_ERROR } from '../protocol/codes.js';
import { VerifyError } from '../client/errors.js';
import type { ChallengePush, Factor, PushConfig, PushTransport, PushTransportError, VerifyPushClient } from '../client/types.js';
import { emitter } from './emitter.js';
import { parsePush, pushData, PushError } from './payload.js';

export interface PollingTransportOptions {
  /** The client to list challenges with; default: the client that subscribes. */
  client?: VerifyPushClient;
  /** Between polls, default 5000 ms; doubled after each failure up to `maxIntervalMs` (default 60 000). */
  intervalMs?: number;
  maxIntervalMs?: number;
}

// The newest pending challenges are the ones a user may still be waiting on.
const PAGE = { status: 'pending', order: 'desc', pageSize: 50 } as const;

export function pollingTransport({ client: fixed, intervalMs = 5000, maxIntervalMs = 60_000 }: PollingTransportOptions = {}): PushTransport {
  const errors = emitter<[PushTransportError]>();
  return {
    register: async (): Promise<PushConfig> => ({ platform: 'none' }),

    subscribe(factor: Factor, onPayload: (payload: ChallengePush) => void, subscriber?: VerifyPushClient) {
      const client = fixed ?? subscriber;
      if (!client) throw new VerifyError(INITIALIZATION_ERROR, 'pollingTransport needs a client: pass { client }, or let createVerifyPushClient subscribe it.');
      let seen = new Set<string>(); // pending challenges already delivered
      let wait = intervalMs;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let running = false;
      let stopped = false;

      const schedule = () => {
        if (!stopped && !document.hidden) timer = setTimeout(poll, wait);
      };
      async function poll() {
        timer = undefined;
        running = true;
        try {
          const { challenges } = await client!.listChallenges(factor.sid, PAGE);
          wait = intervalMs;
          const pending = new Set(challenges.map(c => c.sid));
          for (const challenge of challenges) {
            if (seen.has(challenge.sid) || stopped) continue;
            const push = parsePush(pushData({ factorSid: factor.sid, challengeSid: challenge.sid, message: challenge.details.message }));
            if (push instanceof PushError) errors.emit(push);
            else onPayload(push);
          }
          seen = pending; // an answered or expired challenge never turns pending again
        } catch (error) {
          if (stopped) return; // unsubscribed meanwhile: nobody is waiting for this failure
          const code = error instanceof VerifyError ? error.code : NETWORK_ERROR;
          wait = Math.min(wait * 2, maxIntervalMs);
          errors.emit(new PushError('poll-failed', `Listing pending challenges failed (${(error as Error).message}); retrying in ${wait / 1000} s.`, code));
        }
        running = false;
        schedule();
      }
      const onVisibility = () => {
        if (document.hidden) {
          clearTimeout(timer);
          timer = undefined;
        } else if (!timer && !running) {
          void poll(); // back on screen: look now
        }
      };

      document.addEventListener('visibilitychange', onVisibility);
      if (!document.hidden) void poll();
      return () => {
        stopped = true;
        clearTimeout(timer);
        document.removeEventListener('visibilitychange', onVisibility);
      };
    },

    onError: errors.on,
  };
}

/**
 * One transport for a browser whose factors differ: factors enrolled without notifications
 * (platform `none`) are polled, the others get their pushes from `push`.
 */
export function withPollingFallback(push: PushTransport, polling: PushTransport): PushTransport {
  return {
    subscribe: (factor, onPayload, client) => (factor.push.platform === 'none' ? polling : push).subscribe(factor, onPayload, client),
    onTokenChange: push.onTokenChange,
    onError: listener => {
      const stops = [push, polling].map(t => t.onError?.(listener));
      return () => stops.forEach(stop => stop?.());
    },
  };
}
