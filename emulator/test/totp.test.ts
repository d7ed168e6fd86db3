// TOTP factors (FactorType=totp) through the official `twilio` library: the binding shown once, the
// first verification, challenges with codes at step boundaries and with skew, code lengths and time
// steps, codes good once, webhooks and no pushes, and the secret kept across a restart but never
// printed. Codes come from `otpauth`, as an authenticator app computes them from the binding's URI;
// the emulator's clock (POST /emulator/clock) is moved to the instants under test.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TOTP, URI } from 'otpauth';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { eventually, startEmulator, type TestEmulator } from './helpers.js';
import { spawnEmulator } from './spawn.js';

let t: TestEmulator;
let client: twilio.Twilio;
/** The emulator's answers, as received: no secret may be in any but a factor's create answer. */
const answers: string[] = [];
/** Webhook bodies the emulator sent. */
const hooks: Array<Record<string, string>> = [];
let receiver: Server;
let receiverUrl: string;

/** The library's client for an emulator at `origin`, recording each answer. */
function clientOf(origin: string, accountSid: string, authToken: string): twilio.Twilio {
  class EmulatorClient extends twilio.RequestClient {
    override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const res = await super.request({ ...opts, uri: opts.uri.replace('https://verify.twilio.com', origin) });
      answers.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
      return res;
    }
  }
  return twilio(accountSid, authToken, { httpClient: new EmulatorClient() });
}

