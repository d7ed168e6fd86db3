/**
 * Writing one-time-code SMS messages that browsers recognise.
 * @module
 */
import { OTP_LINE, ipv4 } from './parse.js';
import { DEV_MODE } from '../dev.js';

/** What {@link formatOtpSms} writes into the message. */
export interface OtpSmsFields {
  /**
   * The one-time code. Any characters but `#` and whitespace; 4–10 ASCII letters or digits with at
   * least one digit is what every SMS reader accepts (anything else logs a warning).
   */
  code: string;
  /**
   * Host of the page that calls WebOTP, e.g. `example.com`: no scheme, port or path, ASCII
   * (punycode for international names). Written lower-cased.
   */
  host: string;
  /** Host of the cross-origin iframe that calls WebOTP, when it is not the top-level page. */
  iframeHost?: string;
  /**
   * Human-readable text before the code line; trailing whitespace is dropped. Defaults to
   * `Your code is <code>.`; pass `''` to send the code line alone.
   */
  text?: string;
}

const kind = (value: unknown) => (value === null ? 'null' : typeof value);

/** A character as an error message shows it: quoted when ASCII, by code point otherwise. */
const show = (ch: string) =>
  ch < '\x80' ? JSON.stringify(ch) : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The host as Chromium will read it, lower-cased, or a TypeError saying how to fix it. */
