// The conformance suite: every operation the emulator serves, driven over HTTP through the official
// `twilio` helper library (device calls too, with a device's credentials), and every answer checked
// against Twilio's OpenAPI description of Verify v2 and its error pages (conformance/spec.ts,
// conformance/README.md). A new route of the emulator fails the coverage test until a test here
// drives it: adding an operation is listing its calls below.
import assert from 'node:assert/strict';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { after, afterEach, before, describe, test } from 'node:test';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { description, errorProblems, expectedLinks, formParams, operationOf, problemsOf, templateOf } from './conformance/spec.js';
import { answerJwt, createDevice, deviceJwt, factorProof } from './device.js';
import { startEmulator, type TestEmulator } from './helpers.js';
import { register, signIn } from './support/authenticator.js';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One checked answer. */
interface Exchange {
  operation: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** A form the library posted and the emulator took (2xx), with its credentials: the replays below vary it. */
interface SentForm {
  operation: NonNullable<ReturnType<typeof operationOf>>;
  uri: string;
  data: Record<string, unknown>;
  username?: string;
  password?: string;
}

let t: TestEmulator;
const sentForms: SentForm[] = [];
let api: twilio.Twilio['verify']['v2'];
const exchanges: Exchange[] = [];
/** What differed from the description since the last test ended. */
let problems: string[] = [];

/** Resources whose `url` is the collection they were created in, as the description's examples show (it has no fetch for them). */
const CREATED_IN = new Set(['/v2/Services/{ServiceSid}/Passkeys/Challenges']);

/** `url`, `links` and the paging URLs of an answer: on the emulator, at the resource's own path, with the links the description lists. */
function urlProblems(method: string, requestUrl: URL, body: Json): string[] {
  const out: string[] = [];
  const meta = body.meta;
  const resources = isRecord(meta) ? body[String(meta.key)] : [body];
  if (isRecord(meta)) {
    for (const key of ['url', 'first_page_url', 'next_page_url', 'previous_page_url']) {
      const value = meta[key];
      if (typeof value === 'string' && new URL(value).pathname !== requestUrl.pathname) out.push(`meta.${key} ${value} is not the list's own path`);
    }
  }
  for (const resource of Array.isArray(resources) ? resources : []) {
    if (!isRecord(resource) || typeof resource.url !== 'string') continue; // the schema says what is missing
    const url = new URL(resource.url);
    const template = templateOf(url.pathname);
    if (url.origin !== requestUrl.origin) out.push(`url ${resource.url} is not on the emulator`);
    if (!template || !(description.paths[template].get || CREATED_IN.has(template))) out.push(`url ${resource.url} names no resource one can fetch`);
    if (method === 'GET' && !isRecord(meta) && url.pathname !== requestUrl.pathname) out.push(`url ${resource.url} is not the fetched path`);
    const links = template && expectedLinks(template, resource, requestUrl.origin);
    if (links) {
      try {
        assert.deepEqual(resource.links, links);
      } catch {
        out.push(`links of ${resource.url} are ${JSON.stringify(resource.links)}; the description lists ${JSON.stringify(links)}`);
      }
    }
  }
  return out;
}

/** Checks one answer against the description and records it. */
function check(method: string, url: URL, status: number, text: string, headers: Record<string, string>): void {
  const where = `${method} ${url.pathname}`;
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    problems.push(`${where}: the body is not JSON`);
  }
  const op = operationOf(method, url.pathname);
  if (!op) {
    // A method the path does not have: only its error can be checked.
    if (status >= 400 && templateOf(url.pathname)) problems.push(...errorProblems(`${where} answered ${status}`, status, body));
    else problems.push(`${where}: the description has no such operation`);
    return;
  }
  problems.push(...problemsOf(op, status, body, text));
  if (text && !/^application\/json\b/.test(headers['content-type'] ?? '')) problems.push(`${where}: JSON sent as ${headers['content-type']}`);
  if (status < 300 && isRecord(body)) problems.push(...urlProblems(method, url, body).map(p => `${where}: ${p}`));
  exchanges.push({ operation: `${op.method.toUpperCase()} ${op.template}`, status, body, headers });
}

