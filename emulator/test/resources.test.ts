import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AccessTokenJson, ChallengeJson, EntityJson, ErrorJson, FactorJson, ListPage, NotificationJson, ServiceJson, WebhookJson } from 'verify-elements/protocol';
import type { PushEntry } from '../src/push.js';
import { answerJwt, createDevice, factorProof, signJwt, tokenAuth } from './device.js';
import { startEmulator, type Answer, type Enrolled, type TestEmulator } from './helpers.js';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
let t: TestEmulator;
before(async () => { t = await startEmulator({ factorCreationsPerMinute: 25 }); });
after(() => t.close());

/** Asserts a Twilio error body (ErrorJson). */
function assertError(res: Answer<unknown>, status: number, code: number) {
  assert.equal(res.status, status, res.text);
  const body = res.body;
  assert.ok(isRecord(body), res.text);
  assert.equal(body.code, code, res.text);
  assert.equal(body.status, status);
  assert.equal(body.more_info, `https://www.twilio.com/docs/errors/${code}`);
  assert.ok(typeof body.message === 'string' && body.message.length > 10);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The emulator's push outbox (`GET /emulator/outbox`), dates as RFC 3339. */
type Outbox = { pushes: Array<Omit<PushEntry, 'date_created' | 'expires'> & { date_created: string; expires: string }> };

async function challenge(e: Enrolled, extra: Record<string, string | string[]> = {}) {
  const res = await t.call<ChallengeJson>('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': 'Sign in from Firefox?', ...extra } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function fetchAsDevice(e: Enrolled, sid: string) {
  return t.call<ChallengeJson>('GET', `${e.path}/Challenges/${sid}`, { auth: tokenAuth(await e.jwt()) });
}

async function answer(e: Enrolled, sid: string, status: 'approved' | 'denied', mutate: (c: ChallengeJson) => object = x => x) {
  const got = await fetchAsDevice(e, sid);
  const fields = got.headers.get('twilio-verify-signature-fields');
  const jwt = await answerJwt(e.device.keys.privateKey, mutate(structuredClone(got.body)), fields, status);
  return t.call<ChallengeJson>('POST', `${e.path}/Challenges/${sid}`, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: jwt, Metadata: JSON.stringify({ os: 'Linux' }) } });
}

describe('services', () => {
  test('create, fetch, update, list with paging, delete', async () => {
    const created = await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Paged' } });
    assert.equal(created.status, 201);
    assert.match(created.body.sid, /^VA[0-9a-f]{32}$/);
    assert.match(created.body.date_created, RFC3339);
    assert.equal((await t.call<ServiceJson>('GET', `Services/${created.body.sid}`)).body.friendly_name, 'Paged');
    assert.equal((await t.call<ServiceJson>('POST', `Services/${created.body.sid}`, { form: { FriendlyName: 'Renamed' } })).body.friendly_name, 'Renamed');
    await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Second' } });
    const first = await t.call<ListPage<'services', ServiceJson>>('GET', 'Services?PageSize=1');
    assert.equal(first.body.services.length, 1);
    assert.equal(first.body.meta.key, 'services');
    assert.equal(first.body.meta.page_size, 1);
    assert.equal(first.body.meta.previous_page_url, null);
    const next = new URL(String(first.body.meta.next_page_url));
    assert.ok(next.searchParams.get('PageToken'));
    const second = await t.call<ListPage<'services', ServiceJson>>('GET', `Services?PageSize=1&pageToken=${next.searchParams.get('PageToken')}`);
    assert.equal(second.body.meta.page, 1);
    assert.notEqual(second.body.services[0].sid, first.body.services[0].sid);
    assert.equal((await t.call('DELETE', `Services/${created.body.sid}`)).status, 204);
    assertError(await t.call('GET', `Services/${created.body.sid}`), 404, 20404);
  });

  test('a Service saved with a name longer than 30 characters still updates; a new long name is a 60200', async () => {
    const created = await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Short' } });
    const long = 'A name from before the limit of 30';
    t.emulator.state.services[created.body.sid].friendly_name = long;
    const updated = await t.call<ServiceJson>('POST', `Services/${created.body.sid}`, { form: { 'Push.FcmCredentialSid': `CR${'1'.repeat(32)}` } });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.friendly_name, updated.body.push.fcm_credential_sid], [long, `CR${'1'.repeat(32)}`]);
    assertError(await t.call('POST', `Services/${created.body.sid}`, { form: { FriendlyName: long } }), 400, 60200);
  });

  test('backend calls need the account credentials', async () => {
    assertError(await t.call('GET', 'Services', { auth: null }), 401, 20003);
    const wrong = `Basic ${Buffer.from(`${t.emulator.accountSid}:nope`).toString('base64')}`;
    const res = await t.call('GET', 'Services', { auth: wrong });
    assertError(res, 401, 20003);
    assert.ok(res.headers.get('date'));
    assertError(await t.call<ServiceJson>('POST', 'Services', { form: {} }), 400, 60200);
  });
});

