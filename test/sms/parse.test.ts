import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseOtpSms, type ParsedOtpSms } from '../../src/sms/index.js';

const ok = (code: string, topOrigin: string, embeddedOrigin?: string): ParsedOtpSms =>
  embeddedOrigin === undefined ? { ok: true, code, topOrigin } : { ok: true, code, topOrigin, embeddedOrigin };

function reasonOf(message: unknown): string {
  const result = parseOtpSms(message);
  if (result.ok) throw new Error(`expected ${JSON.stringify(message)} to fail, got ${JSON.stringify(result)}`);
  return result.reason;
}

/** Asserts each message parses to the expected result. */
function table(rows: [string, string, ParsedOtpSms | false][]) {
  for (const [title, message, expected] of rows) {
    it(`${title}: ${JSON.stringify(message)}`, () => {
      const result = parseOtpSms(message);
      if (expected) expect(result).to.deep.equal(expected);
      else expect(result.ok).to.equal(false);
    });
  }
}

describe('parseOtpSms', () => {
  // Every case of content/browser/sms/sms_parser_unittest.cc.
  describe("Chromium's own unit tests", () => {
    table([
      ['no token', 'foo', false],
      ['token without code', '@foo', false],
      ['no space', '@example.com#12345', false],
      ['two spaces', '@example.com  #12345', false],
      ['tab instead of space', '@example.com\t#12345', false],
      ['word in between', '@example.com random #12345', false],
      ['scheme-relative', '@//example.com #123', false],
      ['ftp scheme', '@ftp://example.com #123', false],
      ['mailto', '@mailto:goto@chromium.org #123', false],
      ['no code parameter', '@example.com', false],
      ['basic', '@example.com #12345', ok('12345', 'https://example.com')],
      ['realistic', '<#> Your OTP is 1234ABC.\n@example.com #12345', ok('12345', 'https://example.com')],
      ['localhost is http', '@localhost #123', ok('123', 'http://localhost')],
      ['localhost with a port', '@localhost:8080 #123', false],
      ['localhost without code', '@localhost', false],
      ['path', '@example.com/foobar #123', false],
      ['message before', 'hello world\n@example.com #123', ok('123', 'https://example.com')],
      ['trailing space', 'hello world\n@example.com #123 ', ok('123', 'https://example.com')],
      ['dashes', '@web-otp-example.com #123', ok('123', 'https://web-otp-example.com')],
      ['capital letters', '@can-contain-CAPITAL.com #123', ok('123', 'https://can-contain-capital.com')],
      ['numbers', '@can-contain-number-9870.com #123', ok('123', 'https://can-contain-number-9870.com')],
      ['trailing newline', 'hello world\n@example.com #123\n', ok('123', 'https://example.com')],
      ['two hosts before the code', '@a.com @b.com #123', ok('123', 'https://b.com')],
      ['host after the code', '@a.com #123 @b.com', ok('123', 'https://a.com', 'https://b.com')],
      ['port', '@a.com:8443 #123', false],
      ['user name', '@username@a.com #123', false],
      ['query', '@a.com/?foo=123 #123', false],
      ['data URL', '@data://123', false],
      ['app hash', '<#> Hello World\nApp Hash: s3LhKBB0M33\n@example.com #123', ok('123', 'https://example.com')],
      ['code stops at "#"', '@example.com #cannot-contain-hashes#yes', ok('cannot-contain-hashes', 'https://example.com')],
      ['code with emoji', '@example.com #can-contain-utf8-like-🤷', ok('can-contain-utf8-like-🤷', 'https://example.com')],
      ['code with symbols', '@example.com #can-contain-chars-like-*^$@', ok('can-contain-chars-like-*^$@', 'https://example.com')],
      ['one-character code', '@example.com #1 can be short', ok('1', 'https://example.com')],
      ['code stops at a space', '@example.com #otp with space', ok('otp', 'https://example.com')],
      ['code stops at a tab', '@example.com #otp\twith with tab', ok('otp', 'https://example.com')],
      ['iframe after one space', '@top.com #123 @embedded.com', ok('123', 'https://top.com', 'https://embedded.com')],
      ['iframe after two spaces', '@top.com #123  @embedded.com', ok('123', 'https://top.com')],
      ['iframe after a tab', '@top.com #123\t@embedded.com', ok('123', 'https://top.com')],
      ['iframe after a newline', '@top.com #123\n@embedded.com', ok('123', 'https://top.com')],
      ['iframe glued to the code', '@top.com #123@embedded.com', ok('123@embedded.com', 'https://top.com')],
      ['only the first iframe host', '@top.com #123 @embedded.com @nested.com', ok('123', 'https://top.com', 'https://embedded.com')],
      ['iframe with another sigil', '@top.com #123 %embedded.com', ok('123', 'https://top.com')],
    ]);

    for (const c of ['\x00', '\t', '\n', '\r', ' ', '#', '%', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^']) {
      it(`forbidden host character ${JSON.stringify(c)}`, () => {
        expect(parseOtpSms(`@cannot-contain-${c} #123456`).ok).to.equal(false);
      });
    }
  });

  describe('searches the whole message for the leftmost match', () => {
    table([
      ['first of two lines wins', '@first.com #111\n@second.com #222', ok('111', 'https://first.com')],
      ['first on one line wins', 'a @first.com #111 b @second.com #222', ok('111', 'https://first.com')],
      ['a match in the middle', 'Code: @example.com #42 (valid 5 min)', ok('42', 'https://example.com')],
      ['a broken candidate is skipped', '@example.com 123\n@example.com #456', ok('456', 'https://example.com')],
      ['the safe profile', 'Your Example code is 123456.\n\n@example.com #123456', ok('123456', 'https://example.com')],
      ['text after the line', '@example.com #123456\nDo not share it.', ok('123456', 'https://example.com')],
      ['CRLF line ends', 'Code 123456\r\n\r\n@example.com #123456\r\n', ok('123456', 'https://example.com')],
    ]);
  });

  describe('"@" must start the message or follow one of tab, LF, FF, CR, space', () => {
    for (const [name, ws] of [['tab', '\t'], ['line feed', '\n'], ['form feed', '\f'], ['carriage return', '\r'], ['space', ' ']]) {
      it(`accepts ${name}`, () => {
        expect(parseOtpSms(`x${ws}@example.com #1`)).to.deep.equal(ok('1', 'https://example.com'));
      });
    }
    const others: [string, string][] = [
      ['no-break space', '\u00a0'],
      ['vertical tab', '\v'],
      ['line separator', '\u2028'],
      ['ideographic space', '\u3000'],
      ['a letter', 'x'],
      ['a colon', ':'],
    ];
    for (const [name, ch] of others) {
      it(`rejects ${name}`, () => {
        expect(parseOtpSms(`Code${ch}@example.com #1`).ok).to.equal(false);
      });
    }
    it('a no-break space between host and "#" does not count as the space', () => {
      expect(parseOtpSms('@example.com\u00a0#1').ok).to.equal(false);
    });
  });

  describe('the code', () => {
    table([
      [
        'keeps a no-break space (Chromium ends codes at ASCII whitespace only)',
        '@example.com #12\u00a034',
        ok('12\u00a034', 'https://example.com'),
      ],
      ['keeps a vertical tab', '@example.com #12\v34', ok('12\v34', 'https://example.com')],
      ['stops at a form feed', '@example.com #12\f34', ok('12', 'https://example.com')],
      ['stops at a carriage return', '@example.com #12\r34', ok('12', 'https://example.com')],
      ['emoji only', '@example.com #🔑🔒', ok('🔑🔒', 'https://example.com')],
      ['long', `@example.com #${'9'.repeat(500)}`, ok('9'.repeat(500), 'https://example.com')],
      [
        'unpaired surrogate becomes U+FFFD, as after UTF-8 conversion',
        '@example.com #a\ud800b\udc00',
        ok('a\ufffdb\ufffd', 'https://example.com'),
      ],
      ['a surrogate pair stays', '@example.com #\ud83d\udd11', ok('🔑', 'https://example.com')],
    ]);
  });

  describe('hosts', () => {
    table([
      ['upper case is lowered', '@EXAMPLE.Com #1', ok('1', 'https://example.com')],
      ['LOCALHOST', '@LOCALHOST #1', ok('1', 'http://localhost')],
      ['a subdomain of localhost', '@app.localhost #1', ok('1', 'http://app.localhost')],
      ['localhost with a trailing dot', '@localhost. #1', ok('1', 'http://localhost.')],
      ['not quite localhost', '@mylocalhost #1', ok('1', 'https://mylocalhost')],
      ['localhost as a label in the middle', '@localhost.example #1', ok('1', 'https://localhost.example')],
      ['loopback keeps its address', '@127.0.0.1 #1', ok('1', 'http://127.0.0.1')],
      ['any 127/8 address', '@127.255.0.9 #1', ok('1', 'http://127.255.0.9')],
      ['short loopback', '@127.1 #1', ok('1', 'http://127.0.0.1')],
      ['hex loopback', '@0x7F.0.0.1 #1', ok('1', 'http://127.0.0.1')],
      ['one-number loopback', '@2130706433 #1', ok('1', 'http://127.0.0.1')],
      ['octal loopback', '@0177.0.0.01 #1', ok('1', 'http://127.0.0.1')],
      ['other addresses are https', '@192.168.0.10 #1', ok('1', 'https://192.168.0.10')],
      ['three-part address', '@10.1.258 #1', ok('1', 'https://10.1.1.2')],
      ['address with a trailing dot', '@10.0.0.1. #1', ok('1', 'https://10.0.0.1')],
      ['bare 0x', '@0x #1', ok('1', 'https://0.0.0.0')],
      ['hex-looking last label that is not a number', '@a.0xg #1', ok('1', 'https://a.0xg')],
      // Chromium's URL parser checks none of these: it only lower-cases ASCII hosts.
      ['empty label', '@a..b #1', ok('1', 'https://a..b')],
      ['leading dot', '@.example.com #1', ok('1', 'https://.example.com')],
      ['trailing dot', '@example.com. #1', ok('1', 'https://example.com.')],
      ['only dots', '@.. #1', ok('1', 'https://..')],
      ['hyphens at label ends', '@-a-.example- #1', ok('1', 'https://-a-.example-')],
      ['label over 63 characters', `@${'a'.repeat(64)}.com #1`, ok('1', `https://${'a'.repeat(64)}.com`)],
      ['host over 253 characters', `@${'a.'.repeat(150)}com #1`, ok('1', `https://${'a.'.repeat(150)}com`)],
      ['malformed punycode', '@xn--zz.com #1', ok('1', 'https://xn--zz.com')],
      ['single label', '@intranet #1', ok('1', 'https://intranet')],
    ]);

    const broken = [
      'example.123', 'a.0x', 'a.09', '1.2.3.4.5', '256.0.0.1', '1.256.0.1', '1.2.65536', '4294967296', '0x100000000',
      '08.0.0.1', '1..2', '.1', `1.${'9'.repeat(40)}`,
    ];
    for (const host of broken) {
      it(`fails the whole message for the host "${host}"`, () => {
        expect(reasonOf(`@${host} #1`)).to.equal(
          `The host "@${host}" is not valid: a host whose last label is a number must be a valid IPv4 address, ` +
            'so Chromium rejects the whole message. The last line should read "@example.com #123456".',
        );
      });
      it(`fails the whole message for the iframe host "${host}"`, () => {
        expect(reasonOf(`@top.com #1 @${host}`)).to.match(
          /^The iframe host "@.*" is not valid: .* "@example\.com #123456 @pay\.example"\.$/,
        );
      });
    }

    it('quotes a long invalid host cut short', () => {
      expect(reasonOf(`@a.${'1'.repeat(100)} #1`)).to.match(new RegExp(`^The host "@a\\.${'1'.repeat(56)}…" is not valid`));
    });
    it('does not retry with a later match after an invalid host', () => {
      expect(parseOtpSms('@example.123 #1\n@example.com #2').ok).to.equal(false);
    });
    it('octal-looking label with a letter is a name, not a broken number', () => {
      expect(parseOtpSms('@019a.com #1')).to.deep.equal(ok('1', 'https://019a.com'));
    });
  });

  describe('the iframe host', () => {
    table([
      ['lower-cased', '@Top.com #1 @Bank.EXAMPLE', ok('1', 'https://top.com', 'https://bank.example')],
      ['localhost', '@top.com #1 @localhost', ok('1', 'https://top.com', 'http://localhost')],
      ['followed by text', '@top.com #1 @bank.example thanks', ok('1', 'https://top.com', 'https://bank.example')],
      ['port is ignored, as the pattern ends at ":"', '@top.com #1 @bank.example:8443', ok('1', 'https://top.com', 'https://bank.example')],
      ['no-break space before it', '@top.com #1\u00a0@bank.example', ok('1\u00a0@bank.example', 'https://top.com')],
      ['"@" alone', '@top.com #1 @', ok('1', 'https://top.com')],
      ['carriage return before it', '@top.com #1\r@bank.example', ok('1', 'https://top.com')],
    ]);
  });

  describe('reasons', () => {
    const example = 'The last line should read "@example.com #123456".';
    const spacing = 'Put exactly one plain space between the host and "#": not none, not two, not a tab or a line break';
    const leading = 'Put "@" at the start of the message or after a space or line break (a no-break space does not count)';
    const ascii = 'The host after "@" must be ASCII: write international names in punycode ("xn--…")';
    const rows: [string, string][] = [
      ['@https://example.com #1', 'The host after "@" must not have a scheme such as "https://" (found "@https://example.com").'],
      ['@user@example.com #1', 'The host after "@" must not have user info such as "user@" (found "@user@example.com").'],
      ['@example.com:8443 #1', 'The host after "@" must not have a port such as ":8443" (found "@example.com:8443").'],
      ['@example.com/login #1', 'The host after "@" must not have a path or query such as "/login" (found "@example.com/login").'],
      ['@example.com?x #1', 'The host after "@" must not have a path or query such as "/login" (found "@example.com?x").'],
      ['@example.com  #1', `${spacing} (found "@example.com  #1").`],
      ['@example.com\t#1', `${spacing} (found "@example.com\\t#1").`],
      ['@example.com#1', `${spacing} (found "@example.com#1").`],
      ['@example.com\n#1', `${spacing} (found "@example.com\\n#1").`],
      ['@example.com #', 'Put the code right after "#", with no space or second "#" in between (found "@example.com #").'],
      ['@example.com # 1', 'Put the code right after "#", with no space or second "#" in between (found "@example.com #").'],
      ['@example.com ##1', 'Put the code right after "#", with no space or second "#" in between (found "@example.com #").'],
      ['Your code for @example.com is #123456', 'Put "#" right before the code, one space after the host (found "@example.com is").'],
      ['@example.com 123456', 'Put "#" right before the code, one space after the host (found "@example.com 123456").'],
      ['@bücher.example #1', `${ascii} (found "@bücher.example").`],
      ['Code:@example.com #1', `${leading} (found ":@example.com #1").`],
      ['Code\u00a0@example.com #1', `${leading} (found "@example.com #1").`],
      [`@example.com/${'a'.repeat(100)} #1`, `The host after "@" must not have a path or query such as "/login" (found "@example.com/${'a'.repeat(46)}…").`],
      ['Your code is 123456', 'No "@host #code" found.'],
      ['example.com #123456', 'No "@host #code" found.'],
      ['', 'No "@host #code" found.'],
    ];
    for (const [message, problem] of rows) {
      it(`explains ${JSON.stringify(message)}`, () => {
        expect(reasonOf(message)).to.equal(`${problem} ${example}`);
      });
    }

    const inputs: [string, unknown, string][] = [
      ['undefined', undefined, 'undefined'],
      ['null', null, 'null'],
      ['a number', 123456, 'number'],
      ['a String object', new String('@example.com #1'), 'object'],
      ['a symbol', Symbol('sms'), 'symbol'],
      ['a function', () => '@example.com #1', 'function'],
      ['an object whose toString throws', { toString: () => { throw new Error('no'); } }, 'object'],
      ['a revoked proxy', (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })(), 'object'],
    ];
    for (const [name, input, kind] of inputs) {
      it(`refuses ${name} without throwing`, () => {
        expect(reasonOf(input)).to.equal(
          `Expected the SMS text as a string, got ${kind}. Its last line should read "@example.com #123456".`,
        );
      });
    }
  });

  describe('properties', () => {
    const check = (message: string) => {
      const result = parseOtpSms(message);
      if (result.ok) {
        expect(result.code).to.match(/^[^#\t\n\f\r ]+$/);
        expect(result.topOrigin).to.match(/^https?:\/\/[a-z0-9.-]+$/);
        if ('embeddedOrigin' in result) expect(result.embeddedOrigin).to.match(/^https?:\/\/[a-z0-9.-]+$/);
      } else {
        expect(result.reason).to.match(/^[A-Z].*\.$/s);
      }
    };

    it('never throws on arbitrary UTF-16 code units, unpaired surrogates included', () => {
      // Cheaper than fc.string({ unit: 'binary' }), whose generation alone takes seconds.
      const unit = fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c));
      fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), check), { numRuns: 300 });
    });

    it('never throws on arbitrary Unicode text', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), check), { numRuns: 300 });
    });

    it('never throws on text made of the characters that matter', () => {
      const piece = fc.constantFrom(
        '@', '#', ' ', '  ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '.', '-', ':', '/', 'x', 'A', '0', '7', '9',
        '127', '0x', 'localhost', 'example.com', 'é', '🤷', '\ud800',
      );
      fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map(p => p.join('')), check), { numRuns: 300 });
    });

    it('finds a line appended after any text without "@"', () => {
      const text = fc.string({ unit: 'grapheme' }).filter(t => !t.includes('@'));
      fc.assert(
        fc.property(text, t => {
          expect(parseOtpSms(`${t}\n@example.com #123456`)).to.deep.equal(ok('123456', 'https://example.com'));
        }),
        { numRuns: 300 },
      );
    });
  });

  // Chromium's own URL parser is the reference for hosts: compare with it where the tests run in Chromium.
  const isChromium = /Chrome\//.test(navigator.userAgent);
  (isChromium ? it : it.skip)("reads hosts as Chromium's URL parser does", () => {
    const host = fc
      .array(
        fc.constantFrom(
          '0', '1', '7', '8', '9', '00', '127', '255', '256', '4294967295', '0x', '0X', 'f', 'a', 'g', 'localhost', '.', '.', '-',
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map(p => p.join(''));
    fc.assert(
      fc.property(host, h => {
        let expected: string | undefined;
        try {
          expected = new URL(`https://${h}`).host;
        } catch {
          expected = undefined;
        }
        const result = parseOtpSms(`@${h} #1`);
        expect(result.ok ? result.topOrigin.replace(/^https?:\/\//, '') : undefined, h).to.equal(expected);
      }),
      { numRuns: 500 },
    );
  });
});
