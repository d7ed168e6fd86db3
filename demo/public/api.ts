// What every part of the page shares: finding its elements, and asking the backend.

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Calls the backend with JSON (GET without a body, POST with one, or `method`); a refusal throws
 * its message (`error` of the page's routes, `message` of the elements' contract routes).
 */
export async function api<T = any>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? json.message ?? `The server answered ${response.status}.`);
  return json;
}
