import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { emulatorTransport } from '../../src/push/emulator.js';
import { Backend } from '../support/verify-backend.js';
import { emulator } from '../support/emulator.js';
import { enroll, HOSTILE, sleep, until } from './helpers.js';

const proxy = (action: string, extra: Record<string, unknown> = {}) => executeServerCommand('push-proxy', { action, ...extra }) as Promise<any>;

describe('emulator push transport against the emulator', function () {
  this.timeout(20_000);
  let backend: Backend;
  let uncaught: unknown[];
  const onUncaught = (event: ErrorEvent | PromiseRejectionEvent) => uncaught.push('reason' in event ? event.reason : event.error);

  before(async () => {
    backend = await Backend.create(await emulator());
  });
  beforeEach(() => {
    uncaught = [];
    addEventListener('error', onUncaught);
    addEventListener('unhandledrejection', onUncaught);
  });
  afterEach(() => {
    removeEventListener('error', onUncaught);
    removeEventListener('unhandledrejection', onUncaught);
    expect(uncaught, 'nothing thrown into the page').to.deep.equal([]);
  });

  it('registers as FCM with a random token and delivers the factor its challenges, message verbatim', async () => {
    const transport = emulatorTransport({ baseUrl: backend.baseUrl });
    const first = await transport.register!();
    expect(first.platform).to.equal('fcm');
    expect((first as { token: string }).token).to.match(/^[0-9a-f]{64}$/);
    expect(await transport.register!()).to.deep.equal(first); // one token per browser
    const { factor, pushes, errors, listen, challenge } = await enroll(backend, transport);
    const waited = await challenge('Waited for the device'); // the emulator holds it until a stream listens
    const stop = listen();
    await until(() => pushes.length === 1, 'the waiting push');
    const sid = await challenge(HOSTILE);
    await until(() => pushes.length === 2, 'the live push');
    expect(pushes).to.deep.equal([
      { factorSid: factor.sid, challengeSid: waited, message: 'Waited for the device' },
      { factorSid: factor.sid, challengeSid: sid, message: HOSTILE },
    ]);
    expect(errors).to.deep.equal([]);
    stop();
  });

  it('shares one stream between factors on the same token and reports pushes for factors nobody listens for', async () => {
    const transport = emulatorTransport({ baseUrl: backend.baseUrl });
    const a = await enroll(backend, transport);
    const b = await enroll(backend, transport);
    const stopA = a.listen();
    const sidB = await b.challenge('For B, whose page does not listen');
    await until(() => a.errors.length === 1, 'the report');
    expect([a.errors[0].reason, a.errors[0].code]).to.deep.equal(['unknown-factor', 60402]);
    expect(a.errors[0].message).to.contain(b.factor.sid).and.not.contain(sidB);
    const stopB = b.listen();
    const sidA = await a.challenge();
    const sidB2 = await b.challenge();
    await until(() => a.pushes.length === 1 && b.pushes.length === 1, 'both pushes');
    expect([a.pushes[0].challengeSid, b.pushes[0].challengeSid]).to.deep.equal([sidA, sidB2]);
    stopA();
    stopB();
  });

  it('reports malformed pushes on the stream and never throws them into the page', async () => {
    const { origin } = await proxy('start', { target: new URL(backend.baseUrl).origin });
    const transport = emulatorTransport({ baseUrl: origin });
    const { factor, pushes, errors, listen, challenge } = await enroll(backend, transport);
    const stop = listen();
    const junk = [
      'data: not json\n\n',
      'data: []\n\n',
      `data: {"data":{"type":"other"}}\n\n`,
      `data: ${JSON.stringify({ data: { type: 'verify_push_challenge', factor_sid: factor.sid, challenge_sid: 'YC0', message: 'x' } })}\n\n`,
      `data: ${JSON.stringify({ data: { type: 'verify_push_challenge', factor_sid: factor.sid, challenge_sid: `YC${'0'.repeat(32)}`, message: 'x'.repeat(300) } })}\n\n`,
    ];
    // Written once the browser's stream is open (a fixed wait was too short on a loaded machine).
    const deadline = Date.now() + 5000;
    while ((await proxy('inject', { text: junk.join('') })).streams === 0) {
      if (Date.now() > deadline) throw new Error('the push stream never opened');
      await sleep(50);
    }
    await until(() => errors.length === 5, 'five reports');
    expect(errors.map(e => e.reason)).to.deep.equal(['not-an-object', 'not-an-object', 'not-a-challenge', 'bad-challenge-sid', 'bad-message']);
    const sid = await challenge();
    await until(() => pushes.length === 1, 'a good push after the junk');
    expect(pushes[0].challengeSid).to.equal(sid);
    stop();
  });

  it('reconnects after the stream drops and resumes without losing or repeating a push', async () => {
    const { origin } = await proxy('start', { target: new URL(backend.baseUrl).origin });
    const transport = emulatorTransport({ baseUrl: origin });
    const { pushes, listen, challenge } = await enroll(backend, transport);
    const stop = listen();
    const first = await challenge('one');
    await until(() => pushes.length === 1, 'the first push');
    await proxy('drop');
    const second = await challenge('two'); // sent while the browser reconnects
    await until(() => pushes.length === 2, 'the push sent while dropped');
    const third = await challenge('three');
    await until(() => pushes.length === 3, 'a push after the reconnect');
    await sleep(200);
    expect(pushes.map(p => p.challengeSid)).to.deep.equal([first, second, third]);
    stop();
  });

  it('reopens a stream the server refused, with back-off, and reports each failure', async () => {
    const { origin } = await proxy('start', { target: new URL(backend.baseUrl).origin });
    await proxy('refuse', { count: 3 });
    const transport = emulatorTransport({ baseUrl: origin, retryMs: 100, maxRetryMs: 400 });
    const { pushes, errors, listen, challenge } = await enroll(backend, transport);
    const started = Date.now();
    const stop = listen();
    const sid = await challenge();
    await until(() => pushes.length === 1, 'the push after the refusals');
    // 100 + 200 + 400 ms of back-off before the fourth attempt
    expect(Date.now() - started).to.be.greaterThan(650);
    expect(errors.map(e => [e.reason, e.code])).to.deep.equal([['stream-failed', 60401], ['stream-failed', 60401], ['stream-failed', 60401]]);
    expect(errors.map(e => e.message.match(/retrying in ([\d.]+) s/)?.[1])).to.deep.equal(['0.1', '0.2', '0.4']);
    expect(pushes[0].challengeSid).to.equal(sid);
    stop();
  });

  it('closes the stream when the last subscriber leaves, and delivers nothing after', async () => {
    const transport = emulatorTransport({ baseUrl: backend.baseUrl });
    const { client, pushes, listen, challenge } = await enroll(backend, transport);
    const stop = listen();
    await challenge();
    await until(() => pushes.length === 1, 'a push');
    stop();
    await sleep(300); // the emulator has seen the stream close
    await challenge();
    await sleep(300);
    expect(pushes).to.have.length(1);
    const again = client.onChallenge(p => pushes.push(p)); // the held push arrives once a stream listens again
    await until(() => pushes.length === 2, 'the held push');
    again();
  });
});
