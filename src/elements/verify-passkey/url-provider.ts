// The provider behind the `url` attribute, loaded with the first call to the site's server: a page
// that gives its own `provider` never loads it.
import { PasskeyFailure, type PasskeyProvider } from './backend.js';

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
