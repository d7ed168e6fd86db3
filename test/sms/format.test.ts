import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { formatOtpSms, parseOtpSms, type OtpSmsFields } from '../../src/sms/index.js';

/** Runs `fn` with console.warn captured; returns the warnings. */
function warnings(fn: () => void): string[] {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.join(' '));
  try {
    fn();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** The origin WebOTP gives a host that formatOtpSms accepts. */
function origin(host: string): string {
  const h = host.toLowerCase();
  return /(^|\.)localhost$/.test(h) || /^127\./.test(h) ? `http://${h}` : `https://${h}`;
}

function expectRoundTrip(fields: OtpSmsFields) {
  const result = parseOtpSms(formatOtpSms(fields));
  const expected = { ok: true, code: fields.code, topOrigin: origin(fields.host) };
  expect(result).to.deep.equal(
    fields.iframeHost === undefined ? expected : { ...expected, embeddedOrigin: origin(fields.iframeHost) },
  );
}

const call = (fields: unknown) => () => formatOtpSms(fields as OtpSmsFields);

describe('formatOtpSms', () => {
  describe('writes', () => {
    it('a default human line, a blank line and the code line', () => {
      expect(formatOtpSms({ code: '123456', host: 'example.com' })).to.equal('Your code is 123456.\n\n@example.com #123456');
    });
    it('the given text, without trailing whitespace', () => {
      expect(formatOtpSms({ code: '123456', host: 'example.com', text: 'Your Example code is 123456.  \n\t\u00a0\n' })).to.equal(
        'Your Example code is 123456.\n\n@example.com #123456',
      );
    });
    it('keeps leading whitespace and inner lines of the text', () => {
      expect(formatOtpSms({ code: '1234', host: 'example.com', text: '  Hi\n\nCode below' })).to.equal(
        '  Hi\n\nCode below\n\n@example.com #1234',
      );
    });
    it('only the code line when text is empty', () => {
      expect(formatOtpSms({ code: '123456', host: 'example.com', text: '' })).to.equal('@example.com #123456');
      expect(formatOtpSms({ code: '123456', host: 'example.com', text: ' \n ' })).to.equal('@example.com #123456');
    });
    it('the iframe host after one space', () => {
      expect(formatOtpSms({ code: '123456', host: 'shop.example', iframeHost: 'bank.example', text: 'Pay €12.' })).to.equal(
        'Pay €12.\n\n@shop.example #123456 @bank.example',
      );
    });
    it('hosts in lower case', () => {
      expect(formatOtpSms({ code: '123456', host: 'Shop.EXAMPLE', iframeHost: 'BANK.example', text: '' })).to.equal(
        '@shop.example #123456 @bank.example',
      );
    });
    it('no trailing space or newline', () => {
      expect(formatOtpSms({ code: '123456', host: 'example.com' })).to.match(/#123456$/);
    });
    it('text that only looks like a code line to a reader that is not Chromium', () => {
      // A no-break space before "@" does not start a match, so the last line still wins.
      const sms = formatOtpSms({ code: '123456', host: 'example.com', text: 'Not\u00a0@other.com #999' });
      expect(parseOtpSms(sms)).to.deep.equal({ ok: true, code: '123456', topOrigin: 'https://example.com' });
    });
  });

  describe('round-trips through parseOtpSms', () => {
    const rows: OtpSmsFields[] = [
      { code: '123456', host: 'example.com' },
      { code: 'A1B2C3', host: 'Example.COM', text: 'Hello' },
      { code: '1234', host: 'localhost', text: '' },
      { code: '1234', host: 'app.localhost' },
      { code: '1234', host: '127.0.0.1' },
      { code: '1234', host: '192.0.2.1', iframeHost: 'localhost' },
      { code: '1234', host: 'xn--bcher-kva.example' },
      { code: '1234', host: 'a-b.c-d.example', iframeHost: 'pay.example' },
      { code: '🔑-42', host: 'example.com' },
      { code: 'a@b.c', host: 'example.com' },
      { code: '12\u00ad34', host: 'example.com' },
      { code: '1', host: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}` },
    ];
    for (const fields of rows) {
      it(JSON.stringify(fields), () => {
        warnings(() => expectRoundTrip(fields));
      });
    }
  });

  describe('refuses with a TypeError', () => {
    const rows: [string, unknown, RegExp][] = [
      ['no object', undefined, /^formatOtpSms: expected an object \{ code, host, iframeHost\?, text\? \}, got undefined\.$/],
      ['null', null, /expected an object .* got null\./],
      ['a string', '@example.com #1', /expected an object .* got string\./],
      // host
      ['a missing host', { code: '1234' }, /^formatOtpSms: host must be a string such as "example\.com", got undefined\.$/],
      ['a URL object as host', { code: '1234', host: new URL('https://example.com') }, /host must be a string .* got object\./],
      ['an empty host', { code: '1234', host: '' }, /^formatOtpSms: host "" is empty; pass a host name such as "example\.com"\.$/],
      [
        'https://',
        { code: '1234', host: 'https://example.com' },
        /host "https:\/\/example\.com" must not include a scheme; drop "https:\/\/" and pass the bare host/,
      ],
      ['ftp://', { code: '1234', host: 'FTP://example.com' }, /must not include a scheme; drop "FTP:\/\/"/],
      ['user info', { code: '1234', host: 'user@example.com' }, /must not include user info \("user@"\); pass the bare host/],
      ['a path', { code: '1234', host: 'example.com/login' }, /must not include a path, query or fragment; drop everything from "\/" on/],
      ['a query', { code: '1234', host: 'example.com?a=1' }, /drop everything from "\?" on/],
      ['a fragment', { code: '1234', host: 'example.com#x' }, /drop everything from "#" on/],
      ['a port', { code: '1234', host: 'example.com:8443' }, /host "example\.com:8443" must not include a port; the SMS cannot carry one/],
      ['a localhost port', { code: '1234', host: 'localhost:8080' }, /must not include a port/],
      [
        'non-ASCII',
        { code: '1234', host: 'bücher.example' },
        /host "bücher\.example" is not ASCII; send its punycode form \(e\.g\. "xn--bcher-kva\.example" .*new URL\("https:\/\/bücher\.example"\)/,
      ],
      [
        'a space',
        { code: '1234', host: 'example .com' },
        /host "example \.com" contains " "; a host may only hold ASCII letters, digits, "\." and "-"\.$/,
      ],
      ['a tab', { code: '1234', host: '\texample.com' }, /contains "\\t"/],
      ['an underscore', { code: '1234', host: 'my_site.com' }, /contains "_"/],
      ['brackets (IPv6)', { code: '1234', host: '[::1]' }, /host "\[::1\]" contains "\["/],
      ['a colon that is no port', { code: '1234', host: 'a:b.com' }, /contains ":"/],
      [
        'two dots in a row',
        { code: '1234', host: 'a..b' },
        /host "a\.\.b" has an empty label \(a dot at the start or end, or two dots in a row\)/,
      ],
      ['a leading dot', { code: '1234', host: '.example.com' }, /has an empty label/],
      ['a trailing dot', { code: '1234', host: 'example.com.' }, /has an empty label/],
      ['a label over 63', { code: '1234', host: `${'a'.repeat(64)}.com` }, /has a label of 64 characters; DNS allows at most 63\.$/],
      ['a host over 253', { code: '1234', host: `${'abcdefghi.'.repeat(26)}com` }, /is 263 characters long; DNS allows at most 253\.$/],
      [
        'a number as last label',
        { code: '1234', host: 'example.123' },
        /host "example\.123" ends in a number but is not a valid IPv4 address, so Chromium rejects it; end a host name with/,
      ],
      ['a hex last label', { code: '1234', host: 'example.0x1' }, /ends in a number but is not a valid IPv4 address/],
      ['five numbers', { code: '1234', host: '1.2.3.4.5' }, /ends in a number but is not a valid IPv4 address/],
      ['an octet over 255', { code: '1234', host: '256.0.0.1' }, /ends in a number but is not a valid IPv4 address/],
      [
        'a short IPv4 form',
        { code: '1234', host: '127.1' },
        /host "127\.1" is an IPv4 address in a short or non-decimal form; write it as "127\.0\.0\.1"\.$/,
      ],
      ['a hex IPv4 form', { code: '1234', host: '0x7f.0.0.1' }, /write it as "127\.0\.0\.1"/],
      ['an octal IPv4 form', { code: '1234', host: '010.0.0.1' }, /write it as "8\.0\.0\.1"/],
      // iframeHost goes through the same checks
      [
        'a null iframe host',
        { code: '1234', host: 'a.com', iframeHost: null },
        /^formatOtpSms: iframeHost must be a string such as "example\.com", got null\.$/,
      ],
      ['an empty iframe host', { code: '1234', host: 'a.com', iframeHost: '' }, /iframeHost "" is empty/],
      [
        'an iframe host with a scheme',
        { code: '1234', host: 'a.com', iframeHost: 'https://bank.example' },
        /iframeHost "https:\/\/bank\.example" must not include a scheme/,
      ],
      [
        'an iframe host with a port',
        { code: '1234', host: 'a.com', iframeHost: 'bank.example:444' },
        /iframeHost "bank\.example:444" must not include a port/,
      ],
      ['an invalid iframe host', { code: '1234', host: 'a.com', iframeHost: 'bank.42' }, /iframeHost "bank\.42" ends in a number/],
      // code
      [
        'a numeric code',
        { code: 123456, host: 'a.com' },
        /^formatOtpSms: code must be a string such as "123456", got number; convert numbers with String\(\) and keep any leading zeros\.$/,
      ],
      ['a missing code', { host: 'a.com' }, /code must be a string .* got undefined/],
      ['an empty code', { code: '', host: 'a.com' }, /^formatOtpSms: code is empty; pass the one-time code, such as "123456"\.$/],
      [
        'a space in the code',
        { code: '123 456', host: 'a.com' },
        /^formatOtpSms: code "123 456" contains " "; "#" and whitespace end the code when browsers read the SMS, so remove it\.$/,
      ],
      ['a tab in the code', { code: '123\t456', host: 'a.com' }, /contains "\\t"/],
      ['a newline in the code', { code: '123456\n', host: 'a.com' }, /contains "\\n"/],
      ['a no-break space in the code', { code: '123\u00a0456', host: 'a.com' }, /contains U\+00A0;/],
      ['an ideographic space in the code', { code: '123\u3000456', host: 'a.com' }, /contains U\+3000;/],
      ['a "#" in the code', { code: '#123456', host: 'a.com' }, /code "#123456" contains "#"/],
      [
        'an unpaired surrogate',
        { code: '12\ud83d34', host: 'a.com' },
        /holds an unpaired UTF-16 surrogate \(a broken emoji\?\), which an SMS cannot carry; pass well-formed text\.$/,
      ],
      // text
      [
        'a non-string text',
        { code: '1234', host: 'a.com', text: 42 },
        /^formatOtpSms: text must be a string, got number; leave it out for the default text\.$/,
      ],
      [
        'text with a code line',
        { code: '1234', host: 'a.com', text: 'Old code:\n@a.com #9999' },
        new RegExp(
          '^formatOtpSms: text contains "@a\\.com #9999", which browsers would read instead of the code line because ' +
            'the first "@host #code" in a message wins; reword it \\(drop the "@" or the "#"\\)\\.$',
        ),
      ],
      [
        'text with a code line mid-sentence',
        { code: '1234', host: 'a.com', text: 'Use @other.example #x here' },
        /text contains "@other\.example #x"/,
      ],
      ['text starting with a code line', { code: '1234', host: 'a.com', text: '@a.com #1234' }, /text contains "@a\.com #1234"/],
      ['text with an iframe code line', { code: '1234', host: 'a.com', text: '@a.com #1 @b.com' }, /text contains "@a\.com #1 @b\.com"/],
      ['text with an invalid host line', { code: '1234', host: 'a.com', text: 'x @a.123 #1' }, /text contains "@a\.123 #1"/],
    ];
    for (const [name, fields, message] of rows) {
      it(name, () => {
        expect(call(fields)).to.throw(TypeError, message);
      });
    }

    it('checks the host before the code', () => {
      expect(call({ code: '', host: '' })).to.throw(TypeError, /host "" is empty/);
    });
  });

  describe('warns about codes outside the 4–10 alphanumeric profile', () => {
    for (const code of ['123', '12345678901', 'abcdef', 'ABCD', '12-34', '🔑1234', 'ａ１２３', '1234\u00ad']) {
      it(`warns for ${JSON.stringify(code)} and still formats it`, () => {
        let sms = '';
        const seen = warnings(() => (sms = formatOtpSms({ code, host: 'example.com' })));
        expect(seen).to.deep.equal([
          `formatOtpSms: code ${JSON.stringify(code)} is not 4–10 ASCII letters or digits with at least one digit. ` +
            `Chromium reads it, but Android's SMS User Consent layer may ignore the message; prefer a code like "123456".`,
        ]);
        expect(sms.endsWith(`\n\n@example.com #${code}`)).to.equal(true);
      });
    }
    for (const code of ['1234', '123456', '1234567890', 'A1B2', 'abc9', 'Z0000000zz']) {
      it(`does not warn for ${code}`, () => {
        expect(warnings(() => formatOtpSms({ code, host: 'example.com' }))).to.deep.equal([]);
      });
    }
  });

  describe('properties', () => {
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const ldh = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-');
    const label = fc.string({ unit: ldh, minLength: 1, maxLength: 63 });
    // A last label that starts with a letter is never read as a number.
    const lastLabel = fc.tuple(letter, fc.string({ unit: ldh, maxLength: 20 })).map(([a, b]) => a + b);
    const name = fc
      .tuple(fc.array(label, { maxLength: 3 }), lastLabel)
      .map(([labels, last]) => [...labels, last].join('.'))
      .filter(h => h.length <= 253);
    const host = fc.oneof(
      { weight: 8, arbitrary: name },
      fc.constantFrom('localhost', 'LocalHost', 'dev.localhost', '127.0.0.1'),
      fc.ipV4(),
    );
    const code = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 4, maxLength: 10 }),
      fc.stringMatching(/^[A-Za-z0-9]{1,16}$/),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter(c => !/[\s#]/.test(c)),
    );
    const fields = (text: fc.Arbitrary<string>) =>
      fc.record(
        { code, host, iframeHost: host, text },
        { requiredKeys: ['code', 'host'] },
      );

    it('parseOtpSms(formatOtpSms(x)) gives back the code and the origins', () => {
      const text = fc.string({ unit: 'grapheme' }).filter(t => !t.includes('@'));
      warnings(() => fc.assert(fc.property(fields(text), expectRoundTrip), { numRuns: 300 }));
    });

    it('either refuses a text with "@" patterns or still round-trips', () => {
      const piece = fc.constantFrom('@', '#', ' ', '\n', '\t', 'a.com', 'x', '1', 'Code');
      const text = fc.array(piece, { maxLength: 12 }).map(p => p.join(''));
      warnings(() =>
        fc.assert(
          fc.property(fields(text), x => {
            try {
              formatOtpSms(x);
            } catch (e) {
              expect(e).to.be.instanceOf(TypeError);
              expect((e as Error).message).to.match(/^formatOtpSms: text contains .* the first "@host #code" in a message wins/);
              return;
            }
            expectRoundTrip(x);
          }),
          { numRuns: 300 },
        ),
      );
    });

    it('accepts every host Chromium reads as that origin, and only those', () => {
      const anyHost = fc.string({ unit: fc.constantFrom(...'aZ09x.-:/@ é'), minLength: 1, maxLength: 12 });
      fc.assert(
        fc.property(anyHost, h => {
          let sms: string;
          try {
            sms = formatOtpSms({ code: '1234', host: h });
          } catch (e) {
            expect(e).to.be.instanceOf(TypeError);
            return;
          }
          expect(parseOtpSms(sms)).to.deep.equal({ ok: true, code: '1234', topOrigin: origin(h) });
        }),
        { numRuns: 300 },
      );
    });
  });
});
