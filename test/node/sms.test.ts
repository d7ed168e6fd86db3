// verify-elements/sms in Node, imported by the package's own name: this runs the BUILT files
// (dist/sms), so it also checks the `exports` map and that the module needs no browser globals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatOtpSms, parseOtpSms, type ParsedOtpSms } from 'verify-elements/sms';

test('formats and parses the safe profile', () => {
  const sms = formatOtpSms({ code: '123456', host: 'Example.com', iframeHost: 'pay.example', text: 'Your Example code is 123456.' });
  assert.equal(sms, 'Your Example code is 123456.\n\n@example.com #123456 @pay.example');
  assert.deepEqual(parseOtpSms(sms), {
    ok: true,
    code: '123456',
    topOrigin: 'https://example.com',
    embeddedOrigin: 'https://pay.example',
  });
});

test('parses localhost as http and rejects ports with a reason', () => {
  assert.deepEqual(parseOtpSms('@localhost #1234'), { ok: true, code: '1234', topOrigin: 'http://localhost' });
  const result = parseOtpSms('@localhost:8080 #1234');
  assert.equal(result.ok, false);
  assert.match(result.reason, /must not have a port/);
});

test('throws a TypeError that names the fix', () => {
  assert.throws(() => formatOtpSms({ code: '1234', host: 'https://example.com' }), {
    name: 'TypeError',
    message: /drop "https:\/\/" and pass the bare host/,
  });
});

test('round-trips generated fields', () => {
  const label = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
  const host = fc
    .tuple(fc.array(label, { maxLength: 3 }), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/))
    .map(([labels, last]) => [...labels, last].join('.'));
  const code = fc.stringMatching(/^[0-9]{4,10}$/);
  fc.assert(
    fc.property(code, host, fc.option(host, { nil: undefined }), (code, host, iframeHost) => {
      const expected: ParsedOtpSms = { ok: true, code, topOrigin: `https://${host}` };
      if (iframeHost !== undefined) expected.embeddedOrigin = `https://${iframeHost}`;
      assert.deepEqual(parseOtpSms(formatOtpSms({ code, host, iframeHost })), expected);
    }),
    { numRuns: 300 },
  );
});

test('never throws, whatever the input', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.anything()), input => {
      const result = parseOtpSms(input);
      assert.equal(typeof result.ok, 'boolean');
    }),
    { numRuns: 300 },
  );
});
