// The official `twilio` helper library, unchanged, pointed at the emulator by its HTTP client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { startEmulator, type TestEmulator } from './helpers.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
/** The library's errors: a RestException carries the HTTP status and the Twilio code. */
const restError = (err: unknown) => (err instanceof twilio.RestException ? err : { status: undefined, code: undefined, message: '' });

let t: TestEmulator;
let client: twilio.Twilio;
/** what the library sent (`data`: its form parameters, when it sent an object) */
const sent: Array<{ method: string, uri: string, data?: Record<string, unknown> }> = [];
before(async () => {
  t = await startEmulator();
  class EmulatorClient extends twilio.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      sent.push({ method: opts.method, uri: opts.uri, data: isRecord(opts.data) ? opts.data : undefined });
      return super.request({ ...opts, uri: opts.uri.replace('https://verify.twilio.com', t.origin) });
    }
  }
  client = twilio(t.emulator.accountSid, t.emulator.authToken, { httpClient: new EmulatorClient() });
});
after(() => t.close());

test('services, access tokens, challenges, factor lists and challenge fetches work unchanged', async () => {
  const service = await client.verify.v2.services.create({ friendlyName: 'Interop' });
  assert.match(service.sid, /^VA/);
  assert.equal((await client.verify.v2.services(service.sid).fetch()).friendlyName, 'Interop');

  const token = await client.verify.v2.services(service.sid).accessTokens.create({ identity: 'interop-user-1', factorType: 'push', ttl: 120 });
  assert.equal(token.ttl, 120);
  assert.ok(token.token);

  const e = await t.enroll({ service: service.sid });
  const entity = client.verify.v2.services(service.sid).entities(e.identity);
  const factors = await entity.factors.list();
  assert.deepEqual(factors.map(f => [f.sid, f.status]), [[e.factor.sid, 'verified']]);
  assert.ok(factors[0].dateCreated instanceof Date && !Number.isNaN(factors[0].dateCreated.getTime()));

  // twilio 6.2 reads the dotted keys 'details.message' and 'details.fields' (not the camelCase
  // detailsMessage/detailsFields of the twilio typings; docs/protocol.md, "Backend operations"; see the next test).
  const challenge = await entity.challenges.create({
    factorSid: e.factor.sid,
    'details.message': 'Sign in to Interop?',
    'details.fields': [{ label: 'IP', value: '203.0.113.7' }, { label: 'Browser', value: 'Firefox / Linux' }],
    hiddenDetails: { ip: '203.0.113.7' },
    expirationDate: new Date(Date.now() + 120_000),
  });
  assert.equal(challenge.status, 'pending');
  // On the wire: Details.Fields once per field, each a JSON string; HiddenDetails a JSON string.
  const wire = sent.findLast(r => r.method.toLowerCase() === 'post' && r.uri.endsWith('/Challenges'))?.data;
  assert.deepEqual(wire?.['Details.Fields'], ['{"label":"IP","value":"203.0.113.7"}', '{"label":"Browser","value":"Firefox / Linux"}']);
  assert.equal(wire?.['Details.Message'], 'Sign in to Interop?');
  assert.equal(wire?.HiddenDetails, '{"ip":"203.0.113.7"}');
  assert.deepEqual(challenge.details, { message: 'Sign in to Interop?', fields: [{ label: 'IP', value: '203.0.113.7' }, { label: 'Browser', value: 'Firefox / Linux' }] });
  assert.deepEqual(challenge.hiddenDetails, { ip: '203.0.113.7' });

  const fetched = await entity.challenges(challenge.sid).fetch();
  assert.equal(fetched.sid, challenge.sid);
  assert.ok(fetched.expirationDate instanceof Date);
  const notification = await entity.challenges(challenge.sid).notifications.create({ ttl: 60 });
  assert.equal(notification.challengeSid, challenge.sid);

  for (let i = 0; i < 3; i++) await entity.challenges.create({ factorSid: e.factor.sid, 'details.message': `n${i}` });
  const all = await entity.challenges.list({ factorSid: e.factor.sid, pageSize: 2 });
  assert.equal(all.length, 4, 'the library follows next_page_url across pages');

  const hook = await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'H', eventTypes: ['*'], webhookUrl: 'http://127.0.0.1:9/h' });
  assert.equal(hook.webhookMethod, 'POST');
  assert.equal(await client.verify.v2.services(service.sid).webhooks(hook.sid).remove(), true);
});

test('twilio 6.2 drops camelCase detailsMessage/detailsFields (its typings name them): no Details.* is sent, the emulator answers 60368', async () => {
  const service = await client.verify.v2.services.create({ friendlyName: 'Dropped' });
  const e = await t.enroll({ service: service.sid });
  // Not a literal in the call: the installed typings name only the dotted keys, and the camelCase
  // ones are what a caller may still pass (older typings, JavaScript).
  const camelCase = { factorSid: e.factor.sid, detailsMessage: 'dropped', detailsFields: [{ label: 'a', value: 'b' }] };
  await assert.rejects(
    client.verify.v2.services(service.sid).entities(e.identity).challenges.create(camelCase),
    err => restError(err).status === 400 && restError(err).code === 60368,
  );
  const wire = sent.findLast(r => r.uri.endsWith('/Challenges'))?.data ?? {};
  assert.deepEqual(Object.keys(wire), ['FactorSid']);
});

test('errors reach the library as RestException with the Twilio code', async () => {
  await assert.rejects(client.verify.v2.services('VA00000000000000000000000000000000').fetch(), err => restError(err).status === 404 && restError(err).code === 20404 && /not found/.test(restError(err).message));
});
