/**
 * WebOTP (`navigator.credentials.get({ otp })`) with one shared request per page and abort
 * handling that never trips Chromium's "abort after settle" renderer kill.
 *
 * @module
 */

/** Options for {@link requestOtp}. */
export interface RequestOtpOptions {
  /**
   * Ends this caller's interest in the code: the caller's promise resolves with `null`. The
   * browser request is aborted only once every caller sharing it has aborted.
   */
  signal?: AbortSignal;
}

/** The part of an `OTPCredential` this module reads (TypeScript's DOM library has no WebOTP types). */
interface OtpCredentialLike {
  code?: string | null;
}

/** The browser request that every caller on the page shares while it is pending. */
interface SharedRequest {
  /** Aborts the browser request; touched only while `settled` is false. */
  readonly controller: AbortController;
  /** The code, or `null` for the quiet endings; rejects with a developer-facing Error. */
  readonly outcome: Promise<string | null>;
  /** True once the browser's promise settled: from then on, aborting would kill the renderer. */
  settled: boolean;
  /** Joined callers that have not aborted. */
  callers: number;
}

/** The page's only mutable state: the request new callers join, if any. */
const page: { pending?: SharedRequest } = {};

/**
 * Whether this document can use WebOTP: `OTPCredential` is exposed, the context is secure, and
 * `navigator.credentials.get` exists. Only Chromium has it; Firefox and WebKit return `false`.
 * Safe to call during SSR or in Node, where it returns `false`.
 *
 * A `true` answer is not a promise that `get()` is safe: some Chromium forks expose
 * `OTPCredential` but crash the tab when it is called, so let the page opt in to WebOTP.
 *
 * @returns `true` when {@link requestOtp} can ask the browser for a code.
 */
export function isWebOtpSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'OTPCredential' in window &&
    typeof navigator.credentials?.get === 'function'
  );
}

/**
 * Asks the browser for a one-time code delivered by SMS (WebOTP).
 *
 * Every caller on the page shares one pending `navigator.credentials.get()`, because a second
 * `get()` would cancel the first. Callers that arrive while it is pending join it and all get its
 * result. Aborting one caller's `signal` resolves that caller with `null` and leaves the others
 * waiting; the browser request is aborted only when all its callers have aborted, and never after
 * it settled. After it settles or is abandoned, the next caller starts a fresh request.
 *
 * Start it lazily (it makes the page ineligible for the back/forward cache), and abort it on form
 * submit, on disconnect and when the user typed the code by hand. If the user declines the
 * prompt the request stays pending until its 4-minute timeout, so never block manual entry on it.
 *
 * @param options - `signal` to stop waiting for this caller.
 * @returns The code; or `null` when the request ended without one in an ordinary way: the
 *   caller's signal aborted (also before the call), the request was cancelled (`AbortError`, e.g.
 *   by another `navigator.credentials.get()` on the page), it timed out or had no backend
 *   (`InvalidStateError`), or WebOTP is not supported.
 * @throws {Error} (as a rejection) only for a problem a developer must fix, such as a missing
 *   `allow="otp-credentials"` on a cross-origin iframe (`NotAllowedError`); the message says what
 *   to do and `cause` holds the browser's original error.
 */
export function requestOtp(options: RequestOtpOptions = {}): Promise<string | null> {
  const { signal } = options;
  if (signal?.aborted || !isWebOtpSupported()) return Promise.resolve(null);
  const shared = (page.pending ??= start());
  shared.callers++;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      resolve(null);
      leave(shared);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // Unhook once settled, so a long-lived signal does not collect one listener per request.
    shared.outcome.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Starts the browser request that callers will share. */
function start(): SharedRequest {
  const controller = new AbortController();
  const request = navigator.credentials.get({
    otp: { transport: ['sms'] },
    signal: controller.signal,
  } as CredentialRequestOptions) as Promise<OtpCredentialLike | null>;
  const shared: SharedRequest = {
    controller,
    callers: 0,
    settled: false,
    // The first reactions on the browser's promise: `settled` turns true as soon as script can
    // observe the settlement, before any caller's reaction runs.
    outcome: request.then(
      credential => {
        settle(shared);
        return credential?.code ?? null;
      },
      (error: unknown) => {
        settle(shared);
        return quietEnding(error);
      },
    ),
  };
  return shared;
}

/** The browser answered: never abort this request again, and let the next caller start afresh. */
function settle(shared: SharedRequest): void {
  shared.settled = true;
  if (page.pending === shared) page.pending = undefined;
}

/** One caller aborted: abort the browser request once nobody waits for it any more. */
function leave(shared: SharedRequest): void {
  if (--shared.callers > 0) return;
  // Detach now, not when the abort settles it, so a caller arriving meanwhile starts afresh instead of joining a dying request.
  if (page.pending === shared) page.pending = undefined;
  if (!shared.settled) shared.controller.abort();
}

/** `null` for the ordinary ways a request ends without a code; throws for everything else. */
function quietEnding(error: unknown): null {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'InvalidStateError') return null;
  throw new Error(advice(name, error), { cause: error });
}

/** What went wrong and what to do about it, for a developer reading the console. */
function advice(name: unknown, error: unknown): string {
  if (name === 'NotAllowedError') {
    return (
      'WebOTP is not allowed in this document (NotAllowedError). In a cross-origin iframe, add ' +
      'allow="otp-credentials" to the <iframe> element (and allow the origin in the parent\'s ' +
      'Permissions-Policy otp-credentials feature if it sets one); the frame chain may also hold ' +
      'at most two distinct origins.'
    );
  }
  if (name === 'NotSupportedError') {
    return (
      'The browser refused the WebOTP request as unsupported (NotSupportedError): it exposes ' +
      "OTPCredential but does not accept the 'sms' transport. Turn WebOTP off for this browser " +
      'and let users type the code.'
    );
  }
  return `WebOTP request failed unexpectedly (${String(error)}). See the cause for details.`;
}