describe('entities and access tokens', () => {
  test('entities: create, fetch, list, delete; 60366 and 60392', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Entities' } })).body.sid;
    const created = await t.call<EntityJson>('POST', `Services/${service}/Entities`, { form: { Identity: 'ent-12345678' } });
    assert.equal(created.status, 201);
    assert.match(created.body.sid, /^YE[0-9a-f]{32}$/);
    assertError(await t.call('POST', `Services/${service}/Entities`, { form: { Identity: 'ent-12345678' } }), 400, 60306);
    assertError(await t.call('POST', `Services/${service}/Entities`, { form: { Identity: 'short' } }), 400, 60366);
    assert.equal((await t.call<EntityJson>('GET', `Services/${service}/Entities/ent-12345678`)).body.identity, 'ent-12345678');
    assert.equal((await t.call<ListPage<'entities', EntityJson>>('GET', `Services/${service}/Entities`)).body.entities.length, 1);
    assert.equal((await t.call('DELETE', `Services/${service}/Entities/ent-12345678`)).status, 204);
    assertError(await t.call('GET', `Services/${service}/Entities/ent-12345678`), 404, 60392);
    assertError(await t.call('GET', `Services/${service}/Entities/x/Challenges`), 400, 60366);
  });

  test('access tokens are bound to service, identity, factor type and ttl', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Tokens' } })).body.sid;
    const other = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Other' } })).body.sid;
    const res = await t.call<AccessTokenJson>('POST', `Services/${service}/AccessTokens`, { form: { Identity: 'tok-12345678', FactorType: 'push', FactorFriendlyName: 'Phone', Ttl: '120' } });
    assert.equal(res.status, 201);
    assert.match(res.body.sid, /^YK[0-9a-f]{32}$/);
    assert.deepEqual([res.body.entity_identity, res.body.factor_type, res.body.factor_friendly_name, res.body.ttl], ['tok-12345678', 'push', 'Phone', 120]);
    assert.equal((await t.call<AccessTokenJson>('GET', `Services/${service}/AccessTokens/${res.body.sid}`)).body.token, res.body.token);
    const bads: Record<string, string>[] = [{ Ttl: '59' }, { Ttl: '301' }, { FactorType: 'totp' }];
    for (const bad of bads) {
      assertError(await t.call<AccessTokenJson>('POST', `Services/${service}/AccessTokens`, { form: { Identity: 'tok-12345678', FactorType: 'push', ...bad } }), 400, 60306);
    }
    const device = await createDevice();
    const form = {
      FactorType: 'push', 'Binding.PublicKey': device.publicKey, 'Binding.Alg': 'ES256', 'Config.AppId': 'test.app', 'Config.SdkVersion': '0.1.0', 'Config.NotificationPlatform': 'none',
    };
    const auth = tokenAuth(res.body.token);
    assertError(await t.call('POST', `Services/${other}/Entities/tok-12345678/Factors`, { auth, form }), 401, 20003);
    assertError(await t.call('POST', `Services/${service}/Entities/tok-87654321/Factors`, { auth, form }), 401, 20003);
    assertError(await t.call('POST', `Services/${service}/Entities/tok-12345678/Factors`, { auth: tokenAuth('unknown'), form }), 401, 20003);
    t.emulator.clock.setOffset(121);
    try {
      const expired = await t.call<ErrorJson>('POST', `Services/${service}/Entities/tok-12345678/Factors`, { auth, form });
      assertError(expired, 401, 20003);
      assert.match(expired.body.message, /expired/);
      const skew = (Date.parse(String(expired.headers.get('date'))) - Date.now()) / 1000;
      assert.ok(Math.abs(skew - 121) < 3, `the 401 carries the emulator's Date (skew ${skew} s)`);
    } finally {
      t.emulator.clock.setOffset(0);
    }
    const created = await t.call<FactorJson>('POST', `Services/${service}/Entities/tok-12345678/Factors`, { auth, form });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.friendly_name, 'Phone', 'FriendlyName falls back to the token\'s FactorFriendlyName');
  });
});

