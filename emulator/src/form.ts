/** Decoded form parameters: repeated keys become arrays. */
export type Params = Record<string, string | string[]>;

/**
 * Twilio form decoding, as lenient as the real service: pairs split on `&`, each pair on its FIRST
 * `=` (one SDK leaves `/` and `=` unescaped inside values), `+` is a space, repeated keys become arrays.
 * @param text raw `application/x-www-form-urlencoded` body or query string
 * @returns null when a percent escape is malformed
 */
export function parseForm(text: string): Params | null {
  const out: Params = Object.create(null);
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const rawKey = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? '' : pair.slice(at + 1);
    let key, value;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return null;
    }
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

/** Encodes flat params the way Twilio sends webhooks. */
export function encodeForm(params: Record<string, string>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
