import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { ChallengeJson, ErrorJson, FcmMessage, ServiceJson } from 'verify-elements/protocol';
import { parseForm } from '../src/form.js';
import { createPush } from '../src/push.js';
import { createEmulator } from '../src/server.js';
import type { ChallengeRow, FactorRow } from '../src/store.js';
import { tokenAuth } from './device.js';
import { startEmulator, type TestEmulator } from './helpers.js';

/** The stream of a response that must have a body. */
function bodyOf(res: Response): ReadableStream<Uint8Array> {
  assert.ok(res.body, 'the response has a body');
  return res.body;
}

let t: TestEmulator;
before(async () => { t = await startEmulator(); });
after(() => t.close());

describe('form decoding', () => {
  test('splits on the first =, keeps unescaped / and =, repeats keys as arrays, + is a space', () => {
    assert.deepEqual({ ...parseForm('Binding.PublicKey=MFk/w+E==&A=1&A=2&Empty=&Flag&Msg=a+b%2Bc') }, {
      'Binding.PublicKey': 'MFk/w E==', A: ['1', '2'], Empty: '', Flag: '', Msg: 'a b+c',
    });
    assert.equal(parseForm('A=%E0%A4%A'), null);
  });
});

describe('HTTP behaviour', () => {
  test('refuses an empty auth token at start, saying so (it would sign no webhook)', async () => {
    await assert.rejects(createEmulator({ authToken: '' }), /non-empty auth token/);
  });

  test('CORS: localhost origins by default, preflight, exposed headers', async () => {
    const pre = await fetch(`${t.url}Services`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    const res = await fetch(`${t.url}Services`, { headers: { Origin: 'http://127.0.0.1:8000', Authorization: t.accountAuth } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8000');
    assert.equal(res.headers.get('access-control-expose-headers'), 'Twilio-Verify-Signature-Fields,Date');
    const foreign = await fetch(`${t.url}Services`, { headers: { Origin: 'https://evil.example', Authorization: t.accountAuth } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  test('CORS origins are configurable', async () => {
    const custom = await startEmulator({ origins: ['https://app.example'] });
    try {
      const ok = await fetch(`${custom.url}Services`, { headers: { Origin: 'https://app.example', Authorization: custom.accountAuth } });
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example');
      const local = await fetch(`${custom.url}Services`, { headers: { Origin: 'http://localhost:3000', Authorization: custom.accountAuth } });
      assert.equal(local.headers.get('access-control-allow-origin'), null);
    } finally {
      await custom.close();
    }
  });

  test('unknown routes 404, wrong methods 405, oversize bodies 413, malformed bodies 400: all Twilio bodies', async () => {
    const notFound = await t.call<ErrorJson>('GET', 'Nope');
    assert.deepEqual([notFound.status, notFound.body.code], [404, 20404]);
    const wrong = await t.call<ErrorJson>('PATCH', 'Services');
    assert.deepEqual([wrong.status, wrong.body.code, wrong.headers.get('allow')], [405, 20004, 'GET, POST']);
    const big = await t.call<ErrorJson>('POST', 'Services', { form: `FriendlyName=${'x'.repeat(1024 * 1024 + 10)}` });
    assert.deepEqual([big.status, big.body.code], [413, 20413]);
    const bad = await t.call<ErrorJson>('POST', 'Services', { form: 'FriendlyName=%E0%A4%A' });
    assert.deepEqual([bad.status, bad.body.code], [400, 60306]);
    assert.equal((await t.call('GET', '/emulator/health')).status, 200);
  });

  test('property: garbage bodies, queries and credentials never yield a 5xx', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Fuzz' } })).body.sid;
    const e = await t.enroll({ service });
    const ch = (await t.call<ChallengeJson>('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': 'fuzz' } })).body;
    const jwt = await e.jwt();
    const paths = ['Services', `Services/${service}`, `Services/${service}/Entities`, `Services/${service}/AccessTokens`, `Services/${service}/Webhooks`,
      `${e.path}/Factors`, `${e.path}/Factors/${e.factor.sid}`, `${e.path}/Challenges`, `${e.path}/Challenges/${ch.sid}`, `${e.path}/Challenges/${ch.sid}/Notifications`];
    const keys = fc.constantFrom('FriendlyName', 'Identity', 'FactorType', 'Ttl', 'Binding.PublicKey', 'Binding.Alg', 'Config.NotificationPlatform', 'Config.NotificationToken',
      'Metadata', 'AuthPayload', 'FactorSid', 'Details.Message', 'Details.Fields', 'HiddenDetails', 'ExpirationDate', 'EventTypes', 'WebhookUrl', 'Status', 'PageSize', 'PageToken');
    const pair = fc.tuple(fc.oneof(keys, fc.string()), fc.oneof(fc.string(), fc.json(), fc.constant('%'), fc.constant('%zz')));
    const body = fc.oneof(fc.string({ maxLength: 300 }), fc.array(pair, { maxLength: 8 }).map(ps => ps.map(([k, v]) => `${k}=${v}`).join('&')));
    // Any user:password, too: one as long as the account SID but with other bytes (non-ASCII) once threw in the comparison.
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    const auth = fc.oneof(
      fc.constantFrom(t.accountAuth, tokenAuth(jwt), tokenAuth(e.accessToken), 'Basic !!!', 'Bearer x', tokenAuth('a.b.c'), basic(`AC${'é'.repeat(32)}`, 'x'), basic(t.emulator.accountSid, 'é'.repeat(t.emulator.authToken.length))),
      fc.tuple(fc.string(), fc.string()).map(([user, pass]) => basic(user, pass)),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths), fc.constantFrom('GET', 'POST', 'DELETE'), body, body, auth, async (path, method, form, query, authorization) => {
      const res = await fetch(`${t.url}${path}?${query}`, { method, headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' }, body: method === 'GET' ? undefined : form });
      const text = await res.text();
      assert.ok(res.status < 500, `${method} ${path} -> ${res.status} ${text}`);
      assert.ok(res.status < 300 || JSON.parse(text).code > 0);
    }), { numRuns: 250 });
    assert.equal((await t.call('GET', '/emulator/health')).status, 200);
  });
});

describe('emulator-only endpoints', () => {
  test('faults: the next N matching requests answer the status, then it recovers', async () => {
    const set = await fetch(`${t.origin}/emulator/faults`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ status: 503, count: 2, path: '/Services' }) });
    assert.equal(set.status, 201);
    for (let i = 0; i < 2; i++) {
      const res = await t.call<ErrorJson>('GET', 'Services');
      assert.deepEqual([res.status, res.body.code], [503, 20503]);
    }
    assert.equal((await t.call('GET', 'Services')).status, 200);
    await fetch(`${t.origin}/emulator/faults`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ delayMs: 300, count: 5 }) });
    assert.equal((await fetch(`${t.origin}/emulator/faults`, { method: 'DELETE', headers: { Authorization: t.accountAuth } })).status, 204);
    const started = Date.now();
    await t.call('GET', 'Services');
    assert.ok(Date.now() - started < 250);
    await fetch(`${t.origin}/emulator/faults`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ delayMs: 300 }) });
    const slow = Date.now();
    assert.equal((await t.call('GET', 'Services')).status, 200);
    assert.ok(Date.now() - slow >= 290);
    assert.equal((await fetch(`${t.origin}/emulator/faults`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: '{"count":1}' })).status, 400);
    assert.equal((await fetch(`${t.origin}/emulator/faults`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: 'nope' })).status, 400);
  });

  test('clock: the offset moves Date and expiry', async () => {
    const res = await fetch(`${t.origin}/emulator/clock`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ offsetSeconds: 3600 }) });
    assert.equal((await res.json()).offset_seconds, 3600);
    const date = Date.parse((await t.call('GET', '/emulator/health')).headers.get('date') ?? '');
    assert.ok(Math.abs(date - Date.now() - 3_600_000) < 5000);
    await fetch(`${t.origin}/emulator/clock`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ offsetSeconds: 0 }) });
  });

  test('state view', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Viewed' } })).body.sid;
    const state = (await t.call<{ account_sid: string; services: Record<string, ServiceJson> }>('GET', '/emulator/state')).body;
    assert.equal(state.account_sid, t.emulator.accountSid);
    assert.equal(state.services[service].friendly_name, 'Viewed');
  });

  test('push stream: SSE in FCM data-message shape, queued pushes delivered on connect, resumable', async () => {
    const e = await t.enroll();
    const create = async (message: string) => (await t.call<ChallengeJson>('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': message } })).body;
    const queued = await create('before connecting');
    const controller = new AbortController();
    const res = await fetch(`${t.origin}/emulator/push/${e.notificationToken}`, { signal: controller.signal });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const reader = bodyOf(res).getReader();
    let buffer = '';
    const nextEvent = async (): Promise<{ id: number; message: FcmMessage }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find(l => l.startsWith('data: '));
          if (data) return { id: Number(block.match(/^id: (\d+)/m)?.[1]), message: JSON.parse(data.slice(6)) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += new TextDecoder().decode(value);
      }
    };
    const first = await nextEvent();
    assert.deepEqual(first.message.data, { type: 'verify_push_challenge', factor_sid: e.factor.sid, challenge_sid: queued.sid, message: 'before connecting' });
    assert.equal(first.message.from, '000000000000');
    assert.ok(first.message.fcmMessageId);
    const live = await create('while connected');
    const second = await nextEvent();
    assert.equal(second.message.data.challenge_sid, live.sid);
    controller.abort();
    const resumed = await fetch(`${t.origin}/emulator/push/${e.notificationToken}`, { headers: { 'Last-Event-ID': String(first.id) } });
    const text = await (async () => {
      const r = bodyOf(resumed).getReader();
      let s = '';
      while (!s.includes(live.sid)) s += new TextDecoder().decode((await r.read()).value);
      await r.cancel();
      return s;
    })();
    assert.ok(!text.includes(queued.sid));
  });
  test('close() ends the push streams of an emulator that was only embedded (app.fetch, never listening)', { timeout: 5000 }, async () => {
    const emulator = await createEmulator();
    const res = await emulator.app.fetch(new Request('http://127.0.0.1/emulator/push/embedded'));
    const reader = bodyOf(res).getReader();
    await reader.read(); // "connected"
    await emulator.close();
    assert.equal((await reader.read()).done, true);
  });

  test('push stream: a Last-Event-ID from before a restart does not hide the pushes that wait now', () => {
    const push = createPush({ clock: { now: () => 0 } });
    const factor: FactorRow = {
      sid: 'YF1', notification_platform: 'fcm', notification_token: 'tok',
      service_sid: 'VA1', entity_sid: 'YE1', identity: 'someone', friendly_name: 'Browser', status: 'verified', metadata: null,
      sdk_version: null, app_id: null, credential_sid: 'CR1', public_key: '', date_created: 0, date_updated: 0,
    };
    const challenge: ChallengeRow = {
      sid: 'YC1', expiration_date: 60_000, details: { message: 'after the restart', fields: null },
      service_sid: 'VA1', entity_sid: 'YE1', identity: 'someone', factor_sid: 'YF1', status: 'pending', responded_reason: null, hidden_details: null, metadata: null,
      date_created: 0, date_updated: 0, date_responded: null,
    };
    const waiting = push.send(factor, challenge, 300);
    const got: string[] = [];
    // The browser reconnects with the id of the last push of the previous run (ids start at 1 again).
    push.subscribe('tok', 57, entry => got.push(entry.challenge_sid), () => {});
    assert.deepEqual(got, [waiting.challenge_sid]);
    // …and one that was delivered, at or before the id the browser names, is not handed twice.
    const again: string[] = [];
    push.subscribe('tok', waiting.id, entry => again.push(entry.challenge_sid), () => {});
    assert.deepEqual(again, []);
  });
});
