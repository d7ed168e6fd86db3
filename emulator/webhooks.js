import { toBase64, utf8 } from './bytes.js';
import { encodeForm } from './form.js';

/**
 * Twilio's request signature: base64(HMAC-SHA1(auth token, URL + each key and value, sorted by key)).
 * @param {string} authToken
 * @param {string} url
 * @param {Record<string, string>} params
 */
export async function twilioSignature(authToken, url, params) {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  const key = await crypto.subtle.importKey('raw', utf8(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(data))));
}

/**
 * Delivers Verify events to the service's webhooks: form-encoded, signed, retried with back-off,
 * never awaited by the API response that caused them.
 * @param {{ authToken: string, retryDelaysMs?: number[], timeoutMs?: number }} options
 */
export function createWebhooks({ authToken, retryDelaysMs = [1000, 5000, 15000], timeoutMs = 5000 }) {
  /** @type {Array<Record<string, unknown>>} the latest deliveries, for GET /emulator/state */
  const log = [];
  const timers = new Set();
  let closed = false;

  /**
   * @param {string} url
   * @param {Record<string, string>} params
   * @param {Record<string, unknown>} entry
   */
  async function attempt(url, params, entry) {
    if (closed) return;
    entry.attempts = /** @type {number} */ (entry.attempts) + 1;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': await twilioSignature(authToken, url, params),
          'I-Twilio-Idempotency-Token': params.uuid,
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
      entry.last_status = /** @type {Error} */ (err).name;
    }
    const delay = retryDelaysMs[/** @type {number} */ (entry.attempts) - 1];
    if (delay === undefined || closed) {
      entry.status = 'failed';
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      attempt(url, params, entry);
    }, delay);
    timers.add(timer);
  }

  return {
    log,
    /**
     * Sends one event to every enabled webhook of the service subscribed to it.
     * @param {Array<Record<string, any>>} hooks the service's webhooks
     * @param {string} type e.g. `factor.verified`
     * @param {Record<string, string>} fields the event body without `uuid` and `type`
     */
    emit(hooks, type, fields) {
      for (const hook of hooks) {
        if (hook.status !== 'enabled' || !(hook.event_types.includes('*') || hook.event_types.includes(type))) continue;
        const params = { uuid: crypto.randomUUID(), type, ...fields };
        const entry = { uuid: params.uuid, type, webhook_sid: hook.sid, url: hook.webhook_url, attempts: 0, status: 'pending', last_status: null };
        log.push(entry);
        if (log.length > 200) log.shift();
        attempt(hook.webhook_url, params, entry);
      }
    },
    /** Stops pending retries (on shutdown). */
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
