/**
 * Reading one-time-code SMS messages the way Chromium does (`content/browser/sms/sms_parser.cc`).
 * Chromium is the only engine that implements WebOTP, so its parser is the reference.
 * @module
 */

/** What {@link parseOtpSms} found: the code and its origins, or why there is none. */
export type ParsedOtpSms =
  | {
      ok: true;
      /**
       * The one-time code: everything after `#` up to the next `#`, space, tab, line feed, form feed or
       * carriage return (a no-break space does not end it). An unpaired surrogate reads as U+FFFD.
       */
      code: string;
      /** Origin of the top-level page, e.g. `https://example.com` (`http://` for localhost and loopback). */
      topOrigin: string;
      /** Origin of the cross-origin iframe, present only when the message names one. */
      embeddedOrigin?: string;
    }
  | {
      ok: false;
      /** A sentence saying what is wrong and what a correct last line looks like. */
      reason: string;
    };

/**
 * Chromium's RE2 pattern. RE2's `\s` is exactly `[\t\n\f\r ]` (no `\v`, no no-break space), so it is
 * spelled out: JavaScript's `\s` is much wider. Not global, so sharing it keeps no `lastIndex` state.
 * @internal
 */
export const OTP_LINE = /(?:^|[\t\n\f\r ])@([a-zA-Z0-9.-]+) #([^#\t\n\f\r ]+)(?: @([a-zA-Z0-9.-]+))?/;

const EXAMPLE = '"@example.com #123456"';

/**
 * One IPv4 label as Chromium's `IPv4ComponentToNumber` reads it: its value, `null` when it is not
 * numeric, `false` when it is numeric but unusable (an octal label with 8 or 9, or above 2^32 - 1).
 */
function ipv4Label(label: string): number | null | false {
  const m = /^0[xX]([0-9a-fA-F]*)$|^(0[0-9]+)$|^([0-9]+)$/.exec(label);
  if (!m) return null;
  const [, hex, octal, decimal] = m;
  if (octal && /[89]/.test(octal)) return false;
  const value =
    hex !== undefined ? parseInt(hex || '0', 16) : octal ? parseInt(octal, 8) : parseInt(decimal!, 10);
  return value > 0xffffffff ? false : value;
}

/**
 * A host as Chromium's URL parser reads it (`url_canon_ip.h`): the four bytes of an IPv4 address,
 * `null` for a host name, `false` for a host that fails. As in the URL Standard, a host whose last
 * label is numeric must be a whole valid IPv4 address (`127.1` and `0x7f.0.0.1` are, `example.123` is not).
 * @internal
 */
export function ipv4(host: string): number[] | null | false {
  const labels = host.replace(/\.$/, '').split('.');
  if (ipv4Label(labels[labels.length - 1]!) === null) return null;
  if (labels.length > 4) return false;
  const values = labels.map(ipv4Label);
  if (!values.every((v): v is number => typeof v === 'number')) return false;
  const last = values.pop()!;
  // Leading labels are one byte each; the last one fills all the bytes that remain.
  if (values.some(v => v > 255) || last >= 256 ** (4 - values.length)) return false;
  for (let i = 3 - values.length; i >= 0; i--) values.push(Math.floor(last / 256 ** i) % 256);
  return values;
}

/**
 * The origin Chromium gives an SMS host, or `undefined` when Chromium rejects the host.
 * Hosts are lower-cased and IPv4 addresses written canonically. `localhost`, `*.localhost`
 * (one trailing dot allowed) and 127.0.0.0/8 get `http://`, as in `net::HostStringIsLocalhost`;
 * everything else gets `https://`. Chromium checks nothing else: empty labels, over-long labels
 * and malformed punycode are all accepted.
 */
function hostOrigin(host: string): string | undefined {
  const ip = ipv4(host);
  if (ip === false) return undefined;
  if (ip) return `${ip[0] === 127 ? 'http' : 'https'}://${ip.join('.')}`;
  const name = host.toLowerCase();
  return `${/^(?:.*\.)?localhost\.?$/.test(name) ? 'http' : 'https'}://${name}`;
}

