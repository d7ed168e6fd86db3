import { postJson, type JsonAnswer } from '../internal/post-json.js';
import type { TotpErrorReason } from './events.js';

/** The site server's answer to start: the new factor and its binding, shown once and never stored. */
export interface TotpEnrollment {
  factorSid: string;
  /** `otpauth://totp/…`: drawn as the QR code. */
  uri: string;
  /** The base32 key inside `uri`: shown for apps that cannot scan. */
  secret: string;
}

/**
 * The site's server, for sites that call it through their own API client instead of `url`. A refusal
 * is an error with the HTTP `status` (and the Twilio `code`, when there is one); a `TypeError` (as
 * `fetch` throws) means the server did not answer.
 */
export interface TotpEnrollProvider {
  /** Creates a TOTP factor for the signed-in user. */
  start(request: { friendlyName?: string }): Promise<TotpEnrollment>;
  /** Checks the first code; `unverified` means a wrong code. */
  confirm(request: { factorSid: string; code: string }): Promise<{ status: string }>;
}

/** A failure as the element reports it; never holds the key or the URI. */
export type TotpFailure = Error & { reason?: TotpErrorReason; status?: number; code?: number };

export const failure = (reason: TotpErrorReason, message: string): TotpFailure => Object.assign(new Error(message), { reason });

/** The backend contract over HTTP: `POST {url}/start` and `POST {url}/confirm`, JSON, same-origin cookies. */
export function urlProvider(url: string): TotpEnrollProvider {
  const post = async (path: string, body: object) => {
    const endpoint = `${url.replace(/\/+$/, '')}/${path}`;
    let result: JsonAnswer;
    try {
      result = await postJson(endpoint, body);
    } catch {
      throw failure('network', `The site's server did not answer (POST ${endpoint}).`);
    }
    if (!result.ok) {
      // The server's `message` stays out: the element cannot tell that it holds no secret.
      const answer = result.answer as { code?: unknown } | undefined;
      const code = typeof answer?.code === 'number' ? answer.code : 0;
      throw Object.assign(new Error(`POST ${endpoint} answered HTTP ${result.status}${code ? ` (code ${code})` : ''}.`), { status: result.status, code });
    }
    return result.answer as never;
  };
  return { start: body => post('start', body), confirm: body => post('confirm', body) };
}
