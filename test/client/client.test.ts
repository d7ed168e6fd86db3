import { expect, waitUntil } from '@open-wc/testing';
import {
  createIndexedDbStore,
  createVerifyPushClient,
  VerifyError,
  type ChallengePush,
  type Factor,
  type FactorRecord,
  type PushConfig,
  type VerifyPushClientOptions,
} from '../../src/client/index.js';
import { Backend, newIdentity } from '../support/verify-backend.js';
import { emulator } from '../support/emulator.js';
import { rejection } from './rejection.js';
import { memoryStore } from '../support/memory-store.js';

/** A fetch that counts what the client sends ("METHOD path", and when), and can lose a response on purpose. */
function counting() {
  const calls: string[] = [];
  const times: number[] = [];
  let loseNext: string | undefined;
  const counted: typeof fetch = async (input, init) => {
    const line = `${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`;
    calls.push(line);
    times.push(performance.now());
    const response = await fetch(input, init);
    if (loseNext && line.startsWith(loseNext)) {
      loseNext = undefined;
      await response.text(); // it landed; only the answer is lost
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
  return { calls, times, fetch: counted, loseResponseOf: (prefix: string) => (loseNext = prefix) };
}

const storeName = `verify-elements-client-test-${crypto.randomUUID()}`;
/** A stand-in for an FCM registration token: Twilio takes 32–255 characters. */
const fcmToken = (name: string) => name.padEnd(64, '0');
const HOSTILE = '<img src=x onerror=alert(1)> \u202Egnp.exe\u202C 🦊👩🏽‍💻 "quotes" \\back\\ & a=b+c%20/d </script>';

describe('verify push client against the emulator', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });

  async function enroll({ options = {}, push = { platform: 'none' }, on = backend }: { options?: Partial<VerifyPushClientOptions>; push?: PushConfig; on?: Backend } = {}) {
    const identity = newIdentity();
    const counter = counting();
    const client = createVerifyPushClient({ baseUrl: on.baseUrl, fetch: counter.fetch, storage: createIndexedDbStore({ name: storeName }), ...options });
    const accessToken = await on.accessToken(identity);
    const created = await client.createFactor({ accessToken, serviceSid: on.serviceSid, identity, friendlyName: 'Test browser', push, metadata: { os: 'test' } });
    const factor = await client.verifyFactor(created.sid);
    return { client, factor, identity, accessToken, ...counter };
  }

  it('enrolls, verifies, and approves a fetched challenge in ONE request', async () => {
    const { client, factor, identity, calls } = await enroll();
    expect(factor.sid).to.match(/^YF[0-9a-f]{32}$/);
    expect(factor.status).to.equal('verified');
    expect(factor).not.to.have.property('keys');
    const remote = await backend.api('GET', `Entities/${identity}/Factors/${factor.sid}`);
    expect(remote.status).to.equal('verified');
    expect(remote.config.notification_platform).to.equal('none');
    expect(remote.metadata).to.deep.equal({ os: 'test' });

    const { sid } = await backend.challenge(identity, factor.sid);
    const fetched = await client.getChallenge(factor.sid, sid);
    expect([fetched.status, fetched.factorSid, fetched.details.message]).to.deep.equal(['pending', factor.sid, 'Sign in to Example?']);
    const before = calls.length;
    const approved = await client.approveChallenge(factor.sid, sid, { device: 'laptop' });
    expect(calls.slice(before)).to.deep.equal([`POST /v2/Services/${backend.serviceSid}/Entities/${identity}/Challenges/${sid}`]);
    expect(approved.status).to.equal('approved');
    expect((await backend.api('GET', `Entities/${identity}/Challenges/${sid}`)).status).to.equal('approved');
  });

  it('denies a challenge it has not fetched yet with one fetch and one post', async () => {
    const { client, factor, identity, calls } = await enroll();
    const { sid } = await backend.challenge(identity, factor.sid);
    const before = calls.length;
    expect((await client.denyChallenge(factor.sid, sid)).status).to.equal('denied');
    expect(calls.slice(before).map(c => c.split(' ')[0])).to.deep.equal(['GET', 'POST']);
    expect((await backend.api('GET', `Entities/${identity}/Challenges/${sid}`)).status).to.equal('denied');
  });

  it('reports an expired challenge as 60323, from the API and then without posting', async () => {
    const { client, factor, identity, calls } = await enroll();
    const { sid } = await backend.challenge(identity, factor.sid);
    await client.getChallenge(factor.sid, sid);
    await backend.clock(6 * 60); // past the default five minutes
    try {
      expect((await rejection(client.approveChallenge(factor.sid, sid))).code).to.equal(60323);
      const before = calls.length;
      const failure = await rejection(client.approveChallenge(factor.sid, sid));
      expect([failure.code, failure.status]).to.deep.equal([60323, undefined]);
      expect(calls.slice(before).map(c => c.split(' ')[0])).to.deep.equal(['GET']);
      expect((await client.getChallenge(factor.sid, sid)).status).to.equal('expired');
    } finally {
      await backend.clock(0);
    }
  });

  it('reports a challenge answered elsewhere as 60322', async () => {
    const { client, factor, identity } = await enroll();
    const { sid } = await backend.challenge(identity, factor.sid);
    await client.getChallenge(factor.sid, sid); // this tab holds it pending
    const otherTab = createVerifyPushClient({ baseUrl: backend.baseUrl, storage: createIndexedDbStore({ name: storeName }) });
    await otherTab.approveChallenge(factor.sid, sid);
    const fromApi = await rejection(client.denyChallenge(factor.sid, sid));
    expect([fromApi.code, fromApi.status]).to.deep.equal([60322, 403]);
    const local = await rejection(client.denyChallenge(factor.sid, sid));
    expect(local.code).to.equal(60322);
    expect(local.message).to.contain('approved');
    expect(local.message).to.contain('fetch it again');
  });

  it('reports an answered challenge as 60322 even after its expiration date', async () => {
    const { client, factor, identity } = await enroll();
    const { sid } = await backend.challenge(identity, factor.sid);
    await createVerifyPushClient({ baseUrl: backend.baseUrl, storage: createIndexedDbStore({ name: storeName }) }).denyChallenge(factor.sid, sid);
    await backend.clock(6 * 60); // the client learns the later time from the 401's Date
    try {
      const failure = await rejection(client.approveChallenge(factor.sid, sid));
      expect([failure.code, failure.message]).to.deep.equal([60322, `Challenge ${sid} was already denied. It was already answered, maybe in another tab or device; fetch it again to show its status.`]);
    } finally {
      await backend.clock(0);
    }
  });

  for (const hours of [2, -2]) {
    it(`corrects a clock ${hours > 0 ? 'two hours ahead' : 'two hours behind'} from the API's Date and goes on`, async () => {
      const { client, factor, identity, calls } = await enroll({ options: { clock: () => Date.now() + hours * 3600_000 } });
      expect(factor.status).to.equal('verified');
      // create (access token): its answer's Date corrects the clock, so verify's device JWT is signed
      // with the server's time and nothing is refused.
      expect(calls.map(c => c.split(' ')[0])).to.deep.equal(['POST', 'POST']);
      expect(Math.abs(client.now() - Date.now())).to.be.below(3000);
      const { sid } = await backend.challenge(identity, factor.sid);
      await client.getChallenge(factor.sid, sid);
      const before = calls.length;
      expect((await client.approveChallenge(factor.sid, sid)).status).to.equal('approved');
      expect(calls.length - before).to.equal(1);
    });
  }

  it('rides out a 500 streak on fetches and confirms a failed approve, after a back-off, before sending it again', async () => {
    const { client, factor, identity, calls, times } = await enroll();
    const { sid } = await backend.challenge(identity, factor.sid);
    await backend.faults({ status: 500, count: 2, path: `/Challenges/${sid}` });
    let before = calls.length;
    expect((await client.getChallenge(factor.sid, sid)).status).to.equal('pending');
    expect(calls.length - before).to.equal(3);

    await backend.faults({ status: 503, count: 1, path: `/Challenges/${sid}` });
    before = calls.length;
    expect((await client.approveChallenge(factor.sid, sid)).status).to.equal('approved');
    expect(calls.slice(before).map(c => c.split(' ')[0])).to.deep.equal(['POST', 'GET', 'POST']);
    // A jittered 200 ms × (0.5..1) pause, so that a failing service is not hit back to back.
    expect(times[before + 1] - times[before]).to.be.at.least(90);
  });

  it('retries a fetch that times out, within its timeout', async () => {
    const { client, factor, identity, calls } = await enroll({ options: { timeoutMs: 400 } });
    const { sid } = await backend.challenge(identity, factor.sid);
    await backend.faults({ delayMs: 1500, count: 1, path: `/Challenges/${sid}` });
    const before = calls.length;
    expect((await client.getChallenge(factor.sid, sid)).status).to.equal('pending');
    expect(calls.length - before).to.equal(2);
  });

  it('confirms an approve whose answer was lost with a fetch, and does not send it again', async () => {
    const { client, factor, identity, calls, loseResponseOf } = await enroll();
    const { sid } = await backend.challenge(identity, factor.sid);
    await client.getChallenge(factor.sid, sid);
    loseResponseOf('POST');
    const before = calls.length;
    expect((await client.approveChallenge(factor.sid, sid)).status).to.equal('approved');
    expect(calls.slice(before).map(c => c.split(' ')[0])).to.deep.equal(['POST', 'GET']);
  });

  it('gives a network error (60401) when the API stays down', async () => {
    const client = createVerifyPushClient({ baseUrl: 'http://127.0.0.1:9/v2/', retries: 1, storage: createIndexedDbStore({ name: storeName }) });
    const { factor } = await enroll();
    const failure = await rejection(client.getChallenge(factor.sid, 'YC00000000000000000000000000000000'));
    expect(failure.code).to.equal(60401);
  });

  it('fails fast with 60403 when storage is blocked, before anything is created remotely', async () => {
    const { fetch, calls } = counting();
    const never = { open: () => new EventTarget() } as unknown as IDBFactory;
    const client = createVerifyPushClient({ baseUrl: backend.baseUrl, fetch, storage: createIndexedDbStore({ indexedDB: never, timeoutMs: 300 }) });
    const identity = newIdentity();
    const started = performance.now();
    const failure = await rejection(
      client.createFactor({ accessToken: await backend.accessToken(identity), serviceSid: backend.serviceSid, identity, friendlyName: 'Blocked', push: { platform: 'none' } }),
    );
    expect(failure.code).to.equal(60403);
    expect(performance.now() - started).to.be.below(2000);
    expect(calls).to.deep.equal([]);
    expect((await rejection(client.listFactors())).code).to.equal(60403);
  });

  it('round-trips hostile details byte for byte and signs over them', async () => {
    const { client, factor, identity } = await enroll();
    const message = (HOSTILE + 'x'.repeat(256)).slice(0, 256);
    expect(message.length).to.equal(256);
    const fields = [
      { label: '<b>onclick</b>\u202E', value: HOSTILE },
      { label: '🦊'.repeat(18), value: 'ש'.repeat(128) },
    ];
    const hiddenDetails = { ip: '::1', note: HOSTILE };
    const { sid } = await backend.challenge(identity, factor.sid, { message, fields, hiddenDetails });
    const challenge = await client.getChallenge(factor.sid, sid);
    expect(challenge.details.message).to.equal(message);
    expect(challenge.details.fields).to.deep.equal(fields);
    expect(challenge.hiddenDetails).to.deep.equal(hiddenDetails);
    expect((await client.approveChallenge(factor.sid, sid)).status).to.equal('approved');
  });

  it('lists challenges by page, status and order', async () => {
    const { client, factor, identity } = await enroll();
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) sids.push((await backend.challenge(identity, factor.sid, { message: `Challenge ${i}` })).sid);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.listChallenges(factor.sid, { pageSize: 2, pageToken, order: 'asc' });
      expect(page.challenges.length).to.be.at.most(2);
      seen.push(...page.challenges.map(c => c.sid));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken && pages < 10);
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(sids);
    const desc = await client.listChallenges(factor.sid, { order: 'desc' });
    expect(desc.challenges.map(c => c.sid)).to.deep.equal([...sids].reverse());
    expect(desc.nextPageToken).to.equal(undefined);
    await client.approveChallenge(factor.sid, sids[1]);
    const approved = await client.listChallenges(factor.sid, { status: 'approved' });
    expect(approved.challenges.map(c => c.sid)).to.deep.equal([sids[1]]);
    expect((await client.listChallenges(factor.sid, { status: 'pending' })).challenges).to.have.length(4);
  });

  it('deletes a factor remotely and locally, and counts a 404 as done', async () => {
    const { client, factor, identity } = await enroll();
    await client.deleteFactor(factor.sid);
    expect((await client.listFactors()).map(f => f.sid)).not.to.include(factor.sid);
    const gone = await fetch(`${backend.baseUrl}Services/${backend.serviceSid}/Entities/${identity}/Factors/${factor.sid}`, {
      headers: { Authorization: `Basic ${btoa(`${backend.emulator.accountSid}:${backend.emulator.authToken}`)}` },
    });
    expect(gone.status).to.equal(404);
    await client.deleteFactor(factor.sid); // not here any more: nothing to do

    const second = await enroll();
    await backend.faults({ status: 404, count: 1, path: `/Factors/${second.factor.sid}` });
    await second.client.deleteFactor(second.factor.sid);
    expect((await second.client.listFactors()).map(f => f.sid)).not.to.include(second.factor.sid);
  });

  it('finishes a delete whose answer was lost: the repeated DELETE finds the factor gone (404)', async () => {
    const { client, factor, calls, loseResponseOf } = await enroll();
    loseResponseOf('DELETE');
    const before = calls.length;
    await client.deleteFactor(factor.sid);
    expect(calls.slice(before).map(c => c.split(' ')[0])).to.deep.equal(['DELETE', 'DELETE']);
    expect((await client.listFactors()).map(f => f.sid)).not.to.include(factor.sid);
  });

  it('forgets a factor the backend already deleted', async () => {
    const { client, factor, identity } = await enroll();
    await backend.api('DELETE', `Entities/${identity}/Factors/${factor.sid}`);
    await client.deleteFactor(factor.sid);
    expect((await client.listFactors()).map(f => f.sid)).not.to.include(factor.sid);
    const gone = await rejection(client.getChallenge(factor.sid, 'YC00000000000000000000000000000000'));
    expect(gone.code).to.equal(60404);
  });

  it('keeps several factors (services, identities) for a new client instance, as after a reload', async () => {
    const otherService = await Backend.create(await emulator());
    const first = await enroll();
    const second = await enroll({ on: otherService, push: { platform: 'fcm', token: fcmToken('fcm-token-1') } });
    const reloaded = createVerifyPushClient({ baseUrl: backend.baseUrl, storage: createIndexedDbStore({ name: storeName }) });
    const factors = await reloaded.listFactors();
    const mine = factors.filter(f => [first.factor.sid, second.factor.sid].includes(f.sid));
    expect(mine.map(f => [f.serviceSid, f.push.platform])).to.have.deep.members([
      [backend.serviceSid, 'none'],
      [otherService.serviceSid, 'fcm'],
    ]);
    const { sid } = await backend.challenge(first.identity, first.factor.sid);
    expect((await reloaded.approveChallenge(first.factor.sid, sid)).status).to.equal('approved');
    const elsewhere = createVerifyPushClient({ baseUrl: otherService.baseUrl, storage: createIndexedDbStore({ name: storeName }) });
    const other = await otherService.challenge(second.identity, second.factor.sid);
    expect((await elsewhere.denyChallenge(second.factor.sid, other.sid)).status).to.equal('denied');
  });

  it('feeds onChallenge from the transport, per factor, and follows a new push token', async () => {
    const subscribed: { factor: Factor; push: (p: ChallengePush) => void; stopped: boolean }[] = [];
    const transport = {
      subscribe(factor: Factor, push: (p: ChallengePush) => void) {
        const entry = { factor, push, stopped: false };
        subscribed.push(entry);
        return () => (entry.stopped = true);
      },
    };
    const { client, factor, identity } = await enroll({ options: { storage: createIndexedDbStore({ name: `${storeName}-push` }), transport }, push: { platform: 'fcm', token: fcmToken('old') } });
    expect(subscribed).to.have.length(0); // nobody listens yet
    const received: ChallengePush[] = [];
    const stop = client.onChallenge(p => received.push(p));
    await new Promise(r => setTimeout(r, 100));
    expect(subscribed.map(s => s.factor.sid)).to.deep.equal([factor.sid]);
    expect(subscribed[0].factor).not.to.have.property('keys');
    subscribed[0].push({ factorSid: factor.sid, challengeSid: 'YC1', message: 'Hi' });
    subscribed[0].push({ factorSid: 'YFother', challengeSid: 'YC2', message: 'Not mine' });
    expect(received.map(p => p.challengeSid)).to.deep.equal(['YC1']);

    const noToken = await rejection(client.updateFactor(factor.sid, { platform: 'fcm' } as PushConfig));
    expect(noToken.code).to.equal(60404);
    expect((await backend.api('GET', `Entities/${identity}/Factors/${factor.sid}`)).config.notification_token).to.equal(fcmToken('old'));
    const updated = await client.updateFactor(factor.sid, { platform: 'fcm', token: fcmToken('new') });
    expect(updated.push).to.deep.equal({ platform: 'fcm', token: fcmToken('new') });
    expect((await backend.api('GET', `Entities/${identity}/Factors/${factor.sid}`)).config.notification_token).to.equal(fcmToken('new'));
    expect(subscribed[0].stopped).to.equal(true);
    expect((subscribed[1].factor.push as { token: string }).token).to.equal(fcmToken('new'));
    stop();
    expect(subscribed[1].stopped).to.equal(true);
    await client.clearLocalStorage();
    expect(await client.listFactors()).to.deep.equal([]);
  });

  it("sends a transport's new push token to the API (FCM token refresh)", async () => {
    let tokenChanged: ((factorSid: string, push: PushConfig) => void) | undefined;
    const transport = {
      subscribe: () => () => {},
      onTokenChange(listener: (factorSid: string, push: PushConfig) => void) {
        tokenChanged = listener;
        return () => (tokenChanged = undefined);
      },
    };
    const { client, factor, identity } = await enroll({ options: { storage: createIndexedDbStore({ name: `${storeName}-refresh` }), transport }, push: { platform: 'fcm', token: fcmToken('before-refresh') } });
    expect(tokenChanged, 'the client listens for token changes').to.be.a('function');
    tokenChanged!(factor.sid, { platform: 'fcm', token: fcmToken('after-refresh') });
    const remote = () => backend.api('GET', `Entities/${identity}/Factors/${factor.sid}`);
    // The client updates in the background; a busy machine may take a while.
    await waitUntil(async () => (await remote()).config.notification_token === fcmToken('after-refresh'), 'the API has the new token', { timeout: 5000 });
    expect((await client.listFactors()).find(f => f.sid === factor.sid)!.push).to.deep.equal({ platform: 'fcm', token: fcmToken('after-refresh') });
    await client.clearLocalStorage();
  });

  it('refuses bad input (60404) and keeps the access token out of errors', async () => {
    const { fetch, calls } = counting();
    const client = createVerifyPushClient({ baseUrl: backend.baseUrl, fetch, storage: createIndexedDbStore({ name: storeName }) });
    const identity = newIdentity();
    const missing = await rejection(client.createFactor({ accessToken: '', serviceSid: backend.serviceSid, identity, friendlyName: 'x', push: { platform: 'none' } }));
    expect(missing.code).to.equal(60404);
    const noToken = await rejection(client.createFactor({ accessToken: 'a', serviceSid: backend.serviceSid, identity, friendlyName: 'x', push: { platform: 'fcm', token: '' } }));
    expect(noToken.code).to.equal(60404);
    expect(calls).to.deep.equal([]);
    expect((await rejection(client.verifyFactor('YF00000000000000000000000000000000'))).code).to.equal(60404);

    // Not something a backend issues, and btoa() would throw a DOMException on it.
    const unicode = await rejection(client.createFactor({ accessToken: 'tökén', serviceSid: backend.serviceSid, identity, friendlyName: 'x', push: { platform: 'none' } }));
    expect(unicode.code).to.equal(60404);
    expect(calls).to.deep.equal([]);

    const wrongToken = 'not-a-real-access-token-0123456789';
    const refused = await rejection(client.createFactor({ accessToken: wrongToken, serviceSid: backend.serviceSid, identity, friendlyName: 'x', push: { platform: 'none' } }));
    expect(refused.status).to.equal(401);
    expect(refused.message).not.to.contain(wrongToken);
  });
});