before(async () => {
  t = await startEmulator();
  client = clientOf(t.origin, t.emulator.accountSid, t.emulator.authToken);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => { body += chunk; });
    req.on('end', () => {
      hooks.push(Object.fromEntries(new URLSearchParams(body)));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>(r => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
after(async () => {
  await t.close();
  receiver.closeAllConnections();
  receiver.close();
});

/** The library's errors carry the HTTP status and Twilio's code. */
const fails = (status: number, code: number) => (error: unknown) => {
  assert.ok(error instanceof twilio.RestException, `a RestException: ${error}`);
  assert.deepEqual([error.status, error.code], [status, code], error.message);
  return true;
};

/** Moves the emulator's clock (over HTTP, as tests of an app would) so that its time is now `at` (ms since the epoch). */
async function setClock(at: number): Promise<void> {
  const res = await fetch(`${t.origin}/emulator/clock`, { method: 'POST', headers: { Authorization: t.accountAuth }, body: JSON.stringify({ offsetSeconds: (at - Date.now()) / 1000 }) });
  assert.equal(res.status, 200, await res.text());
}
after(() => t.emulator.clock.setOffset(0));

interface Binding { secret: string; uri: string }

/** What an authenticator app computes from the binding's URI. */
function appOf(uri: string): TOTP {
  const parsed = URI.parse(uri);
  assert.ok(parsed instanceof TOTP, `a TOTP URI: ${uri}`);
  return parsed;
}

let identities = 0;
/** Factor creations are limited per identity and minute: each factor gets its own. */
const newIdentity = () => `totp-user-${process.pid}-${++identities}`;

const newService = (settings: Record<string, unknown> = {}) => client.verify.v2.services.create({ friendlyName: 'TOTP tests', ...settings });

/** A totp factor of a fresh identity, and the app that holds its secret. */
async function enrollTotp(serviceSid: string, config: Record<string, unknown> = {}) {
  const identity = newIdentity();
  const entity = client.verify.v2.services(serviceSid).entities(identity);
  const factor = await entity.newFactors.create({ friendlyName: 'alice@example.com', factorType: 'totp', ...config });
  const binding = factor.binding as Binding;
  return { identity, factor, binding, app: appOf(binding.uri), entity };
}

/** A verified totp factor, verified with a code of long ago so that every recent step's code is still unused. */
async function verifiedTotp(serviceSid: string, config: Record<string, unknown> = {}) {
  const enrolled = await enrollTotp(serviceSid, config);
  const past = Date.now() - 3600_000;
  await setClock(past);
  const verified = await enrolled.entity.factors(enrolled.factor.sid).update({ authPayload: enrolled.app.generate({ timestamp: past }) });
  assert.equal(verified.status, 'verified');
  return enrolled;
}

/** A code of the app's length that is none of the codes within two steps of `at`. */
function wrongCode(app: TOTP, at: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map(d => app.generate({ timestamp: at + d * app.period * 1000 })));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(app.digits, '0');
    if (!near.has(code)) return code;
  }
}

/**
 * An instant `offsetMs` after the start of a time step of `period` seconds, at least a step ahead.
 * Offsets leave most of a second for the requests: the clock keeps running while they travel.
 */
const stepStart = (period: number, offsetMs: number) => (Math.floor(Date.now() / 1000 / period) + 2) * period * 1000 + offsetMs;
/** The last second of a step: 900 ms before the next starts. */
const LAST_SECOND = -900;
/** The first second of a step. */
const FIRST_SECOND = 100;

describe('a totp factor', () => {
  test('create answers 201 with the secret and otpauth:// URI once; later reads never show them', async () => {
    const service = await newService();
    const { factor, binding, entity } = await enrollTotp(service.sid);
    assert.equal(factor.factorType, 'totp');
    assert.equal(factor.status, 'unverified');
    assert.deepEqual(factor.config, { alg: 'sha1', skew: 1, code_length: 6, time_step: 30 });
    assert.match(binding.secret, /^[A-Z2-7]{32}$/, '160 bits in base32');
    const uri = new URL(binding.uri);
    assert.deepEqual([uri.protocol, uri.host, decodeURIComponent(uri.pathname)], ['otpauth:', 'totp', '/TOTP tests:alice@example.com']);
    assert.deepEqual(Object.fromEntries(uri.searchParams), { secret: binding.secret, issuer: 'TOTP tests', algorithm: 'SHA1', digits: '6', period: '30' });
    const fetched = await entity.factors(factor.sid).fetch();
    assert.equal(fetched.factorType, 'totp');
    await entity.factors.list();
    await entity.factors(factor.sid).update({ friendlyName: 'Renamed' });
    assert.equal(answers.slice(-3).filter(a => a.includes(binding.secret)).length, 0, 'fetch, list and update never show the secret');
  });

  test('the right code verifies the factor; a wrong code answers 200 with the factor still unverified', async () => {
    const service = await newService();
    const { factor, app, entity } = await enrollTotp(service.sid);
    const now = Date.now();
    await setClock(now);
    assert.equal((await entity.factors(factor.sid).update({ authPayload: wrongCode(app, now) })).status, 'unverified');
    assert.equal((await entity.factors(factor.sid).fetch()).status, 'unverified');
    assert.equal((await entity.factors(factor.sid).update({ authPayload: app.generate({ timestamp: now }) })).status, 'verified');
  });

  test('an AuthPayload that is not 3–8 digits is refused (60306) and changes nothing', async () => {
    const service = await newService();
    const { factor, app, entity } = await enrollTotp(service.sid);
    const code = app.generate({ timestamp: Date.now() });
    for (const authPayload of [`${code.slice(0, 5)}x`, '12', '123456789', `${code} `, '１２３４５６']) {
      await assert.rejects(entity.factors(factor.sid).update({ authPayload }), fails(400, 60306), JSON.stringify(authPayload));
    }
    assert.equal((await entity.factors(factor.sid).fetch()).status, 'unverified');
  });

  test('Config.CodeLength 6–8 and Config.TimeStep 20, 30 and 60: the URI says them and the codes of that length and step verify', async () => {
    const service = await newService();
    for (const [codeLength, timeStep] of [[6, 20], [7, 30], [8, 60]] as const) {
      const { factor, app, entity } = await enrollTotp(service.sid, { 'config.codeLength': codeLength, 'config.timeStep': timeStep, 'config.skew': 0 });
      assert.deepEqual([app.digits, app.period], [codeLength, timeStep]);
      assert.deepEqual(factor.config, { alg: 'sha1', skew: 0, code_length: codeLength, time_step: timeStep });
      const at = stepStart(timeStep, FIRST_SECOND);
      await setClock(at);
      const previous = app.generate({ timestamp: at - timeStep * 1000 });
      assert.equal((await entity.factors(factor.sid).update({ authPayload: previous })).status, 'unverified', `the code of the ${timeStep} s step before, with skew 0`);
      const code = app.generate({ timestamp: at });
      assert.equal(code.length, codeLength);
      assert.equal((await entity.factors(factor.sid).update({ authPayload: code })).status, 'verified', `a code of ${codeLength} digits, step ${timeStep} s`);
    }
  });

  test('Config.Alg sha256 and sha512: the URI names the algorithm and its codes verify', async () => {
    const service = await newService();
    for (const alg of ['sha256', 'sha512']) {
      const { factor, app, entity } = await enrollTotp(service.sid, { 'config.alg': alg });
      assert.equal(app.algorithm, alg.toUpperCase());
      const now = Date.now();
      await setClock(now);
      assert.equal((await entity.factors(factor.sid).update({ authPayload: app.generate({ timestamp: now }) })).status, 'verified', alg);
    }
  });

  test('the Service\'s Totp settings are the defaults of its factors; a factor\'s Config overrides them; the issuer defaults to the name', async () => {
    const plain = await newService();
    assert.deepEqual(plain.totp, { issuer: 'TOTP tests', time_step: 30, code_length: 6, skew: 1 });
    const service = await newService({ 'totp.issuer': 'Example Inc', 'totp.timeStep': 60, 'totp.codeLength': 8, 'totp.skew': 0 });
    assert.deepEqual(service.totp, { issuer: 'Example Inc', time_step: 60, code_length: 8, skew: 0 });
    const inherited = await enrollTotp(service.sid);
    assert.deepEqual(inherited.factor.config, { alg: 'sha1', skew: 0, code_length: 8, time_step: 60 });
    assert.deepEqual([inherited.app.issuer, inherited.app.digits, inherited.app.period], ['Example Inc', 8, 60]);
    const own = await enrollTotp(service.sid, { 'config.codeLength': 6, 'config.timeStep': 30 });
    assert.deepEqual(own.factor.config, { alg: 'sha1', skew: 0, code_length: 6, time_step: 30 });
    const renamed = await client.verify.v2.services(plain.sid).update({ friendlyName: 'Renamed' });
    assert.equal(renamed.totp?.issuer, 'Renamed', 'an issuer not set follows the name');
    await assert.rejects(client.verify.v2.services(service.sid).update({ 'totp.skew': 3 }), fails(400, 60200));
    assert.deepEqual((await client.verify.v2.services(service.sid).fetch()).totp, service.totp, 'a refused update changes nothing');
  });
});

describe('totp challenges', () => {
  test('at step boundaries: the code of the step is good to its last second; with skew 0 only its own step\'s code is', async () => {
    const service = await newService();
    const { factor, app, entity } = await verifiedTotp(service.sid, { 'config.skew': 0 });
    const boundary = stepStart(30, 0);
    const lastSecond = boundary + LAST_SECOND;
    // Set again before each request: each gets the whole last second, however slow the machine.
    await setClock(lastSecond);
    const next = app.generate({ timestamp: boundary });
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: next })).status, 'pending', 'the next step\'s code, a second early');
    await setClock(lastSecond);
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: lastSecond }) })).status, 'approved', 'in the last second of its step');
    await setClock(boundary + FIRST_SECOND);
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: lastSecond - 30_000 }) })).status, 'pending', 'the code of the step before, in the first second of the next');
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: next })).status, 'approved', 'in the first second of its step');
  });

  for (const skew of [0, 1, 2]) {
    test(`skew ${skew}: codes up to ${skew} steps old or ahead are good, older and newer ones not`, async () => {
      const service = await newService();
      const at = stepStart(30, FIRST_SECOND);
      // Each code on a factor of its own: an approved code uses up its step and those before it.
      for (const steps of [-3, -2, -1, 0, 1, 2, 3]) {
        const { factor, app, entity } = await verifiedTotp(service.sid, { 'config.skew': skew });
        await setClock(at);
        const challenge = await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: at + steps * 30_000 }) });
        assert.equal(challenge.status, Math.abs(steps) <= skew ? 'approved' : 'pending', `a code ${steps} steps away with skew ${skew}`);
      }
    });
  }

  test('a code is good once: neither the code that verified the factor nor one that approved a challenge approves another', async () => {
    const service = await newService();
    const { factor, app, entity } = await enrollTotp(service.sid);
    const at = stepStart(30, FIRST_SECOND);
    await setClock(at);
    const code = app.generate({ timestamp: at });
    await entity.factors(factor.sid).update({ authPayload: code });
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: code })).status, 'pending', 'the code that verified the factor');
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: at - 30_000 }) })).status, 'pending', 'an older step\'s code, within the skew');
    await setClock(at + 30_000);
    const next = app.generate({ timestamp: at + 30_000 });
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: next })).status, 'approved');
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: next })).status, 'pending', 'the same code again, in its step');
  });

  test('after Config.TimeStep changes, the codes of later steps are good (the used step is a time, not a step number)', async () => {
    const service = await newService();
    const { factor, app, entity } = await enrollTotp(service.sid);
    const at = stepStart(30, FIRST_SECOND);
    await setClock(at);
    await entity.factors(factor.sid).update({ authPayload: app.generate({ timestamp: at }) });
    assert.deepEqual((await entity.factors(factor.sid).update({ 'config.timeStep': 60 })).config, { alg: 'sha1', skew: 1, code_length: 6, time_step: 60 });
    const later = at + 120_000;
    await setClock(later);
    const app60 = new TOTP({ secret: app.secret, period: 60, digits: 6 });
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: app60.generate({ timestamp: later }) })).status, 'approved');
  });

  test('a pending challenge takes the right code later (UpdateChallenge); an expired one answers 60323', async () => {
    const service = await newService();
    const { factor, app, entity } = await verifiedTotp(service.sid);
    const at = stepStart(30, FIRST_SECOND);
    await setClock(at);
    const pending = await entity.challenges.create({ factorSid: factor.sid, authPayload: wrongCode(app, at), expirationDate: new Date(at + 60_000) });
    assert.equal(pending.status, 'pending');
    assert.equal((await entity.challenges(pending.sid).update({ authPayload: wrongCode(app, at) })).status, 'pending', 'a wrong code again');
    const approved = await entity.challenges(pending.sid).update({ authPayload: app.generate({ timestamp: at }) });
    assert.deepEqual([approved.status, approved.dateResponded instanceof Date], ['approved', true]);
    const late = await entity.challenges.create({ factorSid: factor.sid, authPayload: wrongCode(app, at), expirationDate: new Date(at + 60_000) });
    await setClock(at + 61_000);
    await assert.rejects(entity.challenges(late.sid).update({ authPayload: app.generate({ timestamp: at + 61_000 }) }), fails(403, 60323));
    assert.equal((await entity.challenges(late.sid).fetch()).status, 'expired');
  });

  test('a challenge takes 5 codes: after 5 wrong ones, even the right code answers 60308 (429)', async () => {
    const service = await newService();
    const { factor, app, entity } = await verifiedTotp(service.sid);
    const at = stepStart(30, FIRST_SECOND);
    await setClock(at);
    const challenge = await entity.challenges.create({ factorSid: factor.sid, authPayload: wrongCode(app, at) });
    for (let i = 2; i <= 5; i++) assert.equal((await entity.challenges(challenge.sid).update({ authPayload: wrongCode(app, at) })).status, 'pending', `wrong code ${i}`);
    await assert.rejects(entity.challenges(challenge.sid).update({ authPayload: app.generate({ timestamp: at }) }), fails(429, 60308));
    assert.equal((await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: at }) })).status, 'approved', 'a new challenge takes the code');
  });

  test('no AuthPayload, or one that is not 3–8 digits, is refused (60306); an unverified factor answers 60318', async () => {
    const service = await newService();
    const unverified = await enrollTotp(service.sid);
    await assert.rejects(unverified.entity.challenges.create({ factorSid: unverified.factor.sid, authPayload: '123456' }), fails(403, 60318));
    const { factor, entity } = await verifiedTotp(service.sid);
    await assert.rejects(entity.challenges.create({ factorSid: factor.sid }), fails(400, 60306));
    for (const authPayload of ['12345a', '12', '123456789']) await assert.rejects(entity.challenges.create({ factorSid: factor.sid, authPayload }), fails(400, 60306), authPayload);
  });

  test('webhooks say factor_type=totp for factor.created, factor.verified and challenge.approved; no push is sent', async () => {
    const service = await newService();
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'All', eventTypes: ['*'], webhookUrl: receiverUrl });
    const { factor, app, entity } = await verifiedTotp(service.sid);
    const at = stepStart(30, FIRST_SECOND);
    await setClock(at);
    const challenge = await entity.challenges.create({ factorSid: factor.sid, authPayload: app.generate({ timestamp: at }) });
    const mine = () => hooks.filter(h => h.factor_sid === factor.sid);
    await eventually(() => mine().length >= 3);
    const events = mine();
    assert.deepEqual(events.map(e => [e.type, e.factor_type, e.challenge_sid]).sort(), [
      ['challenge.approved', 'totp', challenge.sid], ['factor.created', 'totp', undefined], ['factor.verified', 'totp', undefined],
    ]);
    const outbox = (await t.call<{ pushes: Array<{ data?: { factor_sid?: string } }> }>('GET', '/emulator/outbox')).body.pushes;
    assert.equal(outbox.filter(p => JSON.stringify(p).includes(factor.sid)).length, 0, 'no push for a totp factor');
  });
});

