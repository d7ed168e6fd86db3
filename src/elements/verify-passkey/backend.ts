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

/** The provider behind the `url` attribute: same-origin POSTs with the session cookie. */
export const urlProvider =
  (url: string): PasskeyProvider =>
  async (path, body) => {
    const target = url.replace(/\/$/, '') + path;
    let response: Response;
    try {
      response = await fetch(target, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      throw new PasskeyFailure('network', `The site's server did not answer (${target}). Check the connection and try again.`);
    }
    const answer = await response.json().catch(() => undefined);
    if (!response.ok) {
      const { code, message } = (answer ?? {}) as { code?: unknown; message?: unknown };
      throw new PasskeyFailure(
        'backend',
        typeof message === 'string' && message ? message : `The site's server answered HTTP ${response.status} to ${target}.`,
        typeof code === 'number' ? code : 0,
      );
    }
    return answer;
  };
