import { MAPPER_ERROR, NETWORK_ERROR } from '../protocol/codes.js';
import { codeInfo } from '../protocol/code-table.js';
import { VerifyError } from './errors.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the base URL, segments already encoded, query included. */
  path: string;
  /** Form fields in order; repeated keys allowed, undefined values left out. */
  form?: [string, string | undefined][];
  /** The token for `Basic token:<…>`, asked again (so re-signed) after a clock correction; `now` in seconds. */
  token: (now: number) => string | Promise<string>;
}

export interface HttpResponse {
  /** The API's JSON, unchecked: the caller reads it as the wire type it expects, checking each field it uses. */
  body: unknown;
  headers: Headers;
}

export interface HttpOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  clock?: () => number;
  timeoutMs?: number;
  retries?: number;
}

export interface Http {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** The device clock corrected by the server's `Date` (learnt from its answers), in ms. */
  now(): number;
}

function apiError(status: number, body: { code?: unknown; message?: unknown } | null): VerifyError {
  const code = typeof body?.code === 'number' ? body.code : status >= 500 ? NETWORK_ERROR : MAPPER_ERROR;
  const advice = codeInfo(code, status)?.advice ?? '';
  const said = typeof body?.message === 'string' ? body.message.replace(/\.?$/, '.') : `HTTP ${status}.`;
  return new VerifyError(code, `Verify API error ${code}: ${said} ${advice}`.trim(), status);
}

/** Waits before retry `attempt` (0, 1, …): exponential back-off with jitter, so many clients do not come back in step. */
export const backOff = (attempt: number) =>
  new Promise(resolve => setTimeout(resolve, Math.min(4000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2)));

/**
 * Requests to the Verify API: form bodies, `Basic token:<…>`, a timeout on every request,
 * retries with back-off for network errors and 5xx on GET and DELETE only (a POST may have landed),
 * the server's `Date` followed, and one re-signed retry after a 401 whose `Date` shows the local clock is off.
 */
export function createHttp({ baseUrl, fetch: fetcher = (...args) => fetch(...args), clock = Date.now, timeoutMs = 10_000, retries = 3 }: HttpOptions): Http {
  const base = baseUrl.replace(/\/?$/, '/');
  let offset = 0;
  const now = () => clock() + offset;

  async function send({ method, path, form, token }: HttpRequest): Promise<HttpResponse> {
    const safe = method !== 'POST';
    const body = form && new URLSearchParams(form.filter((pair): pair is [string, string] => pair[1] !== undefined)).toString();
    let corrected = false;
    for (let attempt = 0; ; attempt++) {
      // Outside the try: a signing failure is not a network error.
      const authorization = `Basic ${btoa(`token:${await token(Math.floor(now() / 1000))}`)}`;
      let response: Response;
      let text: string;
      try {
        response = await fetcher(base + path, {
          method,
          headers: {
            Authorization: authorization,
            ...(body !== undefined && { 'Content-Type': 'application/x-www-form-urlencoded' }),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        if (safe && attempt < retries) {
          await backOff(attempt);
          continue;
        }
        const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the network failed';
        throw new VerifyError(NETWORK_ERROR, `The Verify API could not be reached (${why}). Check the connection and try again.`);
      }
      const { status, headers } = response;
      // Every answer says the server's time. Date has whole seconds: only a larger difference means the
      // local clock is off. A clock off by minutes is refused (401) with a device JWT signed by it:
      // sign again, once, with the corrected time.
      const date = Date.parse(headers.get('Date') ?? '');
      if (Math.abs(date - clock() - offset) > 2000) {
        offset = date - clock();
        if (status === 401 && !corrected) {
          corrected = true;
          continue;
        }
      }
      if (status >= 500 && safe && attempt < retries) {
        await backOff(attempt);
        continue;
      }
      let json;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        if (response.ok) throw new VerifyError(MAPPER_ERROR, `The Verify API answered HTTP ${status} with a body that is not JSON. Check the base URL.`, status);
      }
      if (!response.ok) throw apiError(status, json);
      return { body: json, headers };
    }
  }

  return { send, now };
}