describe('the secret', () => {
  test('survives a restart with --data (a code still verifies), and appears in no log, error or answer but the create answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-emulator-totp-'));
    const file = join(dir, 'state.json');
    const args = ['--data', file, '--account-sid', `AC${'7'.repeat(32)}`, '--auth-token', 'totp-test-token'];
    let output = '';
    const start = async () => {
      const started = await spawnEmulator(args);
      output += started.line;
      started.child.stdout.on('data', chunk => { output += chunk; });
      started.child.stderr.on('data', chunk => { output += chunk; });
      return { ...started, client: clientOf(started.baseUrl.replace(/\/v2\/$/, ''), started.accountSid, started.authToken) };
    };
    const stop = (child: Awaited<ReturnType<typeof start>>['child']) => new Promise(resolve => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    try {
      const first = await start();
      const service = await first.client.verify.v2.services.create({ friendlyName: 'Durable', 'totp.issuer': 'Durable Inc' });
      const entity = first.client.verify.v2.services(service.sid).entities('durable-totp-1');
      const factor = await entity.newFactors.create({ friendlyName: 'alice', factorType: 'totp', 'binding.secret': 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'config.codeLength': 8 });
      const { secret, uri } = factor.binding as Binding;
      assert.equal(secret, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
      const createdAnswer = answers.length - 1;
      await assert.rejects(entity.factors(factor.sid).update({ authPayload: 'x' }), fails(400, 60306));
      await assert.rejects(entity.newFactors.create({ friendlyName: 'alice', factorType: 'totp', 'binding.secret': `${secret}!` }), fails(400, 60306));
      await stop(first.child);
      assert.ok(readFileSync(file, 'utf8').includes(secret), 'the journal holds the secret');

      const second = await start();
      try {
        const again = second.client.verify.v2.services(service.sid).entities('durable-totp-1');
        const app = appOf(uri);
        assert.equal((await again.factors(factor.sid).update({ authPayload: app.generate() })).status, 'verified', 'the secret came back from the journal');
        assert.deepEqual((await again.factors(factor.sid).fetch()).config, { alg: 'sha1', skew: 1, code_length: 8, time_step: 30 });
        assert.equal((await second.client.verify.v2.services(service.sid).fetch()).totp?.issuer, 'Durable Inc');
        const state = await fetch(`${second.baseUrl.replace(/\/v2\/$/, '')}/emulator/state`, { headers: { Authorization: `Basic ${Buffer.from(`${second.accountSid}:${second.authToken}`).toString('base64')}` } });
        assert.equal(state.status, 200);
        assert.equal((await state.text()).includes(secret), false, 'the state view leaves the secret out');
      } finally {
        await stop(second.child);
      }
      assert.equal(output.includes(secret), false, 'the console never shows the secret');
      assert.deepEqual(answers.flatMap((a, i) => (a.includes(secret) && i !== createdAnswer ? [a] : [])), [], 'only the create answer shows the secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
