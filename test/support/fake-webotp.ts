/**
 * A stand-in for WebOTP in the browser tests: no engine can receive an SMS, and only Chromium has
 * WebOTP at all. It replaces `navigator.credentials.get` only (the narrowest seam) and makes
 * `'OTPCredential' in window` true, behaving as Chromium does: a second `get()` cancels the
 * pending one with `AbortError`, and aborting a pending call's signal rejects it with `AbortError`.
 *
 * Settle calls as the browser would, in a task of its own: let the page's promise reactions run
 * (await something) before code that might abort.
 */

/** One call the page made to `navigator.credentials.get()`. */
export interface FakeWebOtpCall {
  /** The options the page passed. */
  readonly options: CredentialRequestOptions | undefined;
  /** The signal the page passed, if any. */
  readonly signal: AbortSignal | undefined;
  /** Whether the call's promise has settled (by the test, by its signal, or by a later call). */
  readonly settled: boolean;
}

/** Controls an installed fake; see {@link installFakeWebOtp}. */
export interface FakeWebOtp {
  /** Every `get()` call since installation, oldest first. */
  readonly calls: readonly FakeWebOtpCall[];
  /**
   * Aborts that reached the browser: abort events on any signal passed to `get()`, pending or
   * settled. In Chromium an abort that arrives after the request settled kills the renderer.
   */
  readonly aborts: number;
  /** Resolves the pending call with `{ code, type: 'otp' }`; throws if none is pending. */
  resolveWith(code: string): void;
  /** Rejects the pending call with a `DOMException` of this name; throws if none is pending. */
  rejectWith(name: string, message?: string): void;
  /** Rejects a still-pending call with `AbortError`, then puts the real objects back. */
  restore(): void;
}

/** Options for {@link installFakeWebOtp}. */
export interface FakeWebOtpOptions {
  /** `false` removes `OTPCredential` from `window` while installed, as in Firefox and WebKit. */
  supported?: boolean;
}

interface Pending {
  call: { settled: boolean };
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

const cancelled = () => new DOMException('OTP retrieval was cancelled.', 'AbortError');

/** Installs the fake; call `restore()` on the result after each test. */
export function installFakeWebOtp({ supported = true }: FakeWebOtpOptions = {}): FakeWebOtp {
  const calls: FakeWebOtpCall[] = [];
  let aborts = 0;
  let pending: Pending | undefined;

  const settle = (how: (p: Pending) => void) => {
    const current = pending;
    if (!current) throw new Error('No navigator.credentials.get() call is pending.');
    pending = undefined;
    current.call.settled = true;
    how(current);
  };

  const get = (options?: CredentialRequestOptions): Promise<unknown> => {
    if (pending) settle(p => p.reject(cancelled()));
    const signal = options?.signal ?? undefined;
    const call = { options, signal, settled: false };
    calls.push(call);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        call.settled = true;
        reject(cancelled());
        return;
      }
      const entry: Pending = { call, resolve, reject };
      pending = entry;
      signal?.addEventListener('abort', () => {
        aborts++;
        if (pending === entry) settle(p => p.reject(cancelled()));
      });
    });
  };

  // Interface objects are own, configurable properties of window; navigator.credentials is an
  // accessor on Navigator.prototype, and get() a method on CredentialsContainer.prototype.
  const otpCredential = Object.getOwnPropertyDescriptor(window, 'OTPCredential');
  if (supported && !otpCredential) {
    Object.defineProperty(window, 'OTPCredential', { value: class OTPCredential {}, configurable: true, writable: true });
  }
  if (!supported && otpCredential) delete (window as { OTPCredential?: unknown }).OTPCredential;

  const container = navigator.credentials as CredentialsContainer | undefined;
  if (container) Object.defineProperty(container, 'get', { value: get, configurable: true, writable: true });
  else Object.defineProperty(navigator, 'credentials', { value: { get }, configurable: true });

  return {
    calls,
    get aborts() {
      return aborts;
    },
    resolveWith: code => settle(p => p.resolve({ code, type: 'otp', id: '' })),
    rejectWith: (name, message = `Fake ${name}`) => settle(p => p.reject(new DOMException(message, name))),
    restore() {
      if (pending) settle(p => p.reject(cancelled()));
      if (container) delete (container as { get?: unknown }).get;
      else delete (navigator as { credentials?: unknown }).credentials;
      delete (window as { OTPCredential?: unknown }).OTPCredential;
      if (otpCredential) Object.defineProperty(window, 'OTPCredential', otpCredential);
    },
  };
}
