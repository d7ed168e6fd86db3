import { expect } from '@open-wc/testing';
import type { ListChallengesOptions, VerifyPushClient } from '../../src/client/index.js';
import { pollingTransport } from '../../src/push/polling.js';
import { Backend } from '../support/verify-backend.js';
import { emulator } from '../support/emulator.js';
import { enroll, HOSTILE, sleep, until } from './helpers.js';

/** Stubs `document.hidden` and tells the page, as a switch of tab would. */
function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Records when the transport lists challenges, through the client it was given. */
function counted(client: VerifyPushClient) {
  const times: number[] = [];
  const wrapper: VerifyPushClient = {
    ...client,
    listChallenges: (sid: string, options?: ListChallengesOptions) => (times.push(Date.now()), client.listChallenges(sid, options)),
  };
  return { times, wrapper };
}

describe('polling push transport against the emulator', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });
  afterEach(() => {
    delete (document as { hidden?: boolean }).hidden; // back to the real getter
  });

  it('registers as platform none and delivers each pending challenge once, through the subscribing client', async () => {
    const transport = pollingTransport({ intervalMs: 50 });
    expect(await transport.register!()).to.deep.equal({ platform: 'none' });
    const { factor, pushes, errors, listen, challenge, client } = await enroll(backend, transport);
    const stop = listen();
    const first = await challenge(HOSTILE);
    await until(() => pushes.length === 1, 'the first challenge');
    await sleep(300); // several polls see it still pending
    const second = await challenge('Second');
    await until(() => pushes.length === 2, 'the second challenge');
    await client.approveChallenge(factor.sid, first);
    await sleep(200);
    expect(pushes).to.deep.equal([
      { factorSid: factor.sid, challengeSid: first, message: HOSTILE },
      { factorSid: factor.sid, challengeSid: second, message: 'Second' },
    ]);
    expect(errors).to.deep.equal([]);
    stop();
  });

  it('backs off while listing fails, reports each failure, and recovers', async () => {
    const transport = pollingTransport({ intervalMs: 50, maxIntervalMs: 400 });
    // One request per poll, so the emulator's faults meet the transport's back-off, not the client's retries.
    const { pushes, errors, listen, challenge, identity } = await enroll(backend, transport, { retries: 0 });
    const sid = await challenge();
    await backend.faults({ status: 500, count: 4, path: `/Entities/${identity}/Challenges` });
    const started = Date.now();
    const stop = listen();
    await until(() => pushes.length === 1, 'the challenge after the faults');
    expect(errors.map(e => [e.reason, e.code])).to.deep.equal(Array(4).fill(['poll-failed', 20500]));
    expect(errors.map(e => e.message.match(/retrying in ([\d.]+) s/)?.[1])).to.deep.equal(['0.1', '0.2', '0.4', '0.4']);
    // 100 + 200 + 400 + 400 ms of back-off
    expect(Date.now() - started).to.be.greaterThan(1000);
    expect(pushes[0].challengeSid).to.equal(sid);
    stop();
  });

  it('does not poll while the page is hidden, and polls at once when it is shown again', async () => {
    const { client, factor, pushes, challenge } = await enroll(backend, pollingTransport());
    const { times, wrapper } = counted(client);
    const transport = pollingTransport({ client: wrapper, intervalMs: 50 });
    const stop = transport.subscribe(factor, p => pushes.push(p));
    await until(() => times.length >= 2, 'two polls');
    setHidden(true);
    await sleep(100); // a poll in flight finishes
    const before = times.length;
    await challenge();
    await sleep(400);
    expect(times.length).to.equal(before);
    expect(pushes).to.have.length(0);
    setHidden(false);
    await until(() => pushes.length === 1, 'the challenge once shown');
    expect(times.length).to.equal(before + 1);
    stop();
    await sleep(200);
    expect(times.length).to.equal(before + 1); // stopped
  });

  it('reports nothing once stopped, not even a poll that fails after the stop', async () => {
    const { client, factor } = await enroll(backend, pollingTransport());
    let fail!: () => void;
    const wrapper: VerifyPushClient = {
      ...client,
      listChallenges: () => new Promise((_, reject) => (fail = () => reject(new TypeError('Failed to fetch')))),
    };
    const transport = pollingTransport({ client: wrapper, intervalMs: 50 });
    const errors: unknown[] = [];
    transport.onError!(error => errors.push(error));
    const stop = transport.subscribe(factor, () => {});
    await until(() => !!fail, 'the first poll');
    stop();
    fail();
    await sleep(100);
    expect(errors).to.deep.equal([]);
  });

  it('needs a client to poll with', () => {
    const factor = { sid: `YF${'0'.repeat(32)}` } as Parameters<ReturnType<typeof pollingTransport>['subscribe']>[0];
    expect(() => pollingTransport().subscribe(factor, () => {})).to.throw(/needs a client/);
  });
});
