// What every part of the page shares: finding its elements, asking the backend, where passkeys work.

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

/**
 * WebAuthn refuses an IP address as relying party: there the page offers no passkeys (open
 * http://localhost:PORT/, not 127.0.0.1), and its <verify-passkey> elements never ask the backend.
 */
export const onIpAddress = /^(\d+\.){3}\d+$|^\[/.test(location.hostname);
