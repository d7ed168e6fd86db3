import type { ChallengePush } from '../client/types.js';
import { parsePush, PushError, unknownFactor } from './payload.js';

/** A listener set: `on` backs a transport's `onError` / `onTokenChange`, `emit` calls them. */
export function emitter<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    on(listener: (...args: A) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (...args: A) => listeners.forEach(listener => listener(...args)),
  };
}

/**
 * A transport's subscribers by factor SID. `deliver` parses a raw payload and hands it to the
 * factor's subscribers; what is malformed or for no subscribed factor goes to `report`.
 */
export function subscribers(report: (error: PushError) => void) {
  const all = new Set<{ factorSid: string; onPayload: (payload: ChallengePush) => void }>();
  return {
    /** Returns the unsubscribe, which says whether any subscriber is left. */
    add(factorSid: string, onPayload: (payload: ChallengePush) => void) {
      const entry = { factorSid, onPayload };
      all.add(entry);
      return () => (all.delete(entry), all.size > 0);
    },
    deliver(payload: unknown) {
      const push = parsePush(payload);
      if (push instanceof PushError) return report(push);
      const targets = [...all].filter(s => s.factorSid === push.factorSid);
      if (!targets.length) return report(unknownFactor(push));
      targets.forEach(s => s.onPayload(push));
    },
  };
}