describe('verify push client, local failures', () => {
  it('refuses a base URL that is not absolute (60406)', () => {
    expect(() => createVerifyPushClient({ baseUrl: 'verify.twilio.com/v2' })).to.throw(VerifyError).with.property('code', 60406);
  });

  it('reports a key that cannot sign as 60405 (proof) and 60407 (device token), before any request', async () => {
    // A public key in the private key's place stands for a key that was damaged or replaced.
    const { publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const keys = { privateKey: publicKey, publicKey };
    const record: FactorRecord = {
      sid: 'YF00000000000000000000000000000001',
      accountSid: 'AC00000000000000000000000000000000',
      serviceSid: 'VA00000000000000000000000000000000',
      entitySid: 'YE00000000000000000000000000000000',
      identity: 'user-00000001',
      friendlyName: 'Broken',
      status: 'verified',
      push: { platform: 'none' },
      credentialSid: 'CR00000000000000000000000000000000',
      keys,
    };
    const { fetch, calls } = counting();
    const client = createVerifyPushClient({ baseUrl: 'http://127.0.0.1:9/v2/', fetch, storage: memoryStore(record) });
    expect((await rejection(client.verifyFactor(record.sid))).code).to.equal(60405);
    const token = await rejection(client.getChallenge(record.sid, 'YC00000000000000000000000000000001'));
    expect(token.code).to.equal(60407);
    expect(token.message).to.contain('enroll again');
    expect(calls).to.deep.equal([]);
  });
});