describe('factors', () => {
  test('create returns config.credential_sid and binding; verify with the DER proof', async () => {
    const e = await t.enroll({ verify: false });
    assert.match(e.factor.sid, /^YF[0-9a-f]{32}$/);
    assert.match(e.factor.config.credential_sid, /^CR[0-9a-f]{32}$/);
    assert.equal(e.factor.status, 'unverified');
    assert.ok(e.factor.binding?.public_key.startsWith('MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE'));
    const url = `${e.path}/Factors/${e.factor.sid}`;
    const wrongProof = await factorProof(e.device.keys.privateKey, 'YF00000000000000000000000000000000');
    assertError(await t.call('POST', url, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: wrongProof } }), 403, 60311);
    assertError(await t.call('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': 'hi' } }), 403, 60318);
    const ok = await t.call<FactorJson>('POST', url, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: await factorProof(e.device.keys.privateKey, e.factor.sid) } });
    assert.equal(ok.body.status, 'verified');
  });

  test('update the push token, fetch, list, delete', async () => {
    const e = await t.enroll();
    const url = `${e.path}/Factors/${e.factor.sid}`;
    const newToken = `new-token-${'0'.repeat(32)}`;
    const updated = await t.call<FactorJson>('POST', url, { auth: tokenAuth(await e.jwt()), form: { FriendlyName: 'Renamed', 'Config.NotificationToken': newToken } });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.config.notification_token, newToken);
    assert.equal(updated.body.friendly_name, 'Renamed');
    assert.equal((await t.call<FactorJson>('GET', url, { auth: tokenAuth(await e.jwt()) })).body.status, 'verified');
    const list = await t.call<ListPage<'factors', FactorJson>>('GET', `${e.path}/Factors`);
    assert.deepEqual(list.body.factors.map(f => f.sid), [e.factor.sid]);
    assert.equal(list.body.meta.key, 'factors');
    assert.equal((await t.call('DELETE', url, { auth: tokenAuth(await e.jwt()) })).status, 204);
    assertError(await t.call('GET', url), 404, 20404);
    assertError(await t.call('GET', `${e.path}/Factors/nope`), 400, 60362);
  });

  test('a factor saved before Config.AppId and Config.SdkVersion were required still updates, keeping its nulls', async () => {
    const e = await t.enroll();
    Object.assign(t.emulator.state.factors[e.factor.sid], { app_id: null, sdk_version: null });
    const newToken = `renewed-${'0'.repeat(32)}`;
    const updated = await t.call<FactorJson>('POST', `${e.path}/Factors/${e.factor.sid}`, { auth: tokenAuth(await e.jwt()), form: { 'Config.NotificationToken': newToken } });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.config.notification_token, updated.body.config.app_id, updated.body.config.sdk_version], [newToken, null, null]);
  });

  test('metadata is stored; bad bindings answer 60314; the same key twice 60317', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Bindings' } })).body.sid;
    const token = (await t.call<AccessTokenJson>('POST', `Services/${service}/AccessTokens`, { form: { Identity: 'bind-12345678', FactorType: 'push' } })).body.token;
    const device = await createDevice();
    const base = {
      FriendlyName: 'Browser', FactorType: 'push', 'Binding.PublicKey': device.publicKey, 'Binding.Alg': 'ES256', 'Config.AppId': 'test.app', 'Config.SdkVersion': '0.1.0',
      'Config.NotificationPlatform': 'none',
    };
    const create = (form: Record<string, string>) => t.call<FactorJson>('POST', `Services/${service}/Entities/bind-12345678/Factors`, { auth: tokenAuth(token), form: { ...base, ...form } });
    assertError(await create({ 'Binding.PublicKey': 'bm90IGEga2V5' }), 400, 60314);
    assertError(await create({ 'Binding.Alg': 'RS256' }), 400, 60314);
    assertError(await create({ 'Config.NotificationPlatform': 'fcm' }), 400, 60306);
    assertError(await create({ Metadata: '{"a":1}' }), 400, 60306);
    const ok = await create({ Metadata: JSON.stringify({ os: 'Linux' }) });
    assert.deepEqual(ok.body.metadata, { os: 'Linux' });
    assert.equal(ok.body.config.notification_token, null);
    assertError(await create({}), 409, 60317);
  });

  test('at most 20 push factors per entity (60315); too many creations per minute (60326)', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Limits' } })).body.sid;
    const token = (await t.call<AccessTokenJson>('POST', `Services/${service}/AccessTokens`, { form: { Identity: 'many-12345678', FactorType: 'push', Ttl: '300' } })).body.token;
    const create = async () => t.call('POST', `Services/${service}/Entities/many-12345678/Factors`, {
      auth: tokenAuth(token),
      form: {
        FriendlyName: 'B', FactorType: 'push', 'Binding.PublicKey': (await createDevice()).publicKey, 'Binding.Alg': 'ES256', 'Config.AppId': 'test.app', 'Config.SdkVersion': '0.1.0',
        'Config.NotificationPlatform': 'none',
      },
    });
    for (let i = 0; i < 20; i++) assert.equal((await create()).status, 201);
    assertError(await create(), 400, 60315);
    const list = await t.call<ListPage<'factors', FactorJson>>('GET', `Services/${service}/Entities/many-12345678/Factors?PageSize=5`);
    for (const f of list.body.factors) await t.call('DELETE', `Services/${service}/Entities/many-12345678/Factors/${f.sid}`);
    for (let i = 0; i < 5; i++) assert.equal((await create()).status, 201);
    assertError(await create(), 429, 60326);
  });
});

