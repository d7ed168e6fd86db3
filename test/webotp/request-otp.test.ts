import { expect } from '@open-wc/testing';
import { isWebOtpSupported, requestOtp } from '../../src/webotp/index.js';
import { installFakeWebOtp, type FakeWebOtp } from '../support/fake-webotp.js';

/** Lets every queued promise reaction and task run. */
const tick = () => new Promise(resolve => setTimeout(resolve, 0));

// A string, not a Symbol: the runner must serialise failed assertions' values.
const PENDING = '(still pending)';
/** The promise's value, or PENDING if it has not settled after a task. */
async function peek<T>(promise: Promise<T>): Promise<T | typeof PENDING> {
  await tick();
  return Promise.race<T | typeof PENDING>([promise, PENDING]);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

const unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
before(() => window.addEventListener('unhandledrejection', onUnhandled));
after(() => window.removeEventListener('unhandledrejection', onUnhandled));

describe('isWebOtpSupported', () => {
  it("follows the engine's own OTPCredential without a fake (only Chromium has one)", () => {
    const own = window.isSecureContext && 'OTPCredential' in window && typeof navigator.credentials?.get === 'function';
    expect(isWebOtpSupported()).to.equal(own);
  });

  it('is true with OTPCredential and navigator.credentials.get in a secure context', () => {
    const fake = installFakeWebOtp();
    try {
      expect(isWebOtpSupported()).to.equal(true);
    } finally {
      fake.restore();
    }
  });

  it('is false without OTPCredential, and requestOtp() then resolves null without calling get()', async () => {
    const fake = installFakeWebOtp({ supported: false });
    try {
      expect(isWebOtpSupported()).to.equal(false);
      expect(await requestOtp()).to.equal(null);
      expect(fake.calls).to.have.length(0);
    } finally {
      fake.restore();
    }
  });
});

describe('requestOtp', () => {
  let fake: FakeWebOtp;

  beforeEach(() => {
    fake = installFakeWebOtp();
  });

  afterEach(async () => {
    fake.restore();
    await tick();
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });

  it('asks for an SMS code with a signal and resolves with the code', async () => {
    const code = requestOtp();
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0].options).to.deep.include({ otp: { transport: ['sms'] } });
    expect(fake.calls[0].signal).to.be.instanceOf(AbortSignal);
    fake.resolveWith('123456');
    expect(await code).to.equal('123456');
  });

  it('shares one get() between callers, and all of them get the code', async () => {
    const first = requestOtp();
    const second = requestOtp({ signal: new AbortController().signal });
    expect(fake.calls).to.have.length(1);
    fake.resolveWith('4242');
    expect(await Promise.all([first, second])).to.deep.equal(['4242', '4242']);
  });

  it('resolves an aborted caller with null and leaves the others and the browser request alone', async () => {
    const one = new AbortController();
    const first = requestOtp({ signal: one.signal });
    const second = requestOtp({ signal: new AbortController().signal });
    one.abort();
    expect(await first).to.equal(null);
    expect(await peek(second)).to.equal(PENDING);
    expect(fake.aborts).to.equal(0);
    expect(fake.calls[0].signal!.aborted).to.equal(false);
    fake.resolveWith('777');
    expect(await second).to.equal('777');
    expect(fake.calls).to.have.length(1);
  });

  it('aborts the browser request exactly once when every caller aborted while it was pending', async () => {
    const one = new AbortController();
    const two = new AbortController();
    const results = Promise.all([requestOtp({ signal: one.signal }), requestOtp({ signal: two.signal })]);
    one.abort();
    expect(fake.aborts).to.equal(0);
    two.abort();
    expect(await results).to.deep.equal([null, null]);
    expect(fake.aborts).to.equal(1);
    expect(fake.calls[0].settled).to.equal(true);
  });

  it('never aborts the browser request after it settled', async () => {
    const one = new AbortController();
    const two = new AbortController();
    const results = Promise.all([requestOtp({ signal: one.signal }), requestOtp({ signal: two.signal })]);
    fake.resolveWith('1234');
    expect(await results).to.deep.equal(['1234', '1234']);
    one.abort();
    two.abort();
    expect(fake.aborts).to.equal(0);
  });

  it('never aborts the browser request when a caller aborts in its own reaction to the code', async () => {
    const done = new AbortController();
    const code = requestOtp({ signal: done.signal }).then(value => {
      done.abort(); // "the code is complete": the usual place a component aborts
      return value;
    });
    fake.resolveWith('9876');
    expect(await code).to.equal('9876');
    expect(fake.aborts).to.equal(0);
  });

  it('never aborts the browser request after it failed', async () => {
    const done = new AbortController();
    const code = requestOtp({ signal: done.signal });
    fake.rejectWith('InvalidStateError');
    expect(await code).to.equal(null);
    done.abort();
    expect(fake.aborts).to.equal(0);
  });

  it('resolves null without calling get() when the signal is already aborted', async () => {
    expect(await requestOtp({ signal: AbortSignal.abort() })).to.equal(null);
    expect(fake.calls).to.have.length(0);
  });

  it('does not count an already-aborted caller as a member of a pending request', async () => {
    const waiting = new AbortController();
    const code = requestOtp({ signal: waiting.signal });
    expect(await requestOtp({ signal: AbortSignal.abort() })).to.equal(null);
    waiting.abort();
    expect(await code).to.equal(null);
    expect(fake.aborts).to.equal(1);
  });

  it('resolves null when another get() on the page cancels the request (AbortError)', async () => {
    const first = requestOtp();
    const second = requestOtp();
    const outside = navigator.credentials.get({ otp: { transport: ['sms'] } } as CredentialRequestOptions);
    expect(await Promise.all([first, second])).to.deep.equal([null, null]);
    fake.resolveWith('5555');
    expect(await outside).to.deep.include({ code: '5555' });
    expect(fake.aborts).to.equal(0);
  });

  it('resolves null on InvalidStateError (timeout, no backend, document gone)', async () => {
    const results = Promise.all([requestOtp(), requestOtp()]);
    fake.rejectWith('InvalidStateError', 'OTP retrieval request timed out.');
    expect(await results).to.deep.equal([null, null]);
  });

  it('rejects every caller on NotAllowedError with advice about allow="otp-credentials"', async () => {
    const first = requestOtp();
    const second = requestOtp();
    fake.rejectWith('NotAllowedError');
    for (const error of [await rejection(first), await rejection(second)]) {
      expect(error).to.be.instanceOf(Error);
      expect(error.message).to.contain('allow="otp-credentials"');
      expect((error.cause as DOMException).name).to.equal('NotAllowedError');
    }
  });

  it('still resolves a caller that aborted before a NotAllowedError with null', async () => {
    const gone = new AbortController();
    const left = requestOtp({ signal: gone.signal });
    const stays = requestOtp();
    gone.abort();
    fake.rejectWith('NotAllowedError');
    expect(await left).to.equal(null);
    expect((await rejection(stays)).message).to.contain('NotAllowedError');
  });

  it('rejects on NotSupportedError, and on anything unexpected, with the original as cause', async () => {
    const unsupported = requestOtp();
    fake.rejectWith('NotSupportedError');
    const notSupported = await rejection(unsupported);
    expect(notSupported.message).to.contain('NotSupportedError');
    expect((notSupported.cause as DOMException).name).to.equal('NotSupportedError');

    const odd = requestOtp();
    fake.rejectWith('UnknownError', 'Something broke.');
    const unexpected = await rejection(odd);
    expect(unexpected.message).to.contain('UnknownError: Something broke.');
    expect((unexpected.cause as DOMException).name).to.equal('UnknownError');
  });

  it('starts a fresh request for the next caller after the previous one settled', async () => {
    const first = requestOtp();
    fake.resolveWith('1111');
    expect(await first).to.equal('1111');
    const second = requestOtp();
    expect(fake.calls).to.have.length(2);
    fake.resolveWith('2222');
    expect(await second).to.equal('2222');
  });

  it('starts a fresh request at once after every caller abandoned the previous one', async () => {
    const gone = new AbortController();
    const abandoned = requestOtp({ signal: gone.signal });
    gone.abort();
    const next = requestOtp(); // synchronously: must not join the dying request
    expect(fake.calls).to.have.length(2);
    expect(fake.calls[1].signal!.aborted).to.equal(false);
    fake.resolveWith('3333');
    expect(await abandoned).to.equal(null);
    expect(await next).to.equal('3333');
    expect(fake.aborts).to.equal(1);
  });
});
