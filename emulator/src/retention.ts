import type { Store } from './store.js';

/** How long answered and expired challenges stay by default. */
export const DEFAULT_RETENTION_SECONDS = 24 * 60 * 60;
/** The longest wait between two sweeps, in emulator time (and the shortest is a second: each sweep reads every challenge). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Retention: a challenge goes `retentionSeconds` after it was answered or expired (a pending one
 * stays until then), so that the state, and with it the journal, stops growing. `sweep` runs in
 * requests that change the state (their session stores the removals), at most once a minute of
 * emulator time, so that moving the emulator clock (POST /emulator/clock) moves it too.
 */
export function createRetention(retentionSeconds = DEFAULT_RETENTION_SECONDS) {
  const keepMs = retentionSeconds * 1000;
  const every = Math.max(1000, Math.min(keepMs, SWEEP_EVERY_MS));
  let last = -Infinity;
  return {
    sweep(store: Store, now: number): void {
      // A clock moved back starts the count again.
      if (now - last < every && now >= last) return;
      last = now;
      // Push and passkeys challenges alike.
      for (const kind of ['challenges', 'passkeyChallenges'] as const) {
        for (const ch of Object.values(store.state[kind])) {
          const ended = ch.date_responded ?? (ch.expiration_date <= now ? ch.expiration_date : null);
          if (ended !== null && ended + keepMs <= now) store.remove(kind, ch.sid);
        }
      }
    },
  };
}