/** The library's HTTP client, pointed at the emulator; it checks every answer before the library reads it. */
class CheckingClient extends twilio.RequestClient {
  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.replace('https://verify.twilio.com', t.origin);
    const res = await super.request({ ...opts, uri });
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    check(opts.method.toUpperCase(), new URL(uri), res.statusCode, text, res.headers as Record<string, string>);
    const operation = operationOf(opts.method, new URL(uri).pathname);
    // Only forms are replayed: the Passkeys operations take JSON, checked by their own tests (passkeys.test.ts).
    const form = opts.headers?.['Content-Type'] !== 'application/json';
    if (operation && form && res.statusCode < 300 && isRecord(opts.data)) sentForms.push({ operation, uri: opts.uri, data: opts.data, username: opts.username, password: opts.password });
    return res;
  }
}
const httpClient = new CheckingClient();

/** The library as a device uses the API: the user `token`, with an access token or a device JWT. */
const asDevice = (secret: string) => twilio('token', secret, { accountSid: t.emulator.accountSid, httpClient }).verify.v2;

/** The last answer the library got (its raw JSON and headers). */
const lastExchange = (): Exchange => exchanges[exchanges.length - 1];

/** The Twilio error a call failed with. */
async function failure(call: Promise<unknown>): Promise<{ status: number; code: number }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof twilio.RestException) return { status: error.status, code: error.code ?? 0 };
    throw error;
  }
  throw new assert.AssertionError({ message: 'the call succeeded; an error was expected' });
}

const CREDENTIAL_SID = `CR${'ab'.repeat(16)}`;
/** A push token of `length` characters (Twilio takes 32–255). */
const pushToken = (length: number) => 'f'.repeat(length);

/**
 * A JSON body for the library's Passkeys operations: their typings name the fields in camelCase,
 * but the library sends the object as given and the description (and so Twilio) takes snake_case.
 */
const json = <T>(body: object): T => body as T;

/** A service, and a push factor created by a device through the library (verified unless told). */
async function enrolled({ platform = 'fcm', verify = true }: { platform?: 'fcm' | 'apn' | 'none'; verify?: boolean } = {}) {
  const service = await api.services.create({ friendlyName: 'Conformance' });
  const identity = `conformance-${crypto.randomUUID()}`;
  // Valid for the whole suite: the replays below use it again.
  const access = await api.services(service.sid).accessTokens.create({ identity, factorType: 'push', ttl: 300 });
  const device = await createDevice();
  const factor = await asDevice(access.token).services(service.sid).entities(identity).newFactors.create({
    friendlyName: 'Phone', factorType: 'push', 'binding.alg': 'ES256', 'binding.publicKey': device.publicKey,
    'config.appId': 'com.example.app', 'config.sdkVersion': '1.0.0', 'config.notificationPlatform': platform,
    ...(platform === 'none' ? {} : { 'config.notificationToken': pushToken(64) }),
  });
  const credentialSid = String((factor.config as Json).credential_sid);
  const jwt = () => deviceJwt(device.keys.privateKey, { credentialSid, accountSid: t.emulator.accountSid });
  const entity = (secret?: string) => (secret ? asDevice(secret) : api).services(service.sid).entities(identity);
  if (verify) await entity(await jwt()).factors(factor.sid).update({ authPayload: await factorProof(device.keys.privateKey, factor.sid) });
  return { service, identity, factor, device, jwt, entity };
}

before(async () => {
  t = await startEmulator();
  api = twilio(t.emulator.accountSid, t.emulator.authToken, { httpClient }).verify.v2;
});
after(() => t.close());
afterEach(() => {
  // Every answer of the test conformed; the test's own assertions check what the answers say.
  const found = problems;
  problems = [];
  assert.deepEqual(found, []);
});