describe('device JWT', () => {
  test('expired, not yet valid, wrong key or wrong subject answer 401 with Date; small skew passes', async () => {
    const e = await t.enroll();
    const url = `${e.path}/Factors/${e.factor.sid}`;
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [{ now: now - 700 }, { now: now + 120 }]) {
      const res = await t.call('GET', url, { auth: tokenAuth(await e.jwt(claims)) });
      assertError(res, 401, 20003);
      assert.ok(Math.abs(Date.parse(String(res.headers.get('date'))) - Date.now()) < 5000);
    }
    assert.equal((await t.call('GET', url, { auth: tokenAuth(await e.jwt({ now: now + 10 })) })).status, 200);
    const other = await t.enroll({ service: e.serviceSid });
    const forged = await other.jwt();
    assertError(await t.call('GET', url, { auth: tokenAuth(forged) }), 401, 20003);
    assertError(await t.call('GET', url, { auth: tokenAuth('a.b.c') }), 401, 20003);
    assertError(await t.call('POST', `${e.path}/Challenges`, { auth: tokenAuth(await e.jwt()), form: {} }), 401, 20003);
  });

  test('the header needs cty and the payload nbf, as docs/protocol.md writes them', async () => {
    const e = await t.enroll();
    const url = `${e.path}/Factors/${e.factor.sid}`;
    const now = Math.floor(Date.now() / 1000);
    const header = { cty: 'twilio-pba;v=1', kid: e.factor.config.credential_sid, typ: 'JWT', alg: 'ES256' };
    const payload = { sub: t.emulator.accountSid, exp: now + 600, nbf: now };
    const sign = (h: Record<string, unknown>, p: Record<string, unknown>) => signJwt(e.device.keys.privateKey, h, p);
    assert.equal((await t.call('GET', url, { auth: tokenAuth(await sign(header, payload)) })).status, 200);
    const noCty = await t.call<ErrorJson>('GET', url, { auth: tokenAuth(await sign({ ...header, cty: undefined }, payload)) });
    assertError(noCty, 401, 20003);
    assert.match(noCty.body.message, /cty/);
    assertError(await t.call('GET', url, { auth: tokenAuth(await sign(header, { ...payload, nbf: undefined })) }), 401, 20003);
  });

  test('a deleted factor\'s device learns 404 (done), not 401; other keys still get 401', async () => {
    const e = await t.enroll();
    const url = `${e.path}/Factors/${e.factor.sid}`;
    assert.equal((await t.call('DELETE', url, { auth: tokenAuth(await e.jwt()) })).status, 204);
    // As when the answer to the first DELETE was lost and the device sends it again.
    assertError(await t.call('DELETE', url, { auth: tokenAuth(await e.jwt()) }), 404, 20404);
    assertError(await t.call('GET', `${e.path}/Challenges`, { auth: tokenAuth(await e.jwt()) }), 404, 20404);
    const impostor = await createDevice();
    const forged = await signJwt(impostor.keys.privateKey, { cty: 'twilio-pba;v=1', kid: e.factor.config.credential_sid, typ: 'JWT', alg: 'ES256' }, { sub: t.emulator.accountSid, exp: Math.floor(Date.now() / 1000) + 600, nbf: Math.floor(Date.now() / 1000) });
    assertError(await t.call('DELETE', url, { auth: tokenAuth(forged) }), 401, 20003);
    assertError(await t.call('DELETE', url, { auth: tokenAuth(await e.jwt({ now: Math.floor(Date.now() / 1000) - 3600 })) }), 401, 20003);
  });

  test('a moved emulator clock makes a device JWT stale and the Date header tells by how much', async () => {
    const e = await t.enroll();
    t.emulator.clock.setOffset(7200);
    try {
      const res = await t.call('GET', `${e.path}/Factors/${e.factor.sid}`, { auth: tokenAuth(await e.jwt()) });
      assertError(res, 401, 20003);
      const skew = Math.round((Date.parse(String(res.headers.get('date'))) - Date.now()) / 1000);
      assert.ok(Math.abs(skew - 7200) < 5, `skew ${skew}`);
      const retried = await t.call('GET', `${e.path}/Factors/${e.factor.sid}`, { auth: tokenAuth(await e.jwt({ now: Math.floor(Date.now() / 1000) + skew })) });
      assert.equal(retried.status, 200);
    } finally {
      t.emulator.clock.setOffset(0);
    }
  });
});

