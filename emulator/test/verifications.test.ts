// Verify's one-time codes (Verifications, VerificationCheck) and the outbox, over HTTP: through the
// official `twilio` library where it can say it, with plain requests for what it cannot send.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { ErrorJson, OutboxMessageJson, ServiceJson, VerificationCheckJson, VerificationJson } from 'verify-elements/protocol';
import { parseOtpSms } from 'verify-elements/sms';
import { startEmulator, type TestEmulator } from './helpers.js';

let t: TestEmulator;
let client: twilio.Twilio;
before(async () => {
  t = await startEmulator();
  class EmulatorClient extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      return super.request({ ...opts, uri: opts.uri.replace('https://verify.twilio.com', t.origin) });
    }
  }
  client = twilio(t.emulator.accountSid, t.emulator.authToken, { httpClient: new EmulatorClient() });
});
after(() => t.close());

/** The library's errors carry the HTTP status and Twilio's code. */
const fails = (status: number, code: number) => (error: unknown) => {
  assert.ok(error instanceof twilio.RestException, `a RestException: ${error}`);
  assert.deepEqual([error.status, error.code], [status, code], error.message);
  return true;
};
let numbers = 0;
/** A phone number no other test sends to (verifications are per recipient). */
const newNumber = () => `+1555${String(process.pid % 1000).padStart(3, '0')}${String(++numbers).padStart(4, '0')}`;
const outbox = async (to: string) => (await t.call<{ messages: OutboxMessageJson[] }>('GET', `/emulator/outbox?to=${encodeURIComponent(to)}`)).body.messages;
/** The code of the latest message to `to`, read as its recipient would. */
async function codeSentTo(to: string): Promise<string> {
  const body = (await outbox(to)).at(-1)?.body ?? '';
  return /(\d{6})\s*$/.exec(body)?.[1] ?? assert.fail(`no code in ${JSON.stringify(body)}`);
}
const moveClock = (offsetSeconds: number) => fetch(`${t.origin}/emulator/clock`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ offsetSeconds }) });
const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