describe('every operation answers as the description says', () => {
  test('services', async () => {
    const service = await api.services.create({ friendlyName: 'Conformance', 'push.fcmCredentialSid': CREDENTIAL_SID });
    assert.equal(service.push?.fcm_credential_sid, CREDENTIAL_SID, 'Push.FcmCredentialSid is stored and rendered');
    assert.equal((await api.services(service.sid).fetch()).sid, service.sid);
    const updated = await api.services(service.sid).update({ friendlyName: 'Renamed', 'push.apnCredentialSid': CREDENTIAL_SID });
    assert.deepEqual([updated.friendlyName, updated.push?.apn_credential_sid, updated.push?.fcm_credential_sid], ['Renamed', CREDENTIAL_SID, CREDENTIAL_SID]);
    assert.ok((await api.services.list({ limit: 1000 })).some(s => s.sid === service.sid));
    await api.services(service.sid).remove();
    assert.equal((await failure(api.services(service.sid).fetch())).code, 20404);
  });

  test('access tokens, entities and factors, from the backend and from the device', async () => {
    const service = await api.services.create({ friendlyName: 'Conformance' });
    const identity = `conformance-entity-${crypto.randomUUID()}`;
    const entity = await api.services(service.sid).entities.create({ identity });
    assert.equal((await api.services(service.sid).entities(identity).fetch()).sid, entity.sid);
    assert.ok((await api.services(service.sid).entities.list()).some(e => e.sid === entity.sid));
    const access = await api.services(service.sid).accessTokens.create({ identity, factorType: 'push', factorFriendlyName: 'Phone', ttl: 300 });
    assert.equal((await api.services(service.sid).accessTokens(access.sid).fetch()).token, access.token);

    const e = await enrolled();
    const created = exchanges.find(x => x.operation === 'POST /v2/Services/{ServiceSid}/Entities/{Identity}/Factors' && x.status === 201)?.body;
    assert.ok(isRecord(created) && isRecord(created.binding) && 'options' in created, 'the create answer carries binding and options');
    const fetched = await e.entity(await e.jwt()).factors(e.factor.sid).fetch();
    assert.equal(fetched.status, 'verified');
    assert.ok(!('binding' in (lastExchange().body as Json)), 'binding comes only in the create answer');
    await e.entity().factors(e.factor.sid).update({ friendlyName: 'Renamed' });
    assert.deepEqual((await e.entity(await e.jwt()).factors.list()).map(f => f.friendlyName), ['Renamed']);
    assert.deepEqual((await e.entity().factors.list()).map(f => f.sid), [e.factor.sid]);
    await e.entity(await e.jwt()).factors(e.factor.sid).remove();
    await e.entity().remove();
    assert.equal((await failure(e.entity().fetch())).code, 60392);
  });

  test('challenges and their notifications, from the backend and from the device', async () => {
    const e = await enrolled();
    const challenge = await e.entity().challenges.create({
      factorSid: e.factor.sid, 'details.message': 'Sign in?', 'details.fields': [{ label: 'IP', value: '203.0.113.7' }], hiddenDetails: { ip: '203.0.113.7' },
    });
    assert.equal((await e.entity().challenges(challenge.sid).notifications.create({ ttl: 60 })).ttl, 60);
    const device = e.entity(await e.jwt());
    await device.challenges(challenge.sid).fetch();
    const { body, headers } = lastExchange();
    const fields = headers['twilio-verify-signature-fields'] ?? null;
    const answered = await device.challenges(challenge.sid).update({
      authPayload: await answerJwt(e.device.keys.privateKey, body as Json, fields, 'approved'), metadata: { os: 'Linux' },
    });
    assert.equal(answered.status, 'approved');
    assert.deepEqual((await device.challenges.list({ factorSid: e.factor.sid })).map(c => c.sid), [challenge.sid]);
    assert.deepEqual((await e.entity().challenges.list({ status: 'approved' })).map(c => c.sid), [challenge.sid]);
    assert.equal((await e.entity().challenges(challenge.sid).fetch()).status, 'approved');
  });

  test('webhooks', async () => {
    const service = await api.services.create({ friendlyName: 'Conformance' });
    const hooks = api.services(service.sid).webhooks;
    const hook = await hooks.create({ friendlyName: 'Events', eventTypes: ['factor.created', 'challenge.approved'], webhookUrl: 'http://127.0.0.1:9/hook' });
    assert.deepEqual([hook.status, hook.version, hook.webhookMethod], ['enabled', 'v2', 'POST'], 'Status and Version default to enabled and v2');
    assert.equal((await hooks(hook.sid).fetch()).sid, hook.sid);
    assert.equal((await hooks(hook.sid).update({ status: 'disabled' })).status, 'disabled');
    assert.deepEqual((await hooks.list()).map(h => h.sid), [hook.sid]);
    // The first hook stays: the replays below vary the requests that made and changed it.
    const doomed = await hooks.create({ friendlyName: 'Doomed', eventTypes: ['*'], webhookUrl: 'http://127.0.0.1:9/hook' });
    await hooks(doomed.sid).remove();
    assert.deepEqual((await hooks.list()).map(h => h.sid), [hook.sid]);
  });

  test('verifications and their checks', async () => {
    const service = await api.services.create({ friendlyName: 'Conformance' });
    const codes = api.services(service.sid);
    const to = '+15017122661';
    const sent = await codes.verifications.create({ to, channel: 'sms' });
    assert.equal((await codes.verifications(sent.sid).fetch()).status, 'pending');
    const outbox = (await t.call<{ messages: Array<{ body: string }> }>('GET', `/emulator/outbox?to=${encodeURIComponent(to)}`)).body.messages;
    const code = /(\d{6})$/.exec(outbox.at(-1)?.body ?? '')?.[1] ?? assert.fail('no code in the outbox');
    assert.equal((await codes.verificationChecks.create({ to, code: code === '000000' ? '000001' : '000000' })).status, 'pending');
    assert.equal((await codes.verificationChecks.create({ verificationSid: sent.sid, code })).status, 'approved');
    const canceled = await codes.verifications.create({ to: 'someone@example.com', channel: 'email' });
    assert.equal((await codes.verifications(canceled.sid).update({ status: 'canceled' })).status, 'canceled');
    assert.equal((await failure(codes.verifications(canceled.sid).fetch())).code, 20404);
  });

  test('passkeys: a factor registered and a challenge approved, with and without identity, from the backend', async () => {
    const origin = 'https://shop.example';
    const service = await api.services.create({
      friendlyName: 'Passkeys', 'passkeys.relyingParty.id': 'shop.example', 'passkeys.relyingParty.name': 'Shop', 'passkeys.relyingParty.origins': origin,
      'passkeys.authenticatorAttachment': 'platform', 'passkeys.discoverableCredentials': 'preferred', 'passkeys.userVerification': 'preferred',
    });
    assert.deepEqual(service.passkeys, {
      relying_party: { id: 'shop.example', name: 'Shop', origins: [origin] }, authenticator_attachment: 'platform', discoverable_credentials: 'preferred', user_verification: 'preferred',
    });
    const passkeys = api.services(service.sid);
    const identity = `conformance-${crypto.randomUUID()}`;
    // The library sends the object as given; the description names its fields in snake_case (its types say camelCase: docs/emulator-fidelity.md).
    const created = await passkeys.newFactors.create(json({ friendly_name: 'Laptop', identity }));
    const { passkey, response } = await register(created.options.publicKey as PublicKeyCredentialCreationOptionsJSON, origin);
    assert.equal((await passkeys.newVerifyFactors.update(json(response))).status, 'verified');
    for (const body of [{ identity }, {}]) {
      const challenge = await passkeys.newChallenge().create(json(body));
      const approved = await passkeys.approveChallenge.update(json(await signIn(passkey, challenge.options.publicKey as PublicKeyCredentialRequestOptionsJSON, origin)));
      assert.deepEqual([approved.sid, approved.status, approved.identity], [challenge.sid, 'approved', identity]);
    }
    // The entity's factors include it.
    const factors = passkeys.entities(identity).factors;
    assert.deepEqual((await factors.list()).map(f => [f.sid, f.factorType]), [[created.sid, 'passkeys']]);
    assert.equal((await factors(created.sid).fetch()).status, 'verified');
    await factors(created.sid).remove();
    assert.deepEqual(await factors.list(), []);
  });

  test('without a parameter the description requires, or with a value out of its enumeration, a request is refused (400)', async () => {
    const accepted: string[] = [];
    const replay = async (form: SentForm, data: Record<string, unknown>, what: string) => {
      const { uri, username, password } = form;
      const res = await httpClient.request({ method: 'post', uri, data, username, password, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      if (res.statusCode !== 400) accepted.push(`${form.operation.operationId} ${what}: ${res.statusCode}`);
    };
    // The first form each operation took: in reverse, so that the first one is the last the Map sets.
    const firsts = new Map(sentForms.toReversed().map(form => [form.operation.operationId, form] as const));
    for (const form of firsts.values()) {
      const { required, enums } = formParams(form.operation);
      for (const name of required) {
        const { [name]: _, ...rest } = form.data;
        await replay(form, rest, `without ${name}`);
      }
      for (const name of Object.keys(enums).filter(n => n in form.data)) await replay(form, { ...form.data, [name]: 'not-one-of-them' }, `with ${name}=not-one-of-them`);
    }
    assert.ok(firsts.size >= 8, `replayed the forms of ${[...firsts.keys()].join(', ')}`);
    assert.deepEqual(accepted, []);
  });

  test('every operation the emulator serves is in the description, and each answered and was checked', () => {
    const served = new Set(t.emulator.app.routes
      .filter(r => r.path.startsWith('/v2/') && ['GET', 'POST', 'DELETE'].includes(r.method))
      .map(r => `${r.method} ${templateOf(r.path) ?? `${r.path} (not in the description)`}`));
    const answered = new Set(exchanges.filter(x => x.status < 300).map(x => x.operation));
    assert.deepEqual([...served].filter(op => !answered.has(op)), []);
  });
});

/** Asserts that a call failed with `code` (its answer was checked like any other). */
async function refused(code: number, call: Promise<unknown>, rule: string): Promise<void> {
  assert.equal((await failure(call)).code, code, rule);
}

describe('the limits and defaults the description states in prose', () => {
  test('a Service: FriendlyName up to 30 characters, push credential SIDs CR and 32 hex digits (60200 otherwise)', async () => {
    await api.services.create({ friendlyName: 'x'.repeat(30) });
    await refused(60200, api.services.create({ friendlyName: 'x'.repeat(31) }), 'FriendlyName of 31 characters');
    await refused(60200, api.services.create({ friendlyName: 'Conformance', 'push.fcmCredentialSid': 'CR123' }), 'Push.FcmCredentialSid not a CR SID');
    const service = await api.services.create({ friendlyName: 'Conformance' });
    await refused(60200, api.services(service.sid).update({ 'push.apnCredentialSid': `PN${'0'.repeat(32)}` }), 'Push.ApnCredentialSid not a CR SID');
    await refused(60200, api.services(service.sid).update({ friendlyName: 'x'.repeat(31) }), 'FriendlyName of 31 characters on update');
    assert.equal((await api.services(service.sid).fetch()).friendlyName, 'Conformance', 'a refused update changes nothing');
  });

  test('a push factor: Config.AppId required and up to 100, Config.SdkVersion required, NotificationToken 32–255 unless platform none, Metadata up to 1024, FriendlyName up to 64', async () => {
    const service = await api.services.create({ friendlyName: 'Conformance' });
    const create = async (overrides: Record<string, string | undefined>) => {
      const identity = `conformance-limits-${crypto.randomUUID()}`;
      const access = await api.services(service.sid).accessTokens.create({ identity, factorType: 'push' });
      const device = await createDevice();
      const params: Record<string, string | undefined> = {
        friendlyName: 'Phone', factorType: 'push', 'binding.alg': 'ES256', 'binding.publicKey': device.publicKey, 'config.appId': 'com.example.app',
        'config.sdkVersion': '1.0.0', 'config.notificationPlatform': 'fcm', 'config.notificationToken': pushToken(64), ...overrides,
      };
      const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
      return asDevice(access.token).services(service.sid).entities(identity).newFactors.create({ friendlyName: 'Phone', factorType: 'push', ...defined });
    };
    for (const [rule, overrides] of [
      ['Config.AppId missing', { 'config.appId': undefined }],
      ['Config.AppId of 101 characters', { 'config.appId': 'a'.repeat(101) }],
      ['Config.SdkVersion missing', { 'config.sdkVersion': undefined }],
      ['Config.NotificationToken of 31 characters', { 'config.notificationToken': pushToken(31) }],
      ['Config.NotificationToken of 256 characters', { 'config.notificationToken': pushToken(256) }],
      ['Metadata of 1025 characters', { metadata: JSON.stringify({ k: 'v'.repeat(1025 - 8) }) }],
      ['FriendlyName of 65 characters', { friendlyName: 'x'.repeat(65) }],
    ] as const) await refused(60306, create(overrides), rule);
    for (const [rule, overrides] of [
      ['Config.AppId of 100 characters', { 'config.appId': 'a'.repeat(100) }],
      ['Config.NotificationToken of 32 characters', { 'config.notificationToken': pushToken(32) }],
      ['Config.NotificationToken of 255 characters', { 'config.notificationToken': pushToken(255) }],
      ['platform none without a NotificationToken (as the official SDKs send it)', { 'config.notificationPlatform': 'none', 'config.notificationToken': undefined }],
      ['Metadata of 1024 characters', { metadata: JSON.stringify({ k: 'v'.repeat(1024 - 8) }) }],
    ] as const) assert.equal((await create(overrides)).status, 'unverified', rule);
  });

  test('a factor update: NotificationToken 32–255 when given', async () => {
    const e = await enrolled();
    const factor = e.entity(await e.jwt()).factors(e.factor.sid);
    await refused(60306, factor.update({ 'config.notificationToken': pushToken(31) }), 'NotificationToken of 31 characters');
    await refused(60306, factor.update({ 'config.notificationToken': pushToken(256) }), 'NotificationToken of 256 characters');
    assert.equal((await factor.update({ 'config.notificationToken': pushToken(255) })).config.notification_token, pushToken(255));
  });

  test('a challenge: expires 5 minutes after creation by default, 60 at most; Details.Message up to 256, up to 20 Details.Fields', async () => {
    const e = await enrolled();
    const challenges = e.entity().challenges;
    const created = await challenges.create({ factorSid: e.factor.sid, 'details.message': 'm'.repeat(256) });
    assert.equal(created.expirationDate.getTime() - created.dateCreated.getTime(), 5 * 60_000);
    await refused(60306, challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?', expirationDate: new Date(Date.now() + 61 * 60_000) }), 'ExpirationDate 61 minutes ahead');
    await refused(60368, challenges.create({ factorSid: e.factor.sid, 'details.message': 'm'.repeat(257) }), 'Details.Message of 257 characters');
    const fields = Array.from({ length: 21 }, (_, i) => ({ label: `L${i}`, value: 'v' }));
    await refused(60368, challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?', 'details.fields': fields }), '21 Details.Fields');
    await refused(60368, challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?', hiddenDetails: { k: 'v'.repeat(1025) } }), 'HiddenDetails over 1024 characters');
  });

  test('a challenge answer: AuthPayload up to 5456 characters, Metadata up to 1024', async () => {
    const e = await enrolled();
    const challenge = await e.entity().challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?' });
    const device = e.entity(await e.jwt()).challenges(challenge.sid);
    await refused(60306, device.update({ authPayload: 'a'.repeat(5457) }), 'AuthPayload of 5457 characters');
    await device.fetch();
    const { body, headers } = lastExchange();
    const authPayload = await answerJwt(e.device.keys.privateKey, body as Json, headers['twilio-verify-signature-fields'] ?? null, 'denied');
    await refused(60306, device.update({ authPayload, metadata: { k: 'v'.repeat(1025 - 8) } }), 'Metadata of 1025 characters');
    assert.equal((await device.update({ authPayload, metadata: { k: 'v'.repeat(1024 - 8) } })).status, 'denied');
  });

  test('challenges list oldest first by default (Order asc), newest first with Order=desc', async () => {
    const e = await enrolled();
    const sids = [];
    for (const message of ['first', 'second', 'third']) sids.push((await e.entity().challenges.create({ factorSid: e.factor.sid, 'details.message': message })).sid);
    assert.deepEqual((await e.entity().challenges.list()).map(c => c.sid), sids);
    assert.deepEqual((await e.entity(await e.jwt()).challenges.list({ order: 'desc' })).map(c => c.sid), sids.toReversed());
  });

  test('an access token: Ttl 60–300 seconds, 60 by default', async () => {
    const service = await api.services.create({ friendlyName: 'Conformance' });
    const tokens = api.services(service.sid).accessTokens;
    assert.equal((await tokens.create({ identity: 'conformance-ttl', factorType: 'push' })).ttl, 60);
    await refused(60306, tokens.create({ identity: 'conformance-ttl', factorType: 'push', ttl: 59 }), 'Ttl 59');
    await refused(60306, tokens.create({ identity: 'conformance-ttl', factorType: 'push', ttl: 301 }), 'Ttl 301');
  });

  test('a notification: Ttl 0–300 seconds, 300 by default; none for a factor on platform none (60307)', async () => {
    const e = await enrolled();
    const challenge = await e.entity().challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?' });
    const notifications = e.entity().challenges(challenge.sid).notifications;
    assert.equal((await notifications.create()).ttl, 300);
    assert.equal((await notifications.create({ ttl: 0 })).ttl, 0);
    await refused(60306, notifications.create({ ttl: 301 }), 'Ttl 301');
    const none = await enrolled({ platform: 'none' });
    const pending = await none.entity().challenges.create({ factorSid: none.factor.sid, 'details.message': 'Sign in?' });
    await refused(60307, none.entity().challenges(pending.sid).notifications.create(), 'a resend to platform none');
  });

  test('a list: PageSize 1–1000, 50 by default; the library follows next_page_url page by page', async () => {
    await api.services.page();
    assert.equal((lastExchange().body as { meta: { page_size: number } }).meta.page_size, 50);
    for (let i = 0; i < 3; i++) await api.services.create({ friendlyName: `Paged ${i}` });
    const before = exchanges.length;
    const listed = await api.services.list({ pageSize: 1, limit: 3 });
    assert.equal(new Set(listed.map(s => s.sid)).size, 3);
    assert.equal(exchanges.length - before, 3, 'three pages of one');
    await refused(60306, api.services.page({ pageSize: 1001 }), 'PageSize 1001');
    await refused(60306, api.services.page({ pageSize: 0 }), 'PageSize 0');
  });
});

describe('errors as Twilio\'s error pages define them', () => {
  test('credentials, unknown resources and methods', async () => {
    await refused(20003, twilio(t.emulator.accountSid, 'wrong', { httpClient }).verify.v2.services.list(), 'a wrong auth token');
    await refused(20404, api.services(`VA${'0'.repeat(32)}`).fetch(), 'an unknown service');
    const service = await api.services.create({ friendlyName: 'Conformance' });
    await refused(20404, api.services(service.sid).webhooks(`YW${'0'.repeat(32)}`).fetch(), 'an unknown webhook');
    await refused(60392, api.services(service.sid).entities('conformance-nobody').fetch(), 'an unknown entity');
    await refused(60366, api.services(service.sid).entities.create({ identity: 'short' }), 'an identity of 5 characters');
    // "8 to 64 characters long and can contain only dash-separated alphanumeric characters" (the page of 60366).
    for (const identity of ['user@example.com', 'user_00000001', 'user.00000001', `u${'0'.repeat(64)}`]) {
      await refused(60366, api.services(service.sid).entities.create({ identity }), `the identity ${identity}`);
    }
    assert.equal((await api.services(service.sid).entities.create({ identity: `u${'0'.repeat(63)}` })).identity.length, 64);
    const res = await httpClient.request({ method: 'put', uri: `https://verify.twilio.com/v2/Services/${service.sid}`, username: t.emulator.accountSid, password: t.emulator.authToken });
    assert.equal(res.statusCode, 405);
  });

  test('factors', async () => {
    const e = await enrolled({ verify: false });
    const device = e.entity(await e.jwt());
    await refused(60311, device.factors(e.factor.sid).update({ authPayload: await factorProof(e.device.keys.privateKey, `YF${'0'.repeat(32)}`) }), 'a proof of another SID');
    await refused(60362, e.entity().factors('YF123').fetch(), 'a malformed factor SID');
    await refused(60318, e.entity().challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?' }), 'a challenge for an unverified factor');
    const access = await api.services(e.service.sid).accessTokens.create({ identity: e.identity, factorType: 'push' });
    const again = asDevice(access.token).services(e.service.sid).entities(e.identity).newFactors;
    const base = { friendlyName: 'Phone', factorType: 'push', 'binding.alg': 'ES256', 'config.appId': 'com.example.app', 'config.sdkVersion': '1.0.0', 'config.notificationPlatform': 'none' } as const;
    await refused(60314, again.create({ ...base, 'binding.publicKey': 'not a key' }), 'a binding that is no P-256 key');
    await refused(60317, again.create({ ...base, 'binding.publicKey': e.device.publicKey }), 'a second factor with the same key');
  });

  test('challenges', async () => {
    const e = await enrolled();
    const challenges = e.entity().challenges;
    await refused(60364, challenges('YC123').fetch(), 'a malformed challenge SID');
    await refused(60391, challenges(`YC${'0'.repeat(32)}`).fetch(), 'an unknown challenge');
    await refused(60368, challenges.create({ factorSid: e.factor.sid }), 'no Details.Message');
    const challenge = await challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?' });
    const device = e.entity(await e.jwt()).challenges(challenge.sid);
    await device.fetch();
    const { body, headers } = lastExchange();
    const fields = headers['twilio-verify-signature-fields'] ?? null;
    const other = await createDevice();
    await refused(60324, device.update({ authPayload: await answerJwt(other.keys.privateKey, body as Json, fields, 'approved') }), 'an answer signed by another key');
    await device.update({ authPayload: await answerJwt(e.device.keys.privateKey, body as Json, fields, 'approved') });
    await refused(60322, device.update({ authPayload: await answerJwt(e.device.keys.privateKey, body as Json, fields, 'denied') }), 'a second answer');
    const late = await challenges.create({ factorSid: e.factor.sid, 'details.message': 'Sign in?', expirationDate: new Date(Date.now() + 60_000) });
    t.emulator.clock.setOffset(61);
    try {
      await refused(60323, challenges(late.sid).notifications.create(), 'a resend of an expired challenge');
    } finally {
      t.emulator.clock.setOffset(0);
    }
  });
});