describe('challenges', () => {
  test('create with details, fields and hidden details; fetch with the signature fields; approve', async () => {
    const e = await t.enroll();
    const fields = [{ label: 'IP', value: '203.0.113.7' }, { label: 'Where', value: 'Zürich <b>"quoted"</b> / & = + %' }];
    const ch = await challenge(e, { 'Details.Fields': fields.map(f => JSON.stringify(f)), HiddenDetails: JSON.stringify({ ip: '203.0.113.7' }) });
    assert.match(ch.sid, /^YC[0-9a-f]{32}$/);
    assert.deepEqual(ch.details, { message: 'Sign in from Firefox?', fields });
    assert.deepEqual(ch.hidden_details, { ip: '203.0.113.7' });
    assert.equal(ch.status, 'pending');
    assert.equal(Date.parse(ch.expiration_date) - Date.parse(ch.date_created), 300_000);
    for (const d of [ch.date_created, ch.date_updated, ch.expiration_date]) assert.match(d, RFC3339);
    assert.ok(ch.links.notifications.endsWith('/Notifications'));
    const got = await fetchAsDevice(e, ch.sid);
    assert.equal(got.headers.get('twilio-verify-signature-fields'), 'sid,factor_sid,details,hidden_details,expiration_date,date_created');
    const approved = await answer(e, ch.sid, 'approved');
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.body.status, 'approved');
    assert.match(approved.body.date_responded ?? '', RFC3339);
    assert.deepEqual(approved.body.metadata, { os: 'Linux' });
    const after = await fetchAsDevice(e, ch.sid);
    assert.equal(after.headers.get('twilio-verify-signature-fields'), null);
    const late = await answerJwt(e.device.keys.privateKey, got.body, got.headers.get('twilio-verify-signature-fields'), 'denied');
    assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}`, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: late } }), 403, 60322);
  });

  test('deny; key order and escapes do not matter, changed values do (60324)', async () => {
    const e = await t.enroll();
    const ch = await challenge(e, { 'Details.Fields': JSON.stringify({ label: 'a/b', value: 'x' }) });
    assertError(await answer(e, ch.sid, 'approved', c => ({ ...c, details: { ...c.details, message: 'Something else' } })), 403, 60324);
    const other = await t.enroll({ service: e.serviceSid });
    const got = await fetchAsDevice(e, ch.sid);
    const forged = await answerJwt(other.device.keys.privateKey, got.body, got.headers.get('twilio-verify-signature-fields'), 'approved');
    assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}`, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: forged } }), 403, 60324);
    assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}`, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: 'garbage' } }), 403, 60324);
    // The details key first (the rest of the object after it): another key order, the same values.
    const reordered = await answer(e, ch.sid, 'denied', ({ details, ...rest }) => ({ details, ...rest }));
    assert.equal(reordered.body.status, 'denied', reordered.text);
  });

  test('expiry: explicit expiration date, lazy expiry, 60323 on answer and resend', async () => {
    const e = await t.enroll();
    const soon = new Date(Date.now() + 60_000).toISOString();
    const ch = await challenge(e, { ExpirationDate: soon });
    assert.equal(ch.expiration_date, soon.replace(/\.\d{3}Z$/, 'Z'));
    assertError(await t.call('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': 'x', ExpirationDate: new Date(Date.now() + 3_700_000).toISOString() } }), 400, 60306);
    const got = await fetchAsDevice(e, ch.sid);
    t.emulator.clock.setOffset(61);
    try {
      const jwt = await answerJwt(e.device.keys.privateKey, got.body, got.headers.get('twilio-verify-signature-fields'), 'approved');
      assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}`, { auth: tokenAuth(await e.jwt({ now: Math.floor(Date.now() / 1000) + 61 })), form: { AuthPayload: jwt } }), 403, 60323);
      assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}/Notifications`, { form: {} }), 403, 60323);
      assert.equal((await t.call<ChallengeJson>('GET', `${e.path}/Challenges/${ch.sid}`)).body.status, 'expired');
    } finally {
      t.emulator.clock.setOffset(0);
    }
  });

  test('list by factor, status and order with paging; a device sees only its own factor', async () => {
    const e = await t.enroll();
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) sids.push((await challenge(e)).sid);
    await answer(e, sids[0], 'approved');
    const auth = tokenAuth(await e.jwt());
    // Oldest first by default (Order=asc, as Twilio).
    const first = await t.call<ListPage<'challenges', ChallengeJson>>('GET', `${e.path}/Challenges?FactorSid=${e.factor.sid}&PageSize=2`, { auth });
    assert.deepEqual(first.body.challenges.map(c => c.sid), [sids[0], sids[1]]);
    assert.equal(first.body.meta.key, 'challenges');
    const token = new URL(String(first.body.meta.next_page_url)).searchParams.get('PageToken');
    const rest = await t.call<ListPage<'challenges', ChallengeJson>>('GET', `${e.path}/Challenges?FactorSid=${e.factor.sid}&PageSize=2&PageToken=${token}`, { auth });
    assert.deepEqual(rest.body.challenges.map(c => c.sid), [sids[2]]);
    assert.equal(rest.body.meta.next_page_url, null);
    const pending = await t.call<ListPage<'challenges', ChallengeJson>>('GET', `${e.path}/Challenges?Status=pending&Order=desc`, { auth });
    assert.deepEqual(pending.body.challenges.map(c => c.sid), [sids[2], sids[1]]);
    assertError(await t.call('GET', `${e.path}/Challenges?Status=bogus`, { auth }), 400, 60306);
    assertError(await t.call('GET', `${e.path}/Challenges?PageToken=zzz`, { auth }), 400, 21481);
    assertError(await t.call('GET', `${e.path}/Challenges?FactorSid=bad`, { auth }), 400, 60362);
    const other = await t.enroll({ service: e.serviceSid });
    const otherPath = `Services/${e.serviceSid}/Entities/${other.identity}`;
    assertError(await t.call('GET', `${otherPath}/Challenges/${sids[1]}`, { auth: tokenAuth(await other.jwt()) }), 404, 60391);
  });

  test('validation: 60362, 60364, 60368, 60391, 60392', async () => {
    const e = await t.enroll();
    const post = (form: Record<string, string | string[]>) => t.call('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': 'ok', ...form } });
    assertError(await post({ FactorSid: 'nope' }), 400, 60362);
    assertError(await post({ FactorSid: 'YF00000000000000000000000000000000' }), 404, 20404);
    assertError(await post({ 'Details.Message': '' }), 400, 60368);
    assertError(await post({ 'Details.Message': 'x'.repeat(257) }), 400, 60368);
    assert.equal((await post({ 'Details.Message': 'x'.repeat(256) })).status, 201);
    const field = (label: unknown, value?: unknown) => JSON.stringify({ label, value });
    assertError(await post({ 'Details.Fields': Array.from({ length: 21 }, () => field('a', 'b')) }), 400, 60368);
    assert.equal((await post({ 'Details.Fields': Array.from({ length: 20 }, () => field('a'.repeat(36), 'b'.repeat(128))) })).status, 201);
    assertError(await post({ 'Details.Fields': field('a'.repeat(37), 'b') }), 400, 60368);
    assertError(await post({ 'Details.Fields': field('a', 'b'.repeat(129)) }), 400, 60368);
    assertError(await post({ 'Details.Fields': '{"label":1}' }), 400, 60368);
    assertError(await post({ HiddenDetails: JSON.stringify({ k: 'v'.repeat(1100) }) }), 400, 60368);
    assertError(await post({ HiddenDetails: '[1]' }), 400, 60368);
    assertError(await t.call('GET', `${e.path}/Challenges/nope`), 400, 60364);
    assertError(await t.call('GET', `${e.path}/Challenges/YC00000000000000000000000000000000`), 404, 60391);
    assertError(await t.call('GET', `Services/${e.serviceSid}/Entities/nobody-12345678/Challenges`), 404, 60392);
  });

  test('notifications resend the push; platform none gets none', async () => {
    const e = await t.enroll();
    const ch = await challenge(e);
    const res = await t.call<NotificationJson>('POST', `${e.path}/Challenges/${ch.sid}/Notifications`, { form: { Ttl: '120' } });
    assert.equal(res.status, 201, res.text);
    assert.match(res.body.sid, /^NT[0-9a-f]{32}$/);
    assert.equal(res.body.ttl, 120);
    const pushes = (await t.call<Outbox>('GET', '/emulator/outbox')).body.pushes.filter(p => p.challenge_sid === ch.sid);
    assert.equal(pushes.length, 2);
    const { payload } = pushes[0];
    assert.ok('data' in payload, 'an FCM payload');
    assert.deepEqual(payload.data, { type: 'verify_push_challenge', factor_sid: e.factor.sid, challenge_sid: ch.sid, message: 'Sign in from Firefox?' });
    assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}/Notifications`, { form: { Ttl: '301' } }), 400, 60306);
    await answer(e, ch.sid, 'approved');
    assertError(await t.call('POST', `${e.path}/Challenges/${ch.sid}/Notifications`, { form: {} }), 403, 60322);
    const quiet = await t.enroll({ platform: 'none' });
    const qch = await challenge(quiet);
    assert.equal((await t.call<Outbox>('GET', '/emulator/outbox')).body.pushes.filter(p => p.challenge_sid === qch.sid).length, 0);
  });
});

