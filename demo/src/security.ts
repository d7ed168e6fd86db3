// The sample backend's guards, one helper each: what a site copying the demo must keep.
// Each refusal is an HttpError, which the server answers as `{ "error": message }` with its status.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ClientErrorStatusCode } from 'hono/utils/http-status';
import { e164 } from './phone.js';

/** A refusal of the request: its status, a message for the page, and headers (Retry-After). */
export class HttpError extends Error {
  constructor(
    readonly status: ClientErrorStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Login CSRF and friends: a state-changing request must come from one of `origins` (the page's
 * own), as its `Origin` header says (every browser sends one on a POST; a request without it is
 * refused, not trusted) and as `Sec-Fetch-Site` agrees where the browser sends it; and a body,
 * if any, must be `application/json` (which no form or no-CORS fetch of another site can send).
 */
export const sameOriginJson = (origins: () => readonly string[]): MiddlewareHandler => async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const origin = c.req.header('Origin');
  if (!origin) throw new HttpError(403, 'This request needs the Origin header of this site: send it from the site’s own page.');
  if (!origins().includes(origin)) throw new HttpError(403, 'Requests from another site are refused: send it from this site’s own page.');
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin') throw new HttpError(403, 'Requests from another site are refused: send it from this site’s own page.');
  const length = c.req.header('Content-Length');
  const hasBody = c.req.header('Transfer-Encoding') !== undefined || (length !== undefined && length !== '0');
  const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (hasBody && type !== 'application/json') throw new HttpError(415, 'Send the request body as application/json.');
  return next();
};

/**
 * Refuses bodies over `maxSize` bytes with a 413, without reading them whole (a declared length is
 * refused before reading); the connection then closes, as the rest of the body was never read.
 */
export const limitBody = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(413, `The request body is too large (at most ${maxSize} bytes).`, { Connection: 'close' });
    },
  });

/** The request's JSON body as an object (an empty body is `{}`); anything else is a 400. */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The request body must be a JSON object.');
  return Object.fromEntries(Object.entries(body));
}

/** A string field (absent: ''); any other type is a 400, never coerced (`{"toString":1}`, arrays). */
export function stringField(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new HttpError(400, `"${key}" must be a string.`);
  return value;
}

export const MAX_NAME_LENGTH = 64;
/** Controls, format characters (bidi overrides and isolates, zero-width joiners and spaces, BOM) and line separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * A user name as the backend stores and compares it: NFC-normalised (one spelling per look),
 * trimmed, 1 to 64 code points, without characters that hide or reorder what is shown.
 */
export function userName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (!name) throw new HttpError(400, 'Choose a user name.');
  if ([...name].length > MAX_NAME_LENGTH) throw new HttpError(400, `A user name has at most ${MAX_NAME_LENGTH} characters.`);
  if (INVISIBLE.test(name)) throw new HttpError(400, 'A user name cannot contain control, invisible or text-direction characters.');
  return name;
}

/** A phone number in E.164 (phone.ts), or a 400 that shows the format. */
export function phoneNumber(raw: string): string {
  const checked = e164(raw);
  if ('error' in checked) throw new HttpError(400, checked.error);
  return checked.phone;
}

/** The client's address as this server sees it (behind a proxy: the proxy's, see docs/demo-security.md). */
export const clientOf = (c: Context): string => getConnInfo(c).remote.address ?? 'unknown';

/**
 * A fixed-window limit in this process's memory: `take(key)` counts one request of `key` and
 * throws a 429 with Retry-After once `limit` were counted within `windowMs`.
 */
export function rateLimit(limit: number, windowMs: number, message: string) {
  const windows = new Map<string, { count: number; resets: number }>();
  return {
    take(key: string): void {
      const now = Date.now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resets <= now) windows.delete(k);
      let window = windows.get(key);
      if (!window || window.resets <= now) windows.set(key, (window = { count: 0, resets: now + windowMs }));
      if (++window.count > limit) throw new HttpError(429, message, { 'Retry-After': String(Math.ceil((window.resets - now) / 1000)) });
    },
  };
}

/**
 * Ids already seen, each remembered for `windowMs` (at most `max` of them): `firstTime(id)` is
 * true once per id within that window.
 */
export function replayGuard(windowMs: number, max = 10_000) {
  const seen = new Map<string, number>();
  return {
    firstTime(id: string): boolean {
      const now = Date.now();
      for (const [k, expires] of seen) {
        if (expires > now && seen.size <= max) break; // oldest first: the rest are younger
        seen.delete(k);
      }
      if (seen.has(id)) return false;
      seen.set(id, now + windowMs);
      return true;
    },
  };
}