/** Common mistakes, tried in order when no `@host #code` is found, each with the fix. */
const HINTS: [RegExp, string][] = [
  [/(?:^|\s)@[a-z][a-z0-9+.-]*:\/\/[^\s#]*/i, 'The host after "@" must not have a scheme such as "https://"'],
  [/(?:^|\s)@[^\s@#/]+@[^\s#]*/, 'The host after "@" must not have user info such as "user@"'],
  [/(?:^|\s)@[a-zA-Z0-9.-]+:[^\s#]*/, 'The host after "@" must not have a port such as ":8443"'],
  [/(?:^|\s)@[a-zA-Z0-9.-]+[/?][^\s#]*/, 'The host after "@" must not have a path or query such as "/login"'],
  [
    /(?:^|\s)@[a-zA-Z0-9.-]+(?:\s{2,}|[^\S ])?#[^#\s]*/,
    'Put exactly one plain space between the host and "#": not none, not two, not a tab or a line break',
  ],
  [/(?:^|\s)@[a-zA-Z0-9.-]+ #(?=[#\s]|$)/, 'Put the code right after "#", with no space or second "#" in between'],
  [/(?:^|\s)@[a-zA-Z0-9.-]+ [^#\s]+/, 'Put "#" right before the code, one space after the host'],
  [
    /(?:^|\s)@[a-zA-Z0-9.-]*[^\x00-\x7f\s][^\s#]*/,
    'The host after "@" must be ASCII: write international names in punycode ("xn--…")',
  ],
  [
    /[^\t\n\f\r ]@[a-zA-Z0-9.-]+ #[^#\s]*/,
    'Put "@" at the start of the message or after a space or line break (a no-break space does not count)',
  ],
];

/** Quotes a piece of the message, cut short so that a reason stays one readable sentence. */
const quote = (piece: string) => JSON.stringify(piece.length > 60 ? `${piece.slice(0, 59)}…` : piece);

/** Why a string holds no `@host #code`, as specifically as the message allows. */
function noMatchReason(message: string): string {
  for (const [pattern, problem] of HINTS) {
    const m = pattern.exec(message);
    if (m) return `${problem} (found ${quote(m[0].trim())}). The last line should read ${EXAMPLE}.`;
  }
  return `No "@host #code" found. The last line should read ${EXAMPLE}.`;
}

function badHost(host: string, iframe: boolean): string {
  const [role, example] = iframe
    ? ['The iframe host', '"@example.com #123456 @pay.example"']
    : ['The host', EXAMPLE];
  return (
    `${role} ${quote(`@${host}`)} is not valid: a host whose last label is a number must be a valid IPv4 ` +
    `address, so Chromium rejects the whole message. The last line should read ${example}.`
  );
}

/**
 * Reads an SMS exactly as Chromium's WebOTP implementation does, to check a message before sending
 * it or to test a template.
 *
 * Chromium takes the leftmost `@host #code` anywhere in the message (not only the last line): `@`
 * at the start or after one of tab, line feed, form feed, carriage return or space (not a no-break
 * space), a host of ASCII letters, digits, `.` and `-`, exactly one space, `#`, then the code up to
 * the next `#` or one of those five whitespace characters. An optional ` @host` right after the code, after exactly one space,
 * names the cross-origin iframe. A host that does not parse (one ending in a number that is not a
 * valid IPv4 address) fails the whole message, the iframe host included; there is no retry with a
 * later match.
 *
 * Never throws: anything that is not a string gives `{ ok: false }`.
 *
 * @param message - The full SMS text.
 * @returns `{ ok: true, code, topOrigin, embeddedOrigin? }`, or `{ ok: false, reason }` where
 *   `reason` says what is wrong and what a correct line looks like.
 * @example
 * parseOtpSms('Your code is 123456.\n\n@example.com #123456');
 * // { ok: true, code: '123456', topOrigin: 'https://example.com' }
 */
export function parseOtpSms(message: unknown): ParsedOtpSms {
  if (typeof message !== 'string') {
    const kind = message === null ? 'null' : typeof message;
    const reason = `Expected the SMS text as a string, got ${kind}. Its last line should read ${EXAMPLE}.`;
    return { ok: false, reason };
  }
  const m = OTP_LINE.exec(message);
  if (!m) return { ok: false, reason: noMatchReason(message) };
  const [, top, rawCode, embedded] = m;
  const topOrigin = hostOrigin(top!);
  if (!topOrigin) return { ok: false, reason: badHost(top!, false) };
  // Chromium sees the SMS as UTF-8, where an unpaired surrogate has become U+FFFD.
  const code = rawCode!.replace(/\p{Cs}/gu, '\uFFFD');
  if (embedded === undefined) return { ok: true, code, topOrigin };
  const embeddedOrigin = hostOrigin(embedded);
  if (!embeddedOrigin) return { ok: false, reason: badHost(embedded, true) };
  return { ok: true, code, topOrigin, embeddedOrigin };
}