describe('webhooks resource', () => {
  test('create, fetch, update, list, delete; validation', async () => {
    const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Hooks' } })).body.sid;
    const created = await t.call<WebhookJson>('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'Backend', EventTypes: ['factor.verified', 'challenge.approved'], WebhookUrl: 'http://127.0.0.1:9/hook' } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.sid, /^YW[0-9a-f]{32}$/);
    assert.deepEqual([created.body.status, created.body.version, created.body.webhook_method], ['enabled', 'v2', 'POST']);
    const url = `Services/${service}/Webhooks/${created.body.sid}`;
    assert.equal((await t.call<WebhookJson>('POST', url, { form: { Status: 'disabled' } })).body.status, 'disabled');
    assert.equal((await t.call<WebhookJson>('GET', url)).body.status, 'disabled');
    assert.equal((await t.call<ListPage<'webhooks', WebhookJson>>('GET', `Services/${service}/Webhooks`)).body.webhooks.length, 1);
    assertError(await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'x', EventTypes: 'nope', WebhookUrl: 'http://x' } }), 400, 60306);
    assertError(await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'x', EventTypes: '*', WebhookUrl: 'ftp://x' } }), 400, 60306);
    assert.equal((await t.call('DELETE', url)).status, 204);
    assertError(await t.call('GET', url), 404, 20404);
  });
});
