// The provider behind the `url` attribute, loaded with the first call to the site's server: a page
// that gives its own `provider` never loads it.
import { postJson, type JsonAnswer } from '../internal/post-json.js';
import { PasskeyFailure, type PasskeyProvider } from './backend.js';

/** The provider behind the `url` attribute: same-origin POSTs with the session cookie. */
export const urlProvider =
  (url: string): PasskeyProvider =>
  async (path, body) => {
    const target = url.replace(/\/$/, '') + path;
    let result: JsonAnswer;
    try {
      result = await postJson(target, body);
    } catch {
      throw new PasskeyFailure('network', `The site's server did not answer (${target}). Check the connection and try again.`);
    }
    if (!result.ok) {
      const { code, message } = (result.answer ?? {}) as { code?: unknown; message?: unknown };
      throw new PasskeyFailure(
        'backend',
        typeof message === 'string' && message ? message : `The site's server answered HTTP ${result.status} to ${target}.`,
        typeof code === 'number' ? code : 0,
      );
    }
    return result.answer;
  };
