import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders, Server } from 'node:http';
import twilio from 'twilio';
import type { ChallengeJson, ServiceJson } from 'verify-elements/protocol';
import type { Delivery } from '../src/webhooks.js';
import { answerJwt, factorProof, tokenAuth } from './device.js';
import { eventually, startEmulator, type TestEmulator } from './helpers.js';

/** `GET /emulator/state`: what these tests read of it. */
type StateView = { webhook_deliveries: Delivery[] };

let t: TestEmulator;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ params: Record<string, string>, valid: boolean, headers: IncomingHttpHeaders }> = [];
let failuresLeft = 0;

before(async () => {
  t = await startEmulator();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => { body += chunk; });
    req.on('end', () => {
      if (req.url === '/hang') return; // accepts the request and never answers
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end();
        return;
      }
      const params = Object.fromEntries(new URLSearchParams(body));
      const valid = twilio.validateRequest(t.emulator.authToken, String(req.headers['x-twilio-signature']), `${receiverUrl}${req.url?.slice(1)}`, params);
      received.push({ params, valid, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>(r => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
});
after(async () => {
  await t.close();
  receiver.closeAllConnections();
  receiver.close();
});

test('every event reaches the receiver, form-encoded and signed as twilio.validateRequest checks', async () => {
  const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Webhooks' } })).body.sid;
  await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'All', EventTypes: '*', WebhookUrl: `${receiverUrl}hooks?tenant=a` } });
  await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'Off', EventTypes: '*', WebhookUrl: `${receiverUrl}off`, Status: 'disabled' } });
  const e = await t.enroll({ service, verify: false });
  await t.call('POST', `${e.path}/Factors/${e.factor.sid}`, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: await factorProof(e.device.keys.privateKey, e.factor.sid) } });
  for (const status of ['approved', 'denied'] as const) {
    const ch = (await t.call<ChallengeJson>('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': 'Pay 10 €?' } })).body;
    const got = await t.call<ChallengeJson>('GET', `${e.path}/Challenges/${ch.sid}`, { auth: tokenAuth(await e.jwt()) });
    const jwt = await answerJwt(e.device.keys.privateKey, got.body, got.headers.get('twilio-verify-signature-fields'), status);
    assert.equal((await t.call('POST', `${e.path}/Challenges/${ch.sid}`, { auth: tokenAuth(await e.jwt()), form: { AuthPayload: jwt } })).status, 200);
  }
  await t.call('DELETE', `${e.path}/Factors/${e.factor.sid}`);
  const types = ['factor.created', 'factor.verified', 'challenge.approved', 'challenge.denied', 'factor.deleted'];
  await eventually(() => received.filter(r => r.params.service_sid === service).length >= types.length);
  const mine = received.filter(r => r.params.service_sid === service);
  assert.deepEqual(mine.map(r => r.params.type).sort(), [...types].sort());
  for (const r of mine) {
    assert.ok(r.valid, `signature of ${r.params.type}`);
    assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.match(r.params.uuid, /^[0-9a-f-]{36}$/);
    assert.deepEqual([r.params.account_sid, r.params.entity_identity, r.params.factor_sid, r.params.factor_type], [t.emulator.accountSid, e.identity, e.factor.sid, 'push']);
    assert.equal('challenge_sid' in r.params, r.params.type.startsWith('challenge.'));
  }
});

test('a failing receiver is retried with back-off until it accepts', async () => {
  const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Retries' } })).body.sid;
  await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'Flaky', EventTypes: 'factor.created', WebhookUrl: `${receiverUrl}flaky` } });
  failuresLeft = 2;
  const started = Date.now();
  const e = await t.enroll({ service, verify: false });
  assert.ok(Date.now() - started < 1000, 'the API answered without waiting for the webhook');
  const hit = await eventually(() => received.find(r => r.params.factor_sid === e.factor.sid));
  assert.ok(hit.valid);
  const log = (await t.call<StateView>('GET', '/emulator/state')).body.webhook_deliveries.find(d => d.uuid === hit.params.uuid);
  assert.deepEqual([log?.status, log?.attempts], ['delivered', 3]);
});

test('a receiver that never answers does not hold up the API response', async () => {
  const service = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Hanging' } })).body.sid;
  await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'Hang', EventTypes: '*', WebhookUrl: `${receiverUrl}hang` } });
  const started = Date.now();
  const e = await t.enroll({ service });
  assert.ok(Date.now() - started < 1000, 'create and verify answered while both deliveries hang');
  const log = (await t.call<StateView>('GET', '/emulator/state')).body.webhook_deliveries.filter(d => d.url === `${receiverUrl}hang`);
  assert.deepEqual(log.map(d => [d.type, d.status]), [['factor.created', 'pending'], ['factor.verified', 'pending']]);
  assert.ok(e.factor.sid);
});
