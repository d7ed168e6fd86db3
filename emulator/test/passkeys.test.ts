// Verify's Passkeys API over HTTP, with a software authenticator (support/authenticator.ts):
// registration, sign-in with and without identity, and each way an attestation or assertion can be
// wrong, each answered with Twilio's error and losing nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { ErrorJson, ServiceJson } from 'verify-elements/protocol';
import { eventually, startEmulator, type TestEmulator } from './helpers.js';
import { type Passkey, register, signIn } from './support/authenticator.js';

const RP_ID = 'shop.example';
const ORIGIN = 'https://shop.example';

interface FactorAnswer {
  sid: string;
  entity_sid: string;
  identity: string;
  status: string;
  factor_type: string;
  config: { relying_party: { id: string; name: string; origins: string[] }; user_verification: string };
  options: { publicKey: PublicKeyCredentialCreationOptionsJSON };
}
interface ChallengeAnswer {
  sid: string;
  status: string;
  identity: string | null;
  entity_sid: string | null;
  factor_sid: string | null;
  options: { publicKey: PublicKeyCredentialRequestOptionsJSON };
}

let t: TestEmulator;
before(async () => {
  t = await startEmulator();
});
after(() => t.close());

/** A JSON call to a Passkeys operation of `service` (of the emulator `on`). */
const post = <T>(service: string, operation: string, body: unknown, on = t) =>
  on.call<T>('POST', `Services/${service}/Passkeys/${operation}`, { form: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

/** Asserts a Twilio error answer. */
function refused(res: { status: number; body: unknown }, code: number, status = 400): ErrorJson {
  const body = res.body as ErrorJson;
  assert.deepEqual([res.status, body.code], [status, code], JSON.stringify(res.body));
  return body;
}

async function newService(settings: Record<string, string> = {}, on = t): Promise<string> {
  const res = await on.call<ServiceJson>('POST', 'Services', {
    form: {
      FriendlyName: 'Passkeys', 'Passkeys.RelyingParty.Id': RP_ID, 'Passkeys.RelyingParty.Name': 'Shop', 'Passkeys.RelyingParty.Origins': ORIGIN,
      'Passkeys.AuthenticatorAttachment': 'platform', 'Passkeys.DiscoverableCredentials': 'preferred', 'Passkeys.UserVerification': 'preferred', ...settings,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.body.sid;
}

/** A user with a verified passkey. */
async function registered(service: string, on = t): Promise<{ identity: string; factor: FactorAnswer; passkey: Passkey }> {
  const identity = `user-${crypto.randomUUID()}`;
  const created = await post<FactorAnswer>(service, 'Factors', { friendly_name: 'Laptop', identity }, on);
  assert.equal(created.status, 201, created.text);
  const { passkey, response } = await register(created.body.options.publicKey, ORIGIN);
  const verified = await post<FactorAnswer>(service, 'VerifyFactor', response, on);
  assert.equal(verified.status, 200, verified.text);
  return { identity, factor: verified.body, passkey };
}

const challenge = async (service: string, body: Record<string, string> = {}, on = t) => {
  const res = await post<ChallengeAnswer>(service, 'Challenges', body, on);
  assert.equal(res.status, 201, res.text);
  return res.body;
};

describe('registration', () => {
  test('a factor is created unverified with the creation options a browser takes, and verified by the attestation', async () => {
    const service = await newService();
    const identity = `user-${crypto.randomUUID()}`;
    const created = await post<FactorAnswer>(service, 'Factors', { friendly_name: 'Laptop', identity });
    assert.equal(created.status, 201, created.text);
    const { publicKey } = created.body.options;
    assert.deepEqual([created.body.status, created.body.factor_type], ['unverified', 'passkeys']);
    assert.deepEqual(publicKey.rp, { id: RP_ID, name: 'Shop' });
    assert.equal(Buffer.from(publicKey.user.id, 'base64url').toString(), created.body.entity_sid, 'the user handle is the entity SID');
    assert.deepEqual(publicKey.pubKeyCredParams, [{ type: 'public-key', alg: -7 }]);
    assert.deepEqual(publicKey.authenticatorSelection, { authenticatorAttachment: 'platform', residentKey: 'preferred', requireResidentKey: false, userVerification: 'preferred' });

    const { response } = await register(publicKey, ORIGIN);
    const verified = await post<FactorAnswer>(service, 'VerifyFactor', response);
    assert.equal(verified.status, 200, verified.text);
    assert.deepEqual([verified.body.sid, verified.body.status, verified.body.identity], [created.body.sid, 'verified', identity]);
    refused(await post(service, 'VerifyFactor', response), 60311, 403);

    // A second passkey of the user is created with the first one excluded.
    const second = await post<FactorAnswer>(service, 'Factors', { friendly_name: 'Phone', identity });
    assert.deepEqual(second.body.options.publicKey.excludeCredentials?.map(c => c.id), [response.id]);
  });

  test('a factor config overrides the Service\'s settings', async () => {
    const service = await newService();
    const created = await post<FactorAnswer>(service, 'Factors', {
      friendly_name: 'Key', identity: `user-${crypto.randomUUID()}`,
      config: { relying_party: { id: 'login.shop.example', name: 'Login', origins: ['https://login.shop.example'] }, authenticator_attachment: 'cross-platform', discoverable_credentials: 'required', user_verification: 'required' },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.body.options.publicKey.rp, { id: 'login.shop.example', name: 'Login' });
    assert.deepEqual(created.body.config.relying_party.origins, ['https://login.shop.example']);
    const { response } = await register(created.body.options.publicKey, 'https://login.shop.example');
    assert.equal((await post(service, 'VerifyFactor', response)).status, 200);
  });

  test('an attestation from another origin, for another RP id or challenge is refused (60311), and the factor can still be verified', async () => {
    const service = await newService();
    const created = await post<FactorAnswer>(service, 'Factors', { friendly_name: 'Laptop', identity: `user-${crypto.randomUUID()}` });
    const options = created.body.options.publicKey;
    assert.match(refused(await post(service, 'VerifyFactor', (await register(options, 'https://evil.example')).response), 60311, 403).message, /origin/i);
    assert.match(refused(await post(service, 'VerifyFactor', (await register(options, ORIGIN, { rpId: 'evil.example' })).response), 60311, 403).message, /RP ID/i);
    const otherChallenge = Buffer.concat([Buffer.from(created.body.sid), Buffer.alloc(32)]).toString('base64url');
    refused(await post(service, 'VerifyFactor', (await register(options, ORIGIN, { challenge: otherChallenge })).response), 60311, 403);
    assert.equal((await post<FactorAnswer>(service, 'VerifyFactor', (await register(options, ORIGIN)).response)).body.status, 'verified');
  });

  test('missing settings answer Twilio\'s passkeys errors, and a Service renders its settings', async () => {
    const bare = (await t.call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Bare' } })).body.sid;
    const identity = `user-${crypto.randomUUID()}`;
    const rp = { id: RP_ID, name: 'Shop', origins: [ORIGIN] };
    const missing = refused(await post(bare, 'Factors', { friendly_name: 'Laptop', identity, config: { relying_party: rp } }), 60393);
    assert.match(missing.message, /authenticator_attachment, discoverable_credentials, user_verification/);
    const criteria = { authenticator_attachment: 'any', discoverable_credentials: 'required', user_verification: 'required' };
    refused(await post(bare, 'Factors', { friendly_name: 'Laptop', identity, config: { ...criteria, relying_party: { ...rp, id: 'https://shop.example' } } }), 60372);
    refused(await post(bare, 'Factors', { friendly_name: 'Laptop', identity, config: { ...criteria, relying_party: { ...rp, origins: ['not an origin'] } } }), 60371);
    refused(await post(bare, 'Factors', { friendly_name: 'Laptop', identity, config: { ...criteria, relying_party: { id: RP_ID, origins: [ORIGIN] } } }), 60371);
    refused(await post(bare, 'Challenges', {}), 60372);
    assert.match(refused(await post(bare, 'Factors', { friendlyName: 'Laptop', identity, config: { ...criteria, relying_party: rp } }), 60306).message, /not friendlyName/);
    assert.equal((await t.call('GET', `Services/${bare}/Entities/${identity}`)).status, 404, 'a refused factor creates no entity');
    assert.equal((await post(bare, 'Factors', { friendly_name: 'Laptop', identity, config: { ...criteria, relying_party: rp } })).status, 201);

    refused(await t.call('POST', `Services/${bare}`, { form: { 'Passkeys.RelyingParty.Id': 'https://shop.example:8443' } }), 60372);
    refused(await t.call('POST', `Services/${bare}`, { form: { 'Passkeys.RelyingParty.Origins': 'https://shop.example/path' } }), 60371);
    refused(await t.call('POST', `Services/${bare}`, { form: { 'Passkeys.UserVerification': 'always' } }), 60306);
    const updated = await t.call<ServiceJson>('POST', `Services/${bare}`, { form: { 'Passkeys.RelyingParty.Origins': 'shop.example,http://localhost:8080', 'Passkeys.UserVerification': 'required' } });
    assert.deepEqual(updated.body.passkeys, {
      relying_party: { id: null, name: null, origins: ['https://shop.example', 'http://localhost:8080'] },
      authenticator_attachment: null, discoverable_credentials: null, user_verification: 'required',
    });
  });
});

describe('sign-in', () => {
  test('with an identity: the options allow the user\'s passkeys, and the assertion approves the challenge', async () => {
    const service = await newService();
    const user = await registered(service);
    const ch = await challenge(service, { identity: user.identity });
    assert.deepEqual([ch.status, ch.identity, ch.factor_sid], ['pending', user.identity, user.factor.sid]);
    assert.deepEqual(ch.options.publicKey.allowCredentials?.map(c => c.id), [user.passkey.id]);
    assert.equal(ch.options.publicKey.rpId, RP_ID);
    const approved = await post<ChallengeAnswer>(service, 'ApproveChallenge', await signIn(user.passkey, ch.options.publicKey, ORIGIN));
    assert.equal(approved.status, 200, approved.text);
    assert.deepEqual([approved.body.sid, approved.body.status, approved.body.identity], [ch.sid, 'approved', user.identity]);
  });

  test('without an identity (discoverable): no credentials are listed, and the passkey names the user', async () => {
    const service = await newService();
    const user = await registered(service);
    const ch = await challenge(service);
    assert.deepEqual([ch.identity, ch.entity_sid, ch.factor_sid, ch.options.publicKey.allowCredentials], [null, null, null, []]);
    const approved = await post<ChallengeAnswer>(service, 'ApproveChallenge', await signIn(user.passkey, ch.options.publicKey, ORIGIN));
    assert.equal(approved.status, 200, approved.text);
    assert.deepEqual([approved.body.identity, approved.body.entity_sid, approved.body.factor_sid], [user.identity, user.factor.entity_sid, user.factor.sid]);
  });

  test('a wrong origin, RP id, challenge or signature is refused, and the challenge can still be approved', async () => {
    const service = await newService();
    const user = await registered(service);
    const ch = await challenge(service, { identity: user.identity });
    const options = ch.options.publicKey;
    assert.match(refused(await post(service, 'ApproveChallenge', await signIn(user.passkey, options, 'https://evil.example')), 60324, 403).message, /origin/i);
    assert.match(refused(await post(service, 'ApproveChallenge', await signIn(user.passkey, options, ORIGIN, { rpId: 'evil.example' })), 60324, 403).message, /RP ID/i);
    const unknown = Buffer.concat([Buffer.from(`YC${'0'.repeat(32)}`), Buffer.alloc(32)]).toString('base64url');
    refused(await post(service, 'ApproveChallenge', await signIn(user.passkey, options, ORIGIN, { challenge: unknown })), 60391, 404);
    refused(await post(service, 'ApproveChallenge', await signIn(user.passkey, options, ORIGIN, { badSignature: true })), 60381);
    const approved = await post<ChallengeAnswer>(service, 'ApproveChallenge', await signIn(user.passkey, options, ORIGIN));
    assert.equal(approved.body.status, 'approved', approved.text);
  });

  test('an answered challenge cannot be approved again (60322), an expired one not at all (60323)', async () => {
    const service = await newService();
    const user = await registered(service);
    const ch = await challenge(service, { identity: user.identity });
    const assertion = await signIn(user.passkey, ch.options.publicKey, ORIGIN);
    assert.equal((await post(service, 'ApproveChallenge', assertion)).status, 200);
    refused(await post(service, 'ApproveChallenge', assertion), 60322, 403);
    refused(await post(service, 'ApproveChallenge', await signIn(user.passkey, ch.options.publicKey, ORIGIN)), 60322, 403);

    const late = await challenge(service, { identity: user.identity });
    t.emulator.clock.setOffset(601);
    try {
      refused(await post(service, 'ApproveChallenge', await signIn(user.passkey, late.options.publicKey, ORIGIN)), 60323, 403);
    } finally {
      t.emulator.clock.setOffset(0);
    }
  });

  test('a sign counter that does not grow (a cloned authenticator) is refused, saying so, and the passkey keeps its counter', async () => {
    const service = await newService();
    const user = await registered(service);
    const first = await challenge(service, { identity: user.identity });
    assert.equal((await post(service, 'ApproveChallenge', await signIn(user.passkey, first.options.publicKey, ORIGIN))).status, 200);
    const used = user.passkey.counter - 1;
    const second = await challenge(service, { identity: user.identity });
    for (const counter of [used, used - 1]) {
      const clone = await signIn(user.passkey, second.options.publicKey, ORIGIN, { counter });
      assert.match(refused(await post(service, 'ApproveChallenge', clone), 60324, 403).message, /cloned/);
    }
    assert.equal((await post(service, 'ApproveChallenge', await signIn(user.passkey, second.options.publicKey, ORIGIN))).status, 200);
  });

  test('an unknown passkey (60376), another user\'s passkey (60324) and a passkey of another relying party (60382) are refused', async () => {
    const service = await newService();
    const alice = await registered(service);
    const bob = await registered(service);
    const ch = await challenge(service, { identity: alice.identity });
    const stranger = (await register((await post<FactorAnswer>(await newService(), 'Factors', { friendly_name: 'X', identity: 'someone-else' })).body.options.publicKey, ORIGIN)).passkey;
    refused(await post(service, 'ApproveChallenge', await signIn(stranger, ch.options.publicKey, ORIGIN)), 60376);
    refused(await post(service, 'ApproveChallenge', await signIn(bob.passkey, ch.options.publicKey, ORIGIN)), 60324, 403);

    const login = await post<FactorAnswer>(service, 'Factors', {
      friendly_name: 'Login', identity: `user-${crypto.randomUUID()}`, config: { relying_party: { id: 'login.shop.example', name: 'Login', origins: ['https://login.shop.example'] } },
    });
    const other = await register(login.body.options.publicKey, 'https://login.shop.example');
    assert.equal((await post(service, 'VerifyFactor', other.response)).status, 200);
    const discoverable = await challenge(service);
    refused(await post(service, 'ApproveChallenge', await signIn(other.passkey, discoverable.options.publicKey, 'https://login.shop.example')), 60382);
    assert.equal((await post(service, 'ApproveChallenge', await signIn(alice.passkey, discoverable.options.publicKey, ORIGIN))).status, 200);
  });

  test('a site on localhost over http works; with user verification required, an assertion without it is refused (60324)', async () => {
    const local = 'http://localhost:8080';
    const service = await newService({
      'Passkeys.RelyingParty.Id': 'localhost', 'Passkeys.RelyingParty.Origins': local, 'Passkeys.UserVerification': 'required',
    });
    const created = await post<FactorAnswer>(service, 'Factors', { friendly_name: 'Laptop', identity: `user-${crypto.randomUUID()}` });
    assert.equal(created.body.options.publicKey.authenticatorSelection?.userVerification, 'required');
    refused(await post(service, 'VerifyFactor', (await register(created.body.options.publicKey, local, { userVerified: false })).response), 60311, 403);
    const { passkey, response } = await register(created.body.options.publicKey, local);
    assert.equal((await post(service, 'VerifyFactor', response)).status, 200);
    const ch = await challenge(service);
    assert.deepEqual([ch.options.publicKey.rpId, ch.options.publicKey.userVerification], ['localhost', 'required']);
    assert.match(refused(await post(service, 'ApproveChallenge', await signIn(passkey, ch.options.publicKey, local, { userVerified: false })), 60324, 403).message, /verif/i);
    assert.equal((await post(service, 'ApproveChallenge', await signIn(passkey, ch.options.publicKey, local))).status, 200);
  });

  test('a challenge for an unknown identity (60392), a user without a verified passkey (60318), a malformed factor_sid (60362)', async () => {
    const service = await newService();
    refused(await post(service, 'Challenges', { identity: 'nobody-at-all' }), 60392, 404);
    const identity = `user-${crypto.randomUUID()}`;
    await post(service, 'Factors', { friendly_name: 'Laptop', identity });
    refused(await post(service, 'Challenges', { identity }), 60318, 403);
    refused(await post(service, 'Challenges', { identity, factor_sid: 'YF123' }), 60362);
  });
});

describe('persistence', () => {
  test('passkeys, their counters and pending challenges survive a restart of an emulator with --data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-passkeys-'));
    const dataFile = join(dir, 'state.journal');
    try {
      const first = await startEmulator({ dataFile });
      const service = await newService({}, first);
      const user = await registered(service, first);
      const signedIn = await challenge(service, { identity: user.identity }, first);
      const used = await signIn(user.passkey, signedIn.options.publicKey, ORIGIN);
      assert.equal((await post(service, 'ApproveChallenge', used, first)).status, 200);
      const pending = await challenge(service, {}, first);
      await first.close();

      const second = await startEmulator({ dataFile });
      try {
        const replayed = await signIn(user.passkey, pending.options.publicKey, ORIGIN, { counter: user.passkey.counter - 1 });
        assert.match(refused(await post(service, 'ApproveChallenge', replayed, second), 60324, 403).message, /cloned/, 'the sign counter was stored');
        const approved = await post<ChallengeAnswer>(service, 'ApproveChallenge', await signIn(user.passkey, pending.options.publicKey, ORIGIN), second);
        assert.deepEqual([approved.status, approved.body.identity], [200, user.identity], approved.text);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad bodies', () => {
  test('malformed JSON, a body that is no object or not JSON at all is refused by each operation, and changes nothing', async () => {
    const service = await newService();
    // What is stored (the state less the emulator clock, which moves on).
    const stored = async () => {
      const { clock: _, ...rows } = (await t.call<Record<string, unknown>>('GET', '/emulator/state')).body;
      return rows;
    };
    const before = await stored();
    for (const operation of ['Factors', 'VerifyFactor', 'Challenges', 'ApproveChallenge']) {
      for (const body of ['{"identity": ', '[1, 2]', 'FriendlyName=Laptop', '']) refused(await post(service, operation, body), 60306);
    }
    const asForm = (operation: string) => t.call('POST', `Services/${service}/Passkeys/${operation}`, { form: { FriendlyName: 'Laptop' } });
    for (const [operation, code] of [['Factors', 60306], ['VerifyFactor', 60434], ['Challenges', 60306], ['ApproveChallenge', 60433]] as const) refused(await asForm(operation), code);
    refused(await post(service, 'VerifyFactor', { rawId: 'not base64url!', response: {} }), 60376);
    refused(await post(service, 'VerifyFactor', { rawId: 'AAAA', response: { clientDataJSON: 'bm90IGpzb24' } }), 60380);
    const created = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: 'AAAA', origin: ORIGIN })).toString('base64url');
    refused(await post(service, 'VerifyFactor', { rawId: 'AAAA', response: { clientDataJSON: created } }), 60386);
    const got = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'AAAA', origin: ORIGIN })).toString('base64url');
    refused(await post(service, 'ApproveChallenge', { rawId: 'AAAA', response: { clientDataJSON: got } }), 60379);
    refused(await post(service, 'ApproveChallenge', { rawId: 'AAAA', response: { clientDataJSON: got, authenticatorData: 'AAAA' } }), 60381);
    refused(await post(service, 'ApproveChallenge', { rawId: 'AAAA', response: { clientDataJSON: Buffer.from('{"type":"webauthn.create","challenge":"x"}').toString('base64url') } }), 60380);
    assert.deepEqual(await stored(), before);
  });
});

describe('webhooks', () => {
  test('factor.created, factor.verified, factor.deleted (of the factor, or with its entity) and challenge.approved go out with factor_type passkeys', async () => {
    const received: Array<Record<string, string>> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => { body += chunk; });
      req.on('end', () => {
        received.push(Object.fromEntries(new URLSearchParams(body)));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>(r => receiver.listen(0, '127.0.0.1', r));
    try {
      const service = await newService();
      await t.call('POST', `Services/${service}/Webhooks`, { form: { FriendlyName: 'All', EventTypes: '*', WebhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` } });
      const user = await registered(service);
      const ch = await challenge(service);
      await post(service, 'ApproveChallenge', await signIn(user.passkey, ch.options.publicKey, ORIGIN));
      await t.call('DELETE', `Services/${service}/Entities/${user.identity}/Factors/${user.factor.sid}`);
      const other = await registered(service);
      await t.call('DELETE', `Services/${service}/Entities/${other.identity}`);
      await eventually(() => received.length >= 7);
      const fields = (e: Record<string, string>) => [e.type, e.factor_type, e.entity_identity, e.factor_sid, e.challenge_sid];
      const factorEvents = (u: typeof user) => ['factor.created', 'factor.verified', 'factor.deleted'].map(type => [type, 'passkeys', u.identity, u.factor.sid, undefined]);
      assert.deepEqual(received.map(fields).sort(), [
        ['challenge.approved', 'passkeys', user.identity, user.factor.sid, ch.sid], ...factorEvents(user), ...factorEvents(other),
      ].sort());
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  });
});
