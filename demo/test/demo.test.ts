// The demo (`npm start`) end to end: a real demo process (sample backend + embedded emulator, every
// Verify call through the twilio library, signed webhooks) driven in real browsers through its page.
// Chromium and Firefox run through puppeteer-core, WebKit through webdriverio and WebKitWebDriver;
// each supplies a small driver adapter and the tests are written once against it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { parseOtpSms } from 'verify-elements/sms';
import type { WebhookJson } from 'verify-elements/protocol';
import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from 'verify-push-emulator/node';
import { spawnEmulator } from '../../emulator/test/spawn.js';
// The backend's Verify calls from their TypeScript source, as `npm start` runs them (this test runs under tsx).
import { createVerify } from '../src/verify.js';
import { startDemo, stopDemo, visitor as apiVisitor, type ApiAnswer, type DemoProcess } from './support/demo-process.js';
import { browsers, type Driver } from './support/drivers.js';

/** A browser's cookies for the backend's API, without a browser, on the demo these tests share unless told another `site`. */
const visitor = (cookies: Record<string, string> = {}, site = () => String(origin)) => apiVisitor(site, cookies);
type Visitor = ReturnType<typeof visitor>;

/** The demo these tests share; `admin` is its emulator's test-only port (faults, state), never the demo's own. */
let demo: DemoProcess;
let origin: string | undefined;
let admin: string | undefined;
/** The embedded emulator's secret, which the demo takes from a test-only variable: these tests sign webhooks as Verify would. */
const webhookSecret = randomBytes(24).toString('base64url');


/** The code of an SMS the backend shows; one that does not parse fails the test here. */
function codeOf(sms: unknown): string {
  const parsed = parseOtpSms(sms);
  assert.ok(parsed.ok, `the SMS parses: ${String(sms)}`);
  return parsed.code;
}


before(async () => {
  ({ child: demo, origin, admin } = await startDemo({ DEMO_TEST_EMULATOR_PORT: '0', DEMO_TEST_EMULATOR_AUTH_TOKEN: webhookSecret }));
});

after(() => stopDemo(demo));


let phones = 0;
/** A phone number no other user of these tests has (Verify keeps one verification per number). */
const newPhone = () => `+1555${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`;

/** The latest SMS the emulator sent to the phone of the user who signed up in this browser (the development panel's data). */
async function smsOn(phone: Visitor): Promise<string | undefined> {
  return (await phone.call('/api/dev/outbox')).json.messages?.[0]?.body;
}

