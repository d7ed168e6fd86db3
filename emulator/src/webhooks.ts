import type { WebhookEvent } from 'verify-elements/protocol';
import { toBase64, utf8 } from './bytes.js';
import { encodeForm } from './form.js';
import type { WebhookRow } from './store.js';

/** Twilio's request signature: base64(HMAC-SHA1(auth token, URL + each key and value, sorted by key)). */
export async function twilioSignature(authToken: string, url: string, params: Record<string, string>): Promise<string> {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  const key = await crypto.subtle.importKey('raw', utf8(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(data))));
}

/** An event's form fields: the protocol's, for any factor type the emulator serves (passkeys too). */
export type EventFields = Omit<WebhookEvent, 'uuid' | 'type' | 'factor_type'> & { factor_type: WebhookEvent['factor_type'] | 'passkeys' | 'totp' };

/** One delivery, as GET /emulator/state shows it. */
export interface Delivery {
  uuid: string;
  type: WebhookEvent['type'];
  webhook_sid: string;
  url: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  /** The last HTTP status, or the name of the error that ended the last attempt. */
  last_status: number | string | null;
}

/**
 * Delivers Verify events to the service's webhooks: form-encoded, signed, retried with back-off,
 * never awaited by the API response that caused them.
 */
export function createWebhooks({ authToken, retryDelaysMs = [1000, 5000, 15000], timeoutMs = 5000 }: { authToken: string; retryDelaysMs?: number[]; timeoutMs?: number }) {
  /** The latest deliveries, for GET /emulator/state. */
  const log: Delivery[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  async function attempt(url: string, params: Record<string, string>, entry: Delivery): Promise<void> {
    if (closed) return;
    entry.attempts += 1;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': await twilioSignature(authToken, url, params),
          'I-Twilio-Idempotency-Token': entry.uuid,
          'User-Agent': 'TwilioProxy/1.1 (verify-push-emulator)',
        },
        body: encodeForm(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      entry.last_status = res.status;
      if (res.ok) {
        entry.status = 'delivered';
        return;
      }
    } catch (err) {
      entry.last_status = err instanceof Error ? err.name : String(err);
    }
    const delay = retryDelaysMs[entry.attempts - 1];
    if (delay === undefined || closed) {
      entry.status = 'failed';
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(url, params, entry);
    }, delay);
    timers.add(timer);
  }

  return {
    log,
    /** Sends one event to every enabled webhook of the service (`hooks`) subscribed to its type. */
    emit(hooks: WebhookRow[], type: WebhookEvent['type'], fields: EventFields): void {
      for (const hook of hooks) {
        if (hook.status !== 'enabled' || !(hook.event_types.includes('*') || hook.event_types.includes(type))) continue;
        const event = { uuid: crypto.randomUUID(), type, ...fields };
        // Only the fields present go on the wire (challenge_sid is absent on factor events).
        const params = Object.fromEntries(Object.entries(event).filter((pair): pair is [string, string] => pair[1] !== undefined));
        const entry: Delivery = { uuid: event.uuid, type, webhook_sid: hook.sid, url: hook.webhook_url, attempts: 0, status: 'pending', last_status: null };
        log.push(entry);
        if (log.length > 200) log.shift();
        void attempt(hook.webhook_url, params, entry);
      }
    },
    /** Stops pending retries (on shutdown). */
    close(): void {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
