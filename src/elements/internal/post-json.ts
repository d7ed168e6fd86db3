/** What the site's server answered: its HTTP status and its JSON (`undefined` when the body is not JSON). */
export interface JsonAnswer {
  ok: boolean;
  status: number;
  answer: unknown;
}

/**
 * POSTs `body` as JSON to the site's own server, with its session cookie: the backend contract of
 * the elements that take a `url`. When the server cannot be reached, fetch's `TypeError` is thrown.
 */
export async function postJson(target: string, body: unknown): Promise<JsonAnswer> {
  const response = await fetch(target, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, status: response.status, answer: await response.json().catch(() => undefined) };
}