/** A new user; `phone` is the browser that signed up, which receives the user's codes. */
const fresh = async () => {
  const name = `api-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const phone = visitor();
  assert.equal((await phone.call('/api/signup', { name, phone: newPhone() })).status, 200);
  return { name, phone };
};

describe('demo backend', () => {

  test('a session id the browser brings is never kept (no session fixation), and a sign-in ends the old session', async () => {
    const browser = visitor({ demo_session: 'chosen-by-an-attacker' });
    const name = `fixation-${process.pid}`;
    assert.equal((await browser.call('/api/signup', { name, phone: newPhone() })).status, 200);
    assert.notEqual(browser.cookies.demo_session, 'chosen-by-an-attacker');
    assert.equal((await visitor({ demo_session: 'chosen-by-an-attacker' }).call('/api/me')).json.user, null);
    assert.equal((await browser.call('/api/me')).json.user, name);
    const before = browser.cookies.demo_session;
    assert.equal((await browser.call('/api/signin', { name })).json.method, 'code');
    await browser.call('/api/signin/code', {});
    assert.equal((await browser.call('/api/signin/code/check', { code: codeOf(await smsOn(browser)) })).json.user, name);
    assert.notEqual(browser.cookies.demo_session, before);
    assert.equal((await visitor({ demo_session: before }).call('/api/me')).json.user, null);
  });

  test('a sign-in attempt belongs to the browser that started it and ends with the sign-in', async () => {
    const { name, phone } = await fresh();
    const mine = visitor();
    await mine.call('/api/signin', { name });
    const pendingId = mine.cookies.demo_pending;
    assert.ok(pendingId);
    await mine.call('/api/signin/code', {});
    const code = codeOf(await smsOn(phone));
    // Another browser, even with the right code, has no attempt to finish.
    const other = visitor();
    assert.equal((await other.call('/api/signin/code/check', { code })).status, 400);
    assert.equal((await other.call('/api/signin/status')).json.status, 'none');
    assert.equal((await other.call('/api/me')).json.user, null);
    // The browser that started it signs in, once: the same attempt cannot sign in a second time.
    assert.equal((await mine.call('/api/signin/code/check', { code })).json.user, name);
    assert.equal(mine.cookies.demo_pending, undefined);
    const replay = visitor({ demo_pending: pendingId });
    const again = await replay.call('/api/signin/code/check', { code });
    assert.equal(again.status, 400);
    assert.equal(replay.cookies.demo_session, undefined);
  });

  test('Verify bounds the guesses: after five wrong codes even the right one is refused, and so is a new code', async () => {
    const { name, phone } = await fresh();
    const browser = visitor();
    await browser.call('/api/signin', { name });
    await browser.call('/api/signin/code', {});
    const code = codeOf(await smsOn(phone));
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) assert.equal((await browser.call('/api/signin/code/check', { code: wrong })).status, 400);
    const sixth = await browser.call('/api/signin/code/check', { code });
    assert.equal(sixth.status, 429, 'a sixth try is refused, even with the right code');
    assert.match(String(sixth.json.error), /Too many wrong codes/);
    assert.equal(sixth.headers.get('Retry-After'), '600', 'the page can say when to try again');
    const newCode = await browser.call('/api/signin/code', {});
    assert.equal(newCode.status, 429, 'no new code until the verification expires');
    assert.equal(newCode.headers.get('Retry-After'), '600');
    assert.equal((await browser.call('/api/me')).json.user, null);
  });

  test('codes go through Verify: the emulator sends an origin-bound SMS to the number given at sign-up, the same code again within 10 minutes, five at most', async () => {
    const name = `verify-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const number = newPhone();
    const phone = visitor();
    // Typed with spaces and dashes, kept in E.164.
    assert.equal((await phone.call('/api/signup', { name, phone: `${number.slice(0, 2)} ${number.slice(2, 5)}-${number.slice(5)}` })).status, 200);
    const browser = visitor();
    await browser.call('/api/signin', { name });
    assert.equal((await browser.call('/api/signin/code', {})).status, 200);
    assert.ok(admin, 'the demo serves its emulator on a test-only port');
    // What Verify sent, as its own outbox says, to the number given at sign-up.
    const Authorization = `Basic ${Buffer.from(`${DEFAULT_ACCOUNT_SID}:${webhookSecret}`).toString('base64')}`;
    const sent = (await (await fetch(`${admin}/emulator/outbox?to=${encodeURIComponent(number)}`, { headers: { Authorization } })).json()) as { messages: Array<{ channel: string; body: string }> };
    assert.deepEqual(sent.messages.map(m => m.channel), ['sms']);
    const parsed = parseOtpSms(sent.messages[0].body);
    assert.ok(parsed.ok, sent.messages[0].body);
    assert.equal(parsed.topOrigin, `http://${new URL(String(origin)).hostname}`);
    assert.equal(await smsOn(phone), sent.messages[0].body, 'the development panel shows that message');
    assert.equal((await phone.call('/api/dev/outbox')).json.phone, number);
    for (let i = 2; i <= 5; i++) assert.equal((await browser.call('/api/signin/code', {})).status, 200, `code ${i}`);
    assert.equal(codeOf(await smsOn(phone)), parsed.code, 'a resend within 10 minutes is the same code');
    const sixth = await browser.call('/api/signin/code', {});
    assert.equal(sixth.status, 429, 'a sixth code is refused');
    assert.equal(sixth.headers.get('Retry-After'), '600');
    assert.equal((await browser.call('/api/signin/code/check', { code: parsed.code })).json.user, name);
  });

  test('sign-up asks for a phone number in E.164, and says so', async () => {
    for (const phone of ['', '0555 123 456', '+0 555 123 4567', '+1555', 'call me', '+1555123456789012']) {
      const answer = await visitor().call('/api/signup', { name: `phone-${process.pid}-${Math.random().toString(36).slice(2)}`, phone });
      assert.equal(answer.status, 400, JSON.stringify(phone));
      assert.match(String(answer.json.error), /international format: \+, country code, number \(e\.g\. \+14155550123\)/);
    }
    assert.equal((await visitor().call('/api/signup', { name: `phone-${process.pid}-nested`, phone: { toString: 1 } })).status, 400);
  });

  test('webhooks count only when signed with the secret of this Verify, never the emulator default', async () => {
    const url = `${origin}/webhooks/verify`;
    const params = { uuid: 'x', type: 'factor.created', account_sid: 'AC00000000000000000000000000000000', entity_identity: 'someone', factor_sid: `YF${'0'.repeat(32)}` };
    const post = (signature: string) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature }, body: new URLSearchParams(params) });
    assert.equal((await post('bogus')).status, 403);
    assert.equal((await post(twilio.getExpectedTwilioSignature(DEFAULT_AUTH_TOKEN, url, params))).status, 403);
  });

  test('a failure of Verify reaches the page as a plain message, without the internals', async () => {
    const { name } = await fresh();
    assert.ok(admin, 'the demo serves its emulator on a test-only port');
    const faults = `${admin}/emulator/faults`;
    // The admin endpoints take the emulator's account credentials: the demo's emulator runs with the default SID.
    const Authorization = `Basic ${Buffer.from(`${DEFAULT_ACCOUNT_SID}:${webhookSecret}`).toString('base64')}`;
    assert.equal((await fetch(faults, { method: 'POST', headers: { Authorization }, body: JSON.stringify({ status: 500, path: '/Factors', count: 1 }) })).status, 201);
    try {
      const { status, json } = await visitor().call('/api/signin', { name });
      assert.equal(status, 500);
      assert.doesNotMatch(String(json.error), /fault|Factors|20500|twilio/i);
      assert.match(String(json.error), /Try again/);
    } finally {
      await fetch(faults, { method: 'DELETE', headers: { Authorization } });
    }
  });

  test("setUp subscribes the webhook once, also when the service is given again after a restart", async () => {
    const emulator = await spawnEmulator();
    try {
      const apiOrigin = new URL(emulator.baseUrl).origin;
      const first = createVerify({ accountSid: emulator.accountSid, authToken: emulator.authToken, apiOrigin, siteUrl: 'http://127.0.0.1:9' });
      await first.setUp('http://127.0.0.1:9/webhooks/verify');
      const again = createVerify({ accountSid: emulator.accountSid, authToken: emulator.authToken, apiOrigin, siteUrl: 'http://127.0.0.1:9', serviceSid: first.serviceSid });
      await again.setUp('http://127.0.0.1:9/webhooks/verify');
      const headers = { Authorization: `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}` };
      const state = (await (await fetch(`${apiOrigin}/emulator/state`, { headers })).json()) as { webhooks: Record<string, WebhookJson> };
      assert.equal(Object.values(state.webhooks).filter(w => w.service_sid === first.serviceSid).length, 1);
    } finally {
      emulator.child.kill();
    }
  });
});

