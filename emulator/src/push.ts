import type { ChallengePushData, FcmMessage, NotificationPlatform } from 'verify-elements/protocol';
import type { Clock } from './clock.js';
import type { ChallengeRow, FactorRow } from './store.js';

/** FCM sender id placed in `from`, as FCM does. */
const SENDER_ID = '000000000000';

/** An APNs payload: the alert, and the push data at the top level. */
export type ApnsPayload = ChallengePushData & { aps: { alert: { body: string } } };

export interface PushEntry {
  id: number;
  notification_platform: NotificationPlatform;
  notification_token: string | null;
  factor_sid: string;
  challenge_sid: string;
  date_created: number;
  expires: number;
  delivered: boolean;
  payload: FcmMessage | ApnsPayload;
}

type Deliver = (entry: PushEntry) => void;

/**
 * What would go to FCM/APNs: kept in an outbox and streamed to subscribers of the notification
 * token. A push that finds no subscriber waits (until its challenge expires), as FCM holds messages
 * for an offline device.
 */
export function createPush({ clock, limit = 1000 }: { clock: Pick<Clock, 'now'>; limit?: number }) {
  const outbox: PushEntry[] = [];
  const subscribers = new Map<string | null, Set<Deliver>>();
  /** How to end each open subscription (on shutdown). */
  const enders = new Set<() => void>();
  let seq = 0;

  function hand(entry: PushEntry, deliver: Deliver): void {
    entry.delivered = true;
    deliver(entry);
  }

  return {
    outbox,
    /** Queues the push for a new challenge (or a resend) to the factor's device; `ttlSeconds`: how long it may wait for the device. */
    send(factor: FactorRow, challenge: ChallengeRow, ttlSeconds: number): PushEntry {
      const data: ChallengePushData = { type: 'verify_push_challenge', factor_sid: factor.sid, challenge_sid: challenge.sid, message: challenge.details?.message ?? '' };
      const payload: PushEntry['payload'] = factor.notification_platform === 'apn'
        ? { aps: { alert: { body: data.message } }, ...data }
        : { data, from: SENDER_ID, priority: 'high', fcmMessageId: crypto.randomUUID() };
      const now = clock.now();
      const entry: PushEntry = {
        id: ++seq,
        notification_platform: factor.notification_platform,
        notification_token: factor.notification_token,
        factor_sid: factor.sid,
        challenge_sid: challenge.sid,
        date_created: now,
        expires: Math.min(challenge.expiration_date, now + ttlSeconds * 1000),
        delivered: false,
        payload,
      };
      outbox.push(entry);
      if (outbox.length > limit) outbox.shift();
      for (const deliver of subscribers.get(entry.notification_token) ?? []) hand(entry, deliver);
      return entry;
    },
    /**
     * Subscribes to the pushes of a notification token. Replays what came after `lastEventId`
     * (an SSE reconnect), and in any case what waited undelivered and has not expired: an id from
     * before a restart of the emulator (ids start again at 1) must not hide the pushes of this run.
     * `end` is called when the emulator shuts down. Returns how to unsubscribe.
     */
    subscribe(token: string, lastEventId: number | null, deliver: Deliver, end: () => void): () => void {
      const now = clock.now();
      for (const entry of outbox) {
        if (entry.notification_token !== token) continue;
        if ((lastEventId !== null && entry.id > lastEventId) || (!entry.delivered && entry.expires > now)) hand(entry, deliver);
      }
      if (!subscribers.has(token)) subscribers.set(token, new Set());
      subscribers.get(token)?.add(deliver);
      enders.add(end);
      return () => {
        enders.delete(end);
        const set = subscribers.get(token);
        set?.delete(deliver);
        if (set?.size === 0) subscribers.delete(token);
      };
    },
    /** Ends every open subscription. */
    close(): void {
      for (const end of [...enders]) end();
    },
  };
}

export type Push = ReturnType<typeof createPush>;
