/**
 * `verify-elements/push/emulator`: challenge pushes from the Verify Push emulator's SSE stream
 * (`GET /emulator/push/<token>`), which carries what would have gone to FCM, so the same parser runs.
 * For development, tests and stories.
 * @module
 */
import { NETWORK_ERROR } from '../protocol/codes.js';
import type { ChallengePush, Factor, PushConfig, PushTransport, PushTransportError } from '../client/types.js';
import { emitter, subscribers } from './emitter.js';
import { PushError } from './payload.js';

export interface EmulatorTransportOptions {
  /** The emulator's URL (its `/v2/` base URL works too). */
  baseUrl: string;
  /** First wait before reopening a stream the server refused, doubled up to `maxRetryMs` (default 1000 and 30 000 ms). */
  retryMs?: number;
  maxRetryMs?: number;
}

interface Stream {
  add: ReturnType<typeof subscribers>['add'];
  close(): void;
}

export function emulatorTransport({ baseUrl, retryMs = 1000, maxRetryMs = 30_000 }: EmulatorTransportOptions): PushTransport {
  const errors = emitter<[PushTransportError]>();
  const streams = new Map<string, Stream>(); // by notification token
  let token: string | undefined;

  function open(pushToken: string): Stream {
    const url = new URL(`/emulator/push/${encodeURIComponent(pushToken)}`, baseUrl);
    const factors = subscribers(errors.emit);
    let source: EventSource;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = retryMs;
    const connect = () => {
      source = new EventSource(url);
      source.onopen = () => (wait = retryMs);
      source.onmessage = event => {
        let json: unknown;
        try {
          json = JSON.parse(event.data);
        } catch {
          json = undefined; // reported as not an object
        }
        factors.deliver(json);
      };
      // While the browser reconnects by itself (resuming with Last-Event-ID) the source stays
      // CONNECTING; once it gives up (CLOSED: the server refused the stream), reopen with back-off.
      // The emulator then replays what no stream received.
      source.onerror = () => {
        if (source.readyState !== EventSource.CLOSED) return;
        errors.emit(new PushError('stream-failed', `The emulator's push stream at ${url.origin} failed; retrying in ${wait / 1000} s.`, NETWORK_ERROR));
        timer = setTimeout(connect, wait);
        wait = Math.min(wait * 2, maxRetryMs);
      };
    };
    connect();
    return {
      add: factors.add,
      close() {
        clearTimeout(timer);
        source.close();
      },
    };
  }

  return {
    /** A random token for this browser, shared by its factors; the emulator keeps their pushes until a stream listens. */
    async register(): Promise<PushConfig> {
      token ??= Array.from(crypto.getRandomValues(new Uint8Array(32)), b => b.toString(16).padStart(2, '0')).join('');
      return { platform: 'fcm', token };
    },

    subscribe(factor: Factor, onPayload: (payload: ChallengePush) => void) {
      if (factor.push.platform === 'none') return () => {};
      const pushToken = factor.push.token;
      const stream = streams.get(pushToken) ?? open(pushToken);
      streams.set(pushToken, stream);
      const remove = stream.add(factor.sid, onPayload);
      return () => {
        if (remove() || streams.get(pushToken) !== stream) return;
        stream.close();
        streams.delete(pushToken);
      };
    },

    onError: errors.on,
  };
}