// Issue 12: site developers copy this backend, so each of its guards is tested here over HTTP.
describe('the sample backend is safe to copy', () => {
  const unique = (prefix: string) => `${prefix}-${process.pid}-${Math.random().toString(36).slice(2)}`;
  /** A POST as any client may send it: these headers, this body, no cookies. */
  const post = (path: string, headers: Record<string, string>, body: string, at = String(origin)) =>
    fetch(`${at}${path}`, { method: 'POST', headers, body });
  const errorOf = async (response: Response) => {
    const json: unknown = await response.json();
    assert.ok(typeof json === 'object' && json !== null && 'error' in json && typeof json.error === 'string', `a JSON error: ${JSON.stringify(json)}`);
    return json.error;
  };

  test("the embedded emulator's admin and test endpoints are not served by the demo; what the browser needs is", async () => {
    for (const path of ['/emulator/state', '/emulator/faults', '/emulator/clock', '/emulator/outbox', '/emulator/health']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 404, `GET ${path}`);
      assert.doesNotMatch(await response.text(), /eyJ|token/i, `GET ${path} shows nothing of the emulator`);
    }
    for (const path of ['/emulator/faults', '/emulator/clock']) {
      assert.equal((await post(path, { 'Content-Type': 'application/json', Origin: String(origin) }, '{"status":500}')).status, 404, `POST ${path}`);
    }
    // The device API and the push stream stay: the page's browser uses them.
    assert.equal((await fetch(`${origin}/v2/Services`)).status, 401);
    const stream = new AbortController();
    const push = await fetch(`${origin}/emulator/push/some-token`, { signal: stream.signal });
    assert.equal(push.status, 200);
    assert.match(String(push.headers.get('Content-Type')), /text\/event-stream/);
    stream.abort();
  });

  test('state-changing requests take only JSON from the site’s own Origin (no login CSRF)', async () => {
    const json = { 'Content-Type': 'application/json' };
    const body = JSON.stringify({ name: unique('csrf'), phone: newPhone() });
    // The login-CSRF form post: text/plain from another site.
    const foreign = await post('/api/signup', { 'Content-Type': 'text/plain', Origin: 'https://evil.example' }, body);
    assert.equal(foreign.status, 403);
    assert.match(await errorOf(foreign), /another site/);
    assert.deepEqual(foreign.headers.getSetCookie(), []);
    assert.equal((await post('/api/signup', { ...json, Origin: 'https://evil.example' }, body)).status, 403);
    assert.equal((await post('/api/signup', { ...json, Origin: 'null' }, body)).status, 403);
    const missing = await post('/api/signup', json, body);
    assert.equal(missing.status, 403, 'a POST without Origin');
    assert.match(await errorOf(missing), /Origin/);
    assert.equal((await post('/api/signup', { ...json, Origin: String(origin), 'Sec-Fetch-Site': 'cross-site' }, body)).status, 403);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post('/api/signup', { 'Content-Type': type, Origin: String(origin) }, body);
      assert.equal(response.status, 415, type);
      assert.match(await errorOf(response), /application\/json/);
    }
    for (const path of ['/api/signin', '/api/signout', '/api/signin/code', '/api/signin/code/check', '/access-token']) {
      assert.equal((await post(path, { ...json, Origin: 'https://evil.example' }, '{}')).status, 403, path);
    }
    // The site's own page still signs up (JSON, its Origin, Sec-Fetch-Site: same-origin).
    const own = await post('/api/signup', { ...json, Origin: String(origin), 'Sec-Fetch-Site': 'same-origin' }, body);
    assert.equal(own.status, 200);
  });

  test('names are strings, NFC, visible and at most 64 code points; bodies are bounded; bad input is a 4xx, never a 500', async () => {
    const signUp = (body: string) => post('/api/signup', { 'Content-Type': 'application/json', Origin: String(origin) }, body);
    for (const name of [{ toString: 1 }, ['a', 'b'], 42, true]) {
      const response = await signUp(JSON.stringify({ name }));
      assert.equal(response.status, 400, JSON.stringify(name));
      assert.match(await errorOf(response), /must be a string/);
    }
    for (const body of ['not json', '[]', '"name"', 'null']) assert.equal((await signUp(body)).status, 400, body);
    const base = unique('name');
    for (const bad of [`${base}\u202Eevil`, `${base}\u2066x\u2069`, `${base}\u200B`, `${base}\u200D`, `${base}\uFEFFx`, `${base}\u0007`, `${base}\nx`, `${base}\u2028x`]) {
      const response = await signUp(JSON.stringify({ name: bad }));
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.match(await errorOf(response), /control, invisible or text-direction/);
    }
    // 64 code points (128 UTF-16 units) fit, whole; 65 do not (and are not cut to fit).
    const emoji = '😀'.repeat(64 - base.length) + base;
    const ok = await visitor().call('/api/signup', { name: emoji, phone: newPhone() });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.user, emoji);
    assert.equal((await signUp(JSON.stringify({ name: `😀${emoji}` }))).status, 400);
    // One name per spelling: "é" composed and decomposed are the same user.
    const decomposed = `${unique('nfc')}-e\u0301`;
    assert.equal((await visitor().call('/api/signup', { name: decomposed, phone: newPhone() })).json.user, decomposed.normalize('NFC'));
    assert.equal((await visitor().call('/api/signup', { name: decomposed.normalize('NFC'), phone: newPhone() })).status, 409);
    // The code of a check is a string too.
    const signingIn = visitor();
    await signingIn.call('/api/signin', { name: emoji });
    await signingIn.call('/api/signin/code', {});
    assert.equal((await signingIn.call('/api/signin/code/check', { code: { toString: 1 } })).status, 400);
    // A large body is refused before it is read (hono's bodyLimit).
    const large = await signUp(JSON.stringify({ name: 'a'.repeat(1024 * 1024) }));
    assert.equal(large.status, 413);
    assert.match(await errorOf(large), /too large/);
  });

  test('sign-in answers the same for a name nobody has, and a taken name is refused without echoing it', async () => {
    const { name, phone } = await fresh();
    const known = visitor();
    const unknown = visitor();
    const a = await known.call('/api/signin', { name });
    const b = await unknown.call('/api/signin', { name: unique('nobody') });
    assert.equal(b.status, a.status);
    assert.deepEqual(b.json, a.json);
    assert.deepEqual(Object.keys(unknown.cookies), Object.keys(known.cookies));
    const codeA = await known.call('/api/signin/code', {});
    const codeB = await unknown.call('/api/signin/code', {});
    assert.equal(codeB.status, codeA.status);
    assert.deepEqual(codeB.json, codeA.json);
    // A wrong code reads the same; for nobody, no code can be right.
    const wrong = codeOf(await smsOn(phone)) === '000000' ? '000001' : '000000';
    const checkA = await known.call('/api/signin/code/check', { code: wrong });
    const checkB = await unknown.call('/api/signin/code/check', { code: wrong });
    assert.equal(checkB.status, checkA.status);
    assert.deepEqual(checkB.json, checkA.json);
    const taken = await visitor().call('/api/signup', { name, phone: newPhone() });
    assert.equal(taken.status, 409);
    assert.ok(!String(taken.json.error).includes(name), 'the answer does not echo the name');
  });

  test('30 parallel sign-ins for one user are limited, with 429 and Retry-After', async () => {
    const { name } = await fresh();
    const answers = await Promise.all(Array.from({ length: 30 }, () => visitor().call('/api/signin', { name })));
    const started = answers.filter(a => a.status === 200).length;
    const limited = answers.filter(a => a.status === 429);
    assert.ok(started <= 10, `${started} sign-ins started`);
    assert.equal(started + limited.length, 30);
    for (const a of limited) {
      assert.ok(Number(a.headers.get('Retry-After')) > 0, 'Retry-After');
      assert.match(String(a.json.error), /Too many sign-ins/);
    }
  });

  test('sign-ups and sign-ins are limited per client, and cookies are Secure under https', async () => {
    // A demo of its own: this one's limits stay untouched for the other tests.
    const other = await startDemo({ PUBLIC_URL: 'https://demo.example' });
    try {
      const browser = visitor({}, () => other.origin);
      assert.equal((await browser.call('/api/signup', { name: unique('secure'), phone: newPhone() })).status, 200);
      for (const line of browser.setCookies) {
        assert.match(line, /; HttpOnly/i, line);
        assert.match(line, /; SameSite=Lax/i, line);
        assert.match(line, /; Secure/i, line);
      }
      let status = 200;
      let last: Awaited<ReturnType<Visitor['call']>> | undefined;
      for (let i = 0; i < 40 && status === 200; i++) {
        last = await visitor({}, () => other.origin).call('/api/signup', { name: unique('many'), phone: newPhone() });
        status = last.status;
      }
      assert.equal(status, 429, 'the sign-ups from one client end in a 429');
      assert.ok(Number(last?.headers.get('Retry-After')) > 0);
      // Sign-ins too, each for another name (so no limit per user applies).
      status = 200;
      for (let i = 0; i < 110 && status !== 429; i++) {
        last = await visitor({}, () => other.origin).call('/api/signin', { name: unique('who') });
        status = last.status;
        if (status !== 429) assert.equal(status, 200);
      }
      assert.equal(status, 429, 'the sign-ins from one client end in a 429');
      assert.match(String(last?.json.error), /Too many sign-ins from here/);
      assert.ok(Number(last?.headers.get('Retry-After')) > 0);
    } finally {
      await stopDemo(other.child);
    }
  });

  test('codes are limited per user across sign-in attempts and per client, with 429 and Retry-After', async () => {
    // A demo of its own: the codes asked here would use up the shared demo's limits for this client.
    const other = await startDemo({});
    try {
      /** Starts a sign-in for `name` in a new browser and asks for `count` codes; the statuses and the last answer. */
      const askCodes = async (name: string, count: number) => {
        const browser = visitor({}, () => other.origin);
        assert.equal((await browser.call('/api/signin', { name })).status, 200);
        const answers = [];
        for (let i = 0; i < count; i++) answers.push(await browser.call('/api/signin/code', {}));
        return answers;
      };
      // A name nobody has (no SMS, so only the demo's own limits count): 5 codes an attempt, 10 a user.
      const name = unique('codes');
      for (const attempt of [1, 2]) {
        assert.deepEqual((await askCodes(name, 5)).map(a => a.status), [200, 200, 200, 200, 200], `attempt ${attempt}`);
      }
      const [eleventh] = await askCodes(name, 1);
      assert.equal(eleventh.status, 429, 'an 11th code for one user in 10 minutes is refused');
      assert.match(String(eleventh.json.error), /Too many codes for this user/);
      assert.ok(Number(eleventh.headers.get('Retry-After')) > 0, 'Retry-After');
      // Other names from the same client: 30 codes in 15 minutes. The limit per user is taken first,
      // so the refused 11th took none from the client: 10 taken, 20 left.
      const answers: Array<Awaited<ReturnType<typeof askCodes>>[number]> = [];
      for (let i = 0; i < 5 && !answers.some(a => a.status === 429); i++) answers.push(...(await askCodes(unique('codes'), 5)));
      assert.deepEqual(answers.slice(0, 21).map(a => a.status), [...Array(20).fill(200), 429], 'the client had 20 codes left');
      const refused = answers[20]!;
      assert.match(String(refused.json.error), /Too many codes asked from here/, 'the 31st code from one client is refused');
      assert.ok(Number(refused.headers.get('Retry-After')) > 0, 'Retry-After');
    } finally {
      await stopDemo(other.child);
    }
  });

  test('cookies are HttpOnly and SameSite=Lax, not Secure under http', async () => {
    const browser = visitor();
    await browser.call('/api/signup', { name: unique('cookies'), phone: newPhone() });
    assert.ok(browser.setCookies.length >= 2);
    for (const line of browser.setCookies) {
      assert.match(line, /; HttpOnly/i, line);
      assert.match(line, /; SameSite=Lax/i, line);
      assert.match(line, /; Path=\//i, line);
      assert.doesNotMatch(line, /; Secure/i, line);
    }
  });

  test('asking for a code returns neither the SMS nor the code: only the user’s phone gets it', async () => {
    const { name, phone } = await fresh();
    const attacker = visitor();
    await attacker.call('/api/signin', { name });
    const response = await post('/api/signin/code', { 'Content-Type': 'application/json', Origin: String(origin), Cookie: `demo_pending=${attacker.cookies.demo_pending}` }, '{}');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.doesNotMatch(text, /\d{6}|sms|code is/i, text);
    assert.equal(await smsOn(attacker), undefined, 'the caller has no phone of the user');
    const code = codeOf(await smsOn(phone));
    // Only the phone's holder can finish: the attempt is the attacker's, the code is not.
    assert.equal((await attacker.call('/api/me')).json.user, null);
    assert.match(code, /^\d{6}$/);
  });

  test('a signed webhook counts once: a replay of it is not acted on again', async () => {
    const browser = visitor();
    await browser.call('/api/signup', { name: unique('replay'), phone: newPhone() });
    const token = await browser.call('/access-token', {});
    const identity = String(token.json.identity);
    const url = `${origin}/webhooks/verify`;
    const params = { uuid: `EV${randomBytes(16).toString('hex')}`, type: 'factor.created', account_sid: 'AC00000000000000000000000000000000', entity_identity: identity, factor_sid: `YF${'1'.repeat(32)}`, factor_type: 'push' };
    const deliver = (idempotency: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(webhookSecret, url, params), 'I-Twilio-Idempotency-Token': idempotency },
        body: new URLSearchParams(params),
      });
    const events = async () => ((await browser.call('/api/events')).json as unknown as Array<{ factor: string }>).filter(e => e.factor === params.factor_sid).length;
    assert.ok((await deliver('first')).ok);
    assert.equal(await events(), 1);
    const replay = await deliver('first');
    assert.ok(replay.ok, 'a retry of a delivery that went through is acknowledged');
    assert.ok((await deliver('another')).ok);
    assert.equal(await events(), 1, 'the replays were not acted on');
  });
});