function checkHost(value: unknown, field: 'host' | 'iframeHost'): string {
  if (typeof value !== 'string') {
    throw new TypeError(`formatOtpSms: ${field} must be a string such as "example.com", got ${kind(value)}.`);
  }
  const fail = (problem: string) => new TypeError(`formatOtpSms: ${field} ${JSON.stringify(value)} ${problem}.`);
  if (value === '') throw fail('is empty; pass a host name such as "example.com"');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  const bare = 'pass the bare host, such as "example.com"';
  if (scheme) throw fail(`must not include a scheme; drop "${scheme[0]}" and ${bare}`);
  if (value.includes('@')) throw fail(`must not include user info ("user@"); ${bare}`);
  const path = /[/?#]/.exec(value);
  if (path) throw fail(`must not include a path, query or fragment; drop everything from "${path[0]}" on`);
  if (/:\d*$/.test(value)) {
    throw fail(
      'must not include a port; the SMS cannot carry one, so WebOTP only serves pages on the default port ' +
        '(443, or 80 for http://localhost)',
    );
  }
  if (/[^\x00-\x7f]/.test(value)) {
    throw fail(
      'is not ASCII; send its punycode form (e.g. "xn--bcher-kva.example" for "bücher.example"), ' +
        `which new URL("https://${value}").hostname gives`,
    );
  }
  const bad = /[^a-zA-Z0-9.-]/.exec(value);
  if (bad) throw fail(`contains ${show(bad[0])}; a host may only hold ASCII letters, digits, "." and "-"`);
  const host = value.toLowerCase();
  const labels = host.split('.');
  if (labels.includes('')) {
    throw fail('has an empty label (a dot at the start or end, or two dots in a row); write it like "example.com"');
  }
  const long = labels.find(label => label.length > 63);
  if (long) throw fail(`has a label of ${long.length} characters; DNS allows at most 63`);
  if (host.length > 253) throw fail(`is ${host.length} characters long; DNS allows at most 253`);
  const ip = ipv4(host);
  if (ip === false) {
    throw fail(
      'ends in a number but is not a valid IPv4 address, so Chromium rejects it; ' +
        'end a host name with a label that has a letter',
    );
  }
  // Chromium would rewrite "127.1" as "127.0.0.1"; insist on the form the origin will have.
  if (ip && ip.join('.') !== host) {
    throw fail(`is an IPv4 address in a short or non-decimal form; write it as "${ip.join('.')}"`);
  }
  return host;
}

function checkCode(code: unknown): string {
  if (typeof code !== 'string') {
    throw new TypeError(
      `formatOtpSms: code must be a string such as "123456", got ${kind(code)}; ` +
        'convert numbers with String() and keep any leading zeros.',
    );
  }
  if (code === '') throw new TypeError('formatOtpSms: code is empty; pass the one-time code, such as "123456".');
  const q = JSON.stringify(code);
  const stop = /[\s#]/.exec(code);
  if (stop) {
    throw new TypeError(
      `formatOtpSms: code ${q} contains ${show(stop[0])}; ` +
        '"#" and whitespace end the code when browsers read the SMS, so remove it.',
    );
  }
  if (/\p{Cs}/u.test(code)) {
    throw new TypeError(
      `formatOtpSms: code ${q} holds an unpaired UTF-16 surrogate (a broken emoji?), ` +
        'which an SMS cannot carry; pass well-formed text.',
    );
  }
  if (DEV_MODE && !/^(?=.*\d)[A-Za-z0-9]{4,10}$/.test(code)) {
    console.warn(
      `formatOtpSms: code ${q} is not 4–10 ASCII letters or digits with at least one digit. Chromium reads it, ` +
        `but Android's SMS User Consent layer may ignore the message; prefer a code like "123456".`,
    );
  }
  return code;
}

function checkText(text: unknown): string {
  if (typeof text !== 'string') {
    throw new TypeError(`formatOtpSms: text must be a string, got ${kind(text)}; leave it out for the default text.`);
  }
  const body = text.trimEnd();
  const m = OTP_LINE.exec(body);
  if (m) {
    throw new TypeError(
      `formatOtpSms: text contains ${JSON.stringify(m[0].trim())}, ` +
        'which browsers would read instead of the code line because the first "@host #code" in a message wins; ' +
        'reword it (drop the "@" or the "#").',
    );
  }
  return body;
}

/**
 * Writes an SMS that Chromium's WebOTP, Safari's one-time-code autofill and Android read: the text,
 * a blank line, then the last line `@host #code` (plus ` @iframeHost` for a cross-origin iframe),
 * single spaces, no trailing space or newline.
 *
 * Throws a `TypeError` that names the problem and the fix for anything Chromium would not read or
 * would read differently: a scheme, port, path or user info in a host, a non-ASCII host (send
 * punycode), characters other than letters, digits, `.` and `-`, empty or over-long labels, an
 * invalid or non-canonical IPv4 address, `#` or whitespace in the code, an empty code, and a `text`
 * that itself holds an `@host #code` pattern (the first one in a message wins). Logs a warning,
 * without throwing, when the code is not 4–10 ASCII letters or digits with at least one digit.
 *
 * `parseOtpSms(formatOtpSms(fields))` always gives back `fields.code` and the origins of the hosts.
 *
 * @param fields - `code`, `host`, and optionally `iframeHost` and `text`.
 * @returns The message text.
 * @throws {TypeError} When a field would make the message unreadable or misread.
 * @example
 * formatOtpSms({ code: '123456', host: 'example.com' });
 * // 'Your code is 123456.\n\n@example.com #123456'
 * formatOtpSms({ code: '123456', host: 'shop.example', iframeHost: 'bank.example', text: 'Pay €12 at Shop.' });
 * // 'Pay €12 at Shop.\n\n@shop.example #123456 @bank.example'
 */
export function formatOtpSms(fields: OtpSmsFields): string {
  if (typeof fields !== 'object' || fields === null) {
    throw new TypeError(`formatOtpSms: expected an object { code, host, iframeHost?, text? }, got ${kind(fields)}.`);
  }
  const { code, host, iframeHost, text } = fields;
  let line = `@${checkHost(host, 'host')} #${checkCode(code)}`;
  if (iframeHost !== undefined) line += ` @${checkHost(iframeHost, 'iframeHost')}`;
  const body = checkText(text ?? `Your code is ${code}.`);
  return body ? `${body}\n\n${line}` : line;
}