describe('Verifications and VerificationCheck', () => {
  let service: ReturnType<twilio.Twilio['verify']['v2']['services']>;
  before(async () => {
    service = client.verify.v2.services((await client.verify.v2.services.create({ friendlyName: 'Codes' })).sid);
  });

  test('a send answers Twilio’s shape; the right code approves it once, and the approved verification is gone (20404)', async () => {
    const to = newNumber();
    const sent = await service.verifications.create({ to, channel: 'sms', locale: 'en' });
    assert.match(sent.sid, /^VE[0-9a-f]{32}$/);
    assert.deepEqual(
      [sent.to, sent.channel, sent.status, sent.valid, sent.lookup, sent.amount, sent.payee, sent.sna],
      [to, 'sms', 'pending', false, {}, null, null, null],
    );
    assert.equal(sent.sendCodeAttempts.length, 1);
    assert.match(sent.sendCodeAttempts[0].attempt_sid, /^VL[0-9a-f]{32}$/);
    assert.equal(sent.sendCodeAttempts[0].channel, 'sms');
    assert.equal(sent.url, `${t.origin}/v2/Services/${sent.serviceSid}/Verifications/${sent.sid}`);
    const [message] = await outbox(to);
    assert.equal(message.body, `Your Codes verification code is: ${await codeSentTo(to)}`);
    assert.equal((await service.verifications(sent.sid).fetch()).status, 'pending');

    const code = await codeSentTo(to);
    const miss = await service.verificationChecks.create({ to, code: wrong(code) });
    assert.deepEqual([miss.sid, miss.status, miss.valid], [sent.sid, 'pending', false]);
    const hit = await service.verificationChecks.create({ to, code });
    assert.deepEqual([hit.sid, hit.status, hit.valid], [sent.sid, 'approved', true]);
    assert.deepEqual(hit.snaAttemptsErrorCodes, []);
    await assert.rejects(service.verifications(sent.sid).fetch(), fails(404, 20404));
    await assert.rejects(service.verificationChecks.create({ to, code }), fails(404, 20404));
  });

  test('a resend within 10 minutes is the same verification with the same code, by any channel; a sixth send is 60203', async () => {
    const to = newNumber();
    const first = await service.verifications.create({ to, channel: 'sms' });
    const code = await codeSentTo(to);
    const again = await service.verifications.create({ to, channel: 'call' });
    assert.equal(again.sid, first.sid);
    assert.equal(again.channel, 'call');
    assert.deepEqual(again.sendCodeAttempts.map((a: { channel: string }) => a.channel), ['sms', 'call']);
    const call = (await outbox(to)).at(-1);
    assert.equal(call?.channel, 'call');
    assert.match(String(call?.body), new RegExp(`Again, your code is ${[...code].join(', ')}\\.$`));
    for (let i = 3; i <= 5; i++) assert.equal((await service.verifications.create({ to, channel: 'sms' })).sendCodeAttempts.length, i);
    assert.equal(await codeSentTo(to), code);
    await assert.rejects(service.verifications.create({ to, channel: 'sms' }), fails(429, 60203));
    assert.equal((await outbox(to)).length, 5, 'the refused send sent nothing');
    // Canceling ends it: the next send starts a new verification with a new SID.
    assert.equal((await service.verifications(first.sid).update({ status: 'canceled' })).status, 'canceled');
    await assert.rejects(service.verifications(first.sid).fetch(), fails(404, 20404));
    assert.notEqual((await service.verifications.create({ to, channel: 'sms' })).sid, first.sid);
  });

  test('five wrong codes end the checks (60202, even for the right code) and the sends until the verification expires', async () => {
    const to = newNumber();
    const sent = await service.verifications.create({ to, channel: 'sms' });
    const code = await codeSentTo(to);
    for (let i = 1; i <= 4; i++) assert.equal((await service.verificationChecks.create({ to, code: wrong(code) })).status, 'pending');
    assert.equal((await service.verificationChecks.create({ to, code: wrong(code) })).status, 'max_attempts_reached');
    await assert.rejects(service.verificationChecks.create({ to, code }), fails(429, 60202));
    await assert.rejects(service.verificationChecks.create({ verificationSid: sent.sid, code }), fails(429, 60202));
    await assert.rejects(service.verifications.create({ to, channel: 'sms' }), fails(429, 60202));
    assert.equal((await service.verifications(sent.sid).fetch()).status, 'max_attempts_reached');
    try {
      await moveClock(601);
      await assert.rejects(service.verifications(sent.sid).fetch(), fails(404, 20404));
      const next = await service.verifications.create({ to, channel: 'sms' });
      assert.notEqual(next.sid, sent.sid);
      assert.equal((await service.verificationChecks.create({ verificationSid: next.sid, code: await codeSentTo(to) })).status, 'approved');
    } finally {
      await moveClock(0);
    }
  });

  test('a verification expires 10 minutes after it started, resends included', async () => {
    const to = newNumber();
    const sent = await service.verifications.create({ to, channel: 'sms' });
    const code = await codeSentTo(to);
    try {
      await moveClock(590);
      assert.equal((await service.verifications.create({ to, channel: 'sms' })).sid, sent.sid, 'a resend at 9:50 reuses it');
      await moveClock(600);
      await assert.rejects(service.verificationChecks.create({ to, code }), fails(404, 20404));
      await assert.rejects(service.verifications(sent.sid).fetch(), fails(404, 20404));
      await assert.rejects(service.verifications(sent.sid).update({ status: 'approved' }), fails(404, 20404));
    } finally {
      await moveClock(0);
    }
  });

  test('the backend may approve a verification itself (Status=approved); then it is gone', async () => {
    const to = newNumber();
    const sent = await service.verifications.create({ to, channel: 'whatsapp' });
    const approved = await service.verifications(sent.sid).update({ status: 'approved' });
    assert.deepEqual([approved.status, approved.valid], ['approved', true]);
    await assert.rejects(service.verificationChecks.create({ verificationSid: sent.sid, code: await codeSentTo(to) }), fails(404, 20404));
  });

  test('email and whatsapp carry the code; CustomFriendlyName names the sender', async () => {
    const email = `someone.${numbers++}@example.com`;
    await service.verifications.create({ to: email, channel: 'email', customFriendlyName: 'Acme' });
    const [mail] = await outbox(email);
    assert.equal(mail.channel, 'email');
    assert.match(mail.body, /^Your Acme verification code is: \d{6}$/);
    const to = newNumber();
    await service.verifications.create({ to, channel: 'whatsapp' });
    assert.match((await outbox(to))[0].body, /^Your Codes verification code is: \d{6}$/);
  });

  test('a service that names the site’s domain (Passkeys.RelyingParty.Id) sends origin-bound SMS: @domain #code', async () => {
    const bound = await client.verify.v2.services.create({ friendlyName: 'Shop', codeLength: 8, 'passkeys.relyingParty.id': 'Shop.Example' });
    assert.equal(bound.codeLength, 8);
    assert.deepEqual(bound.passkeys.relying_party, { id: 'shop.example', name: null, origins: null });
    const to = newNumber();
    await client.verify.v2.services(bound.sid).verifications.create({ to, channel: 'sms' });
    const [sms] = await outbox(to);
    const parsed = parseOtpSms(sms.body);
    assert.ok(parsed.ok, sms.body);
    assert.equal(parsed.topOrigin, 'https://shop.example');
    assert.match(parsed.code, /^\d{8}$/);
    assert.equal(sms.body, `Your Shop verification code is: ${parsed.code}\n\n@shop.example #${parsed.code}`);
    // Only SMS: WebOTP reads no other channel.
    await client.verify.v2.services(bound.sid).verifications.create({ to, channel: 'whatsapp' });
    assert.doesNotMatch((await outbox(to)).at(-1)?.body ?? '', /@shop/);
    // A domain browsers would not read is refused with formatOtpSms's reason.
    await assert.rejects(client.verify.v2.services.create({ friendlyName: 'Bad', 'passkeys.relyingParty.id': 'https://shop.example' }), (error: unknown) =>
      fails(400, 60372)(error) && error instanceof Error && /scheme/.test(error.message));
  });

  test('bad input is a 400 with code 60200 that says what to send; the service must exist (20404)', async () => {
    const sid = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Strict' } })).body.sid;
    const send = (form: Record<string, string>) => t.call<ErrorJson>('POST', `Services/${sid}/Verifications`, { form });
    for (const [form, says] of [
      [{ To: '5551234567', Channel: 'sms' }, /E\.164/],
      [{ To: '+1 555 123 4567', Channel: 'call' }, /E\.164/],
      [{ To: 'not-an-address', Channel: 'email' }, /address/],
      [{ To: '+15551234567', Channel: 'sna' }, /sms, call, email, whatsapp/],
      [{ To: '+15551234567' }, /Channel/],
      [{ To: '+15551234567', Channel: 'sms', Locale: 'english please' }, /Locale/],
      [{ To: '+15551234567', Channel: 'sms', CustomCode: '1234' }, /CustomCode/],
    ] as const) {
      const { status, body } = await send(form);
      assert.deepEqual([status, body.code], [400, 60200], JSON.stringify(form));
      assert.match(body.message, says);
    }
    const check = (form: Record<string, string>) => t.call<ErrorJson>('POST', `Services/${sid}/VerificationCheck`, { form });
    assert.match((await check({ To: '+15551234567' })).body.message, /Code/);
    assert.match((await check({ Code: '123456' })).body.message, /To.*VerificationSid/);
    assert.equal((await check({ To: '+15550000000', Code: '123456' })).body.code, 20404);
    const nowhere = await t.call<ErrorJson>('POST', 'Services/VA00000000000000000000000000000000/Verifications', { form: { To: '+15551234567', Channel: 'sms' } });
    assert.deepEqual([nowhere.status, nowhere.body.code], [404, 20404]);
    const unauthenticated = await t.call<ErrorJson>('POST', `Services/${sid}/VerificationCheck`, { auth: null, form: { To: '+15551234567', Code: '123456' } });
    assert.equal(unauthenticated.status, 401);
  });

  test('over plain HTTP the check answers 200 with the VerificationCheck shape, and no code', async () => {
    const sid = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Plain' } })).body.sid;
    const to = newNumber();
    const sent = (await t.call<VerificationJson>('POST', `Services/${sid}/Verifications`, { form: { To: to, Channel: 'sms' } }));
    assert.equal(sent.status, 201);
    assert.doesNotMatch(sent.text, new RegExp(await codeSentTo(to)), 'the code is never in an API answer');
    const checked = await t.call<VerificationCheckJson>('POST', `Services/${sid}/VerificationCheck`, { form: { To: to, Code: await codeSentTo(to) } });
    assert.equal(checked.status, 200);
    assert.deepEqual(Object.keys(checked.body).sort(), ['account_sid', 'amount', 'channel', 'date_created', 'date_updated', 'payee', 'service_sid', 'sid', 'sna_attempts_error_codes', 'status', 'to', 'valid']);
  });
});