// The page's functions run in the browser, serialized: they cannot share helpers with this file, so
// each finds its elements itself, and a `!` there stands where the JavaScript read the element
// unchecked (a missing one throws in the page, as it did).
for (const { engine, missing, open } of browsers) {
  // On CI a missing engine is a failure, never a skip: the run would pass without testing it.
  if (missing && process.env.CI === 'true') {
    test(`demo in ${engine}`, () => assert.fail(`${missing}; CI must have every engine`));
    continue;
  }
  describe(`demo in ${engine}`, { skip: missing }, () => {
    let page: Driver;
    const name = `user-${engine}-${process.pid}`;
    const phone = newPhone();
    // On a timeout, say what the page showed: that is what a failure needs to be understood.
    const wait = <A = undefined>(fn: (arg: A) => unknown, arg?: A) =>
      page.waitFor(fn, arg).catch(async (error: Error) => {
        const seen = await page.evaluate(() =>
          ['#whoami', '#status', 'verify-enroll', 'verify-challenge-prompt']
            .map(s => `${s}: ${(document.querySelector(s)?.shadowRoot ?? document.querySelector(s))?.textContent?.replace(/\s+/g, ' ').trim()}`)
            .join(' | '),
        );
        throw new Error(`${error.message} waiting for ${fn}. Page: ${seen}`);
      });
    const text = (selector: string) => page.evaluate(s => document.querySelector(s)!.textContent, selector);
    // Until the page's script has asked who is signed in, its form has no submit handler yet.
    async function load(url?: string) {
      await (url ? page.goto(url) : page.reload());
      await wait(() => document.querySelector('#whoami')!.textContent === 'Signed out.');
    }

    async function signIn() {
      await page.evaluate(n => void (document.querySelector<HTMLInputElement>('#name')!.value = n), name);
      await page.click('button[value=signin]');
    }
    async function signOut() {
      await page.click('#signout');
      await wait(() => !document.querySelector<HTMLElement>('#auth')!.hidden);
    }
    /** Waits for the challenge on the "device" side of the page; returns the number to pick and the choices. */
    async function challengeArrives() {
      await wait(() => !document.querySelector<HTMLElement>('#push')!.hidden && document.querySelector('#number')!.textContent);
      await wait(() => document.querySelector('verify-challenge-prompt')!.shadowRoot!.querySelectorAll('[part~="choices"] input').length > 0);
      const number = await text('#number');
      const choices = await page.evaluate(() => [...document.querySelector('verify-challenge-prompt')!.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="choices"] input')].map(i => i.value));
      return { number, choices };
    }
    const press = (label: string | null | undefined) =>
      page.evaluate(l => {
        const root = document.querySelector('verify-challenge-prompt')!.shadowRoot!;
        const target = [...root.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')].find(b => (b.value || b.textContent)!.trim() === l);
        if (!target) throw new Error(`no "${l}" in the prompt: ${root.textContent}`);
        target.click();
      }, label);

    before(async () => {
      page = await open();
      await load(`${origin}/`);
    });
    after(() => page?.close());

    test('sign up and enroll this browser in settings', async () => {
      // On an IP address (WebAuthn refuses one as relying party) the page offers no passkeys, nor
      // speaks of them; its console staying clean (the last test) says none asked the backend.
      assert.match(String(origin), /^http:\/\/127\.0\.0\.1:/);
      const passkeysShown = () =>
        page.evaluate(() =>
          Object.fromEntries(
            Object.entries({ signIn: '#auth verify-passkey', hint: '#name-hint', offer: '#passkey-offer', settings: '#add-passkey' }).map(([what, selector]) => [what, !!document.querySelector(selector)?.checkVisibility()]),
          ),
        );
      assert.deepEqual(await passkeysShown(), { signIn: false, hint: false, offer: false, settings: false });
      await page.evaluate(n => void (document.querySelector<HTMLInputElement>('#name')!.value = n), name);
      // A phone number is asked for, and a wrong one is refused next to the form, announced.
      await page.type('#phone', '555 0123');
      await page.click('button[value=signup]');
      await wait(() => /international format/.test(document.querySelector('#status')!.textContent!));
      assert.equal(await page.evaluate(() => document.querySelector('#status')!.closest('section')!.id), 'account');
      assert.equal(await page.evaluate(() => document.querySelector('#status')!.getAttribute('role')), 'status');
      assert.equal(await text('#whoami'), 'Signed out.');
      await page.evaluate(p => void (document.querySelector<HTMLInputElement>('#phone')!.value = p), phone);
      await page.click('button[value=signup]');
      await wait(n => document.querySelector('#whoami')!.textContent === `Signed in as ${n}.`, name);
      assert.deepEqual(await passkeysShown(), { signIn: false, hint: false, offer: false, settings: false }, 'no passkey offered after sign-up either');
      await wait(() => [...(document.querySelector('verify-enroll')?.shadowRoot?.querySelectorAll('button') ?? [])].some(b => /enroll/i.test(b.textContent!)));
      await page.evaluate(() => [...document.querySelector('verify-enroll')!.shadowRoot!.querySelectorAll('button')].find(b => /enroll/i.test(b.textContent!))!.click());
      await wait(() => /enrolled/i.test(document.querySelector('verify-enroll')!.shadowRoot!.textContent!) && [...document.querySelector('verify-enroll')!.shadowRoot!.querySelectorAll('button')].some(b => /remove/i.test(b.textContent!)));
      await wait(() => /factor\.verified/.test(document.querySelector('#events')!.textContent!));
      // The backend shows each user the events of their own identity; a browser of nobody sees none.
      assert.deepEqual(await (await fetch(`${origin}/api/events`)).json(), []);
    });

    test('sign in with a push approval, picking the number shown; the page is told, it does not poll', async () => {
      await signOut();
      await page.evaluate(() => performance.clearResourceTimings());
      await signIn();
      const { number, choices } = await challengeArrives();
      // The request's time reads as the user's clock does, with its zone (not the server's UTC).
      const [shown, zone] = await page.evaluate(() => [
        [...document.querySelector('verify-challenge-prompt')!.shadowRoot!.querySelectorAll('[part="field"]')].find(f => f.querySelector('dt')!.textContent === 'Time')!.querySelector('dd')!.textContent!,
        new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date()).find(p => p.type === 'timeZoneName')!.value,
      ]);
      assert.ok(shown.endsWith(` ${zone}`), `"${shown}" is in the page's zone ${zone}`);
      assert.equal(choices.length, 3);
      assert.ok(choices.includes(number!), `the right number ${number} is among ${choices}`);
      // While nothing happens the page asks nothing: it asks for the result once its stream opens, then waits.
      await new Promise(r => setTimeout(r, 2500));
      const asked = await page.evaluate(() => performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '/api/signin/status').length);
      assert.ok(asked <= 1, `the page asked for the result ${asked} times in 2.5 s of waiting`);
      await press(number);
      await press('Approve');
      await wait(n => document.querySelector('#whoami')!.textContent === `Signed in as ${n}.`, name);
      await wait(() => /challenge\.approved/.test(document.querySelector('#events')!.textContent!));
    });

    test('a wrong number refuses the sign-in', async () => {
      await signOut();
      await signIn();
      const { number, choices } = await challengeArrives();
      await press(choices.find(c => c !== number));
      await press('Approve');
      // The attempt is over: the page says why and offers the form again (not a dead end).
      await wait(() => /did not match/.test(document.querySelector('#status')!.textContent!) && !document.querySelector<HTMLElement>('#auth')!.hidden);
      // The prompt does not contradict the page: it says the answer went out, not that it was approved.
      assert.match(String(await page.evaluate(() => document.querySelector('verify-challenge-prompt')!.shadowRoot!.querySelector('[part="status"]')!.textContent)), /^Answer sent\./);
      assert.equal(await page.evaluate(() => document.querySelector<HTMLElement>('#push')!.hidden), true);
      assert.equal(await page.evaluate(() => fetch('/api/me').then(r => r.json())).then((r: ApiAnswer) => r.user), null);
    });

    test('deny and report as suspicious', async () => {
      await load();
      await signIn();
      await challengeArrives();
      await press('Deny');
      await wait(() => /suspicious/i.test(document.querySelector('verify-challenge-prompt')!.shadowRoot!.textContent!));
      await page.evaluate(() => document.querySelector('verify-challenge-prompt')!.shadowRoot!.querySelector<HTMLElement>('[part="report-yes"]')!.click());
      await wait(() => /denied and reported as suspicious/.test(document.querySelector('#status')!.textContent!) && !document.querySelector<HTMLElement>('#auth')!.hidden);
    });

    test('fall back to a code: Verify sends it by SMS, the development panel shows it, and the code signs in', async () => {
      await load();
      await signIn();
      await wait(() => !document.querySelector<HTMLElement>('#push')!.hidden);
      await page.click('#use-code');
      await wait(() => !document.querySelector<HTMLElement>('#code')!.hidden && document.querySelector('#outbox li'));
      // The panel is marked as development only and sits outside the sign-in form.
      assert.match(String(await text('#dev-outbox h2')), /^Development only/);
      assert.equal(await page.evaluate(() => document.querySelector('#code')!.contains(document.querySelector('#outbox'))), false);
      assert.equal(await text('#dev-phone'), phone);
      // Another code: within its 10 minutes Verify sends the same code again.
      const sent = await page.evaluate(() => document.querySelectorAll('#outbox li').length);
      await page.click('#new-code');
      await wait(n => document.querySelectorAll('#outbox li').length > n, sent);
      const [latest, previous] = await page.evaluate(() => [...document.querySelectorAll('#outbox li pre')].slice(0, 2).map(p => p.textContent!));
      const parsed = parseOtpSms(latest);
      assert.equal(parsed.ok, true, parsed.ok ? undefined : parsed.reason);
      assert.ok(parsed.ok);
      assert.equal(parsed.topOrigin, `http://${new URL(String(origin)).hostname}`);
      assert.equal(previous, latest);
      await page.type('#otp', parsed.code);
      await wait(n => document.querySelector('#whoami')!.textContent === `Signed in as ${n}.`, name);
      // The code's input went away with its form: focus moves on to the signed-in view, not to <body>.
      await wait(() => document.activeElement?.id === 'signout');
    });

    test('start over leaves a sign-in attempt for the form', async () => {
      await signOut();
      await signIn();
      await wait(() => !document.querySelector<HTMLElement>('#push')!.hidden);
      await page.click('#start-over');
      await wait(() => !document.querySelector<HTMLElement>('#auth')!.hidden && document.querySelector<HTMLElement>('#push')!.hidden && document.querySelector<HTMLElement>('#start-over')!.hidden);
      assert.equal(await text('#whoami'), 'Signed out.');
    });

    test('the page has a favicon, and its console stayed clean through every test above', async () => {
      const icon = await page.evaluate(async () => {
        const link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
        const response = link && (await fetch(link.href));
        return response ? `${response.status} ${response.headers.get('Content-Type')}` : 'no icon linked';
      });
      assert.equal(icon, '200 image/svg+xml');
      assert.equal((await fetch(`${origin}/favicon.ico`)).status, 200);
      // WebDriver classic cannot see the console: Chromium and Firefox speak for the page there.
      const problems = page.problems();
      if (problems) assert.deepEqual(problems, []);
    });
  });
}
