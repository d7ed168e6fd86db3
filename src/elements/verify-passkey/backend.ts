import type { PasskeyErrorReason } from './strings.js';

/** The four calls of the site's backend contract, relative to the element's `url`. */
export type PasskeyPath = '/register/options' | '/register/verify' | '/sign-in/options' | '/sign-in/verify';

/**
 * Answers one call of the backend contract, for sites that fetch themselves (their own API client,
 * headers, CSRF token): `path` and the JSON `body` to POST; resolves with the server's JSON answer.
 * Reject with a `PasskeyFailure` (or anything with `code` and `message`) to say why.
 */
export type PasskeyProvider = (path: PasskeyPath, body: object) => Promise<unknown>;

/** A failure with its stable reason. Its message never holds a challenge or a credential. */
export class PasskeyFailure extends Error {
  constructor(
    readonly reason: PasskeyErrorReason,
    message: string,
    readonly code = 0,
  ) {
    super(message);
  }
}
