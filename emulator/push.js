/** FCM sender id placed in `from`, as FCM does. */
const SENDER_ID = '000000000000';

/**
 * What would go to FCM/APNs: kept in an outbox and streamed to subscribers of the notification
 * token. A push that finds no subscriber waits (until its challenge expires), as FCM holds messages
 * for an offline device.
 * @param {{ clock: { now(): number }, limit?: number }} options
 */
export function createPush({ clock, limit = 1000 }) {
  /** @type {Array<Record<string, any>>} */
  const outbox = [];
  /** @type {Map<string, Set<(entry: Record<string, any>) => void>>} */
  const subscribers = new Map();
  /** @type {Set<() => void>} how to end each open subscription (on shutdown) */
  const enders = new Set();
  let seq = 0;

  /** @param {Record<string, any>} entry @param {(entry: Record<string, any>) => void} deliver */
  function hand(entry, deliver) {
    entry.delivered = true;
    deliver(entry);
  }

  return {
    outbox,
    /**
     * Queues the push for a new challenge (or a resend) to the factor's device.
     * @param {Record<string, any>} factor
     * @param {Record<string, any>} challenge
     * @param {number} ttlSeconds how long the push may wait for the device
     */
    send(factor, challenge, ttlSeconds) {
      const data = { type: 'verify_push_challenge', factor_sid: factor.sid, challenge_sid: challenge.sid, message: challenge.details.message };
      const payload = factor.notification_platform === 'apn'
        ? { aps: { alert: { body: data.message } }, ...data }
        : { data, from: SENDER_ID, priority: 'high', fcmMessageId: crypto.randomUUID() };
      const now = clock.now();
      const entry = {
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
     * @param {string} token
     * @param {number | null} lastEventId
     * @param {(entry: Record<string, any>) => void} deliver
     * @param {() => void} end called when the emulator shuts down
     * @returns {() => void} unsubscribe
     */
    subscribe(token, lastEventId, deliver, end) {
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
    close() {
      for (const end of [...enders]) end();
    },
  };
}
