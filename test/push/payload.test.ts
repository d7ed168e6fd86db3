import { expect } from '@open-wc/testing';
import { VerifyError } from '../../src/client/index.js';
import { parsePush, pushData, PushError } from '../../src/push/payload.js';

const YF = `YF${'a1'.repeat(16)}`;
const YC = `YC${'0f'.repeat(16)}`;
const HOSTILE = '<img src=x onerror=alert(1)> \u202Egnp.exe\u202C 🦊👩🏽‍💻 "quotes" \\back\\ & </script>';
const data = (extra: Record<string, unknown> = {}) => ({ type: 'verify_push_challenge', factor_sid: YF, challenge_sid: YC, message: 'Sign in?', ...extra });
const expected = { factorSid: YF, challengeSid: YC, message: 'Sign in?' };

function rejected(payload: unknown): string {
  const result = parsePush(payload);
  expect(result).to.be.instanceOf(PushError);
  expect(result).to.be.instanceOf(VerifyError);
  expect((result as PushError).code).to.equal(60402);
  return (result as PushError).reason;
}

describe('push payload parser', () => {
  it("reads FCM's web shape, the flat data object and an APNs payload alike", () => {
    expect(parsePush({ data: data(), from: '000000000000', priority: 'high', fcmMessageId: 'x' })).to.deep.equal(expected);
    expect(parsePush({ from: '1', messageId: 'm', data: data() })).to.deep.equal(expected); // onMessage / onBackgroundMessage
    expect(parsePush(data())).to.deep.equal(expected);
    expect(parsePush({ aps: { alert: { body: 'Sign in?' } }, ...data() })).to.deep.equal(expected);
  });

  it('keeps hostile message text verbatim, as data', () => {
    expect(parsePush({ data: data({ message: HOSTILE }) })).to.deep.equal({ ...expected, message: HOSTILE });
    expect(parsePush(data({ message: 'x'.repeat(256) }))).not.to.be.instanceOf(PushError);
  });

  it('round-trips what the service worker hands on', () => {
    expect(parsePush(pushData(expected))).to.deep.equal(expected);
  });

  it('rejects every malformed shape with a reason, without throwing', () => {
    const cases: [unknown, string][] = [
      [undefined, 'not-an-object'],
      [null, 'not-an-object'],
      ['{"data":{}}', 'not-an-object'],
      [[data()], 'not-an-object'],
      [42, 'not-an-object'],
      [{}, 'not-a-challenge'],
      [{ data: data({ type: 'something_else' }) }, 'not-a-challenge'],
      [{ notification: { title: 'Hi' } }, 'not-a-challenge'],
      [data({ factor_sid: undefined }), 'bad-factor-sid'],
      [data({ factor_sid: YC }), 'bad-factor-sid'],
      [data({ factor_sid: `${YF}0` }), 'bad-factor-sid'],
      [data({ factor_sid: `YF${'A1'.repeat(16)}` }), 'bad-factor-sid'],
      [data({ factor_sid: ['YF'] }), 'bad-factor-sid'],
      [data({ challenge_sid: 'YC1' }), 'bad-challenge-sid'],
      [data({ challenge_sid: ` ${YC}` }), 'bad-challenge-sid'],
      [data({ challenge_sid: 7 }), 'bad-challenge-sid'],
      [data({ message: undefined }), 'bad-message'],
      [data({ message: '' }), 'bad-message'],
      [data({ message: 'x'.repeat(257) }), 'bad-message'],
      [data({ message: { toString: () => 'hi' } }), 'bad-message'],
    ];
    for (const [payload, reason] of cases) expect(rejected(payload), JSON.stringify(payload) ?? String(payload)).to.equal(reason);
  });
});