describe('the outbox', () => {
  test('lists what would have been sent, per recipient, as JSON and as a page that shows every text as text', async () => {
    const sid = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Outbox' } })).body.sid;
    const [a, b] = [newNumber(), newNumber()];
    const hostile = '<img src=x onerror=alert(1)> & <script>alert(2)</script>';
    await t.call('POST', `Services/${sid}/Verifications`, { form: { To: a, Channel: 'sms', CustomMessage: hostile } });
    await t.call('POST', `Services/${sid}/Verifications`, { form: { To: b, Channel: 'whatsapp' } });
    const [message] = await outbox(a);
    assert.deepEqual([message.to, message.channel, message.service_sid], [a, 'sms', sid]);
    assert.match(message.body, /^<img src=x onerror=alert\(1\)> & <script>alert\(2\)<\/script>\n\n\d{6}$/);
    assert.ok(!Number.isNaN(Date.parse(message.date_created)));
    assert.deepEqual((await outbox(b)).map(m => m.to), [b]);

    const anonymous = await fetch(`${t.origin}/emulator/outbox.html`);
    assert.equal(anonymous.status, 401, 'the outbox shows codes: it takes the account credentials');
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic /, 'so that a browser asks for them');
    const page = await fetch(`${t.origin}/emulator/outbox.html`, { headers: { Authorization: t.accountAuth } });
    assert.equal(page.status, 200);
    assert.match(String(page.headers.get('Content-Type')), /text\/html/);
    assert.match(String(page.headers.get('Content-Security-Policy')), /default-src 'none'/);
    const html = await page.text();
    assert.ok(!html.includes('<img src=x') && !html.includes('<script>'), 'no markup of a message reaches the page');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;'));
    // One section per recipient, headed by its number.
    for (const to of [a, b]) assert.match(html, new RegExp(`<section aria-label="\\${to}">\\s*<h2>\\${to}</h2>`));
    const filtered = await (await fetch(`${t.origin}/emulator/outbox.html?to=${encodeURIComponent(b)}`, { headers: { Authorization: t.accountAuth } })).text();
    assert.ok(filtered.includes(b) && !filtered.includes(a));
  });
});
