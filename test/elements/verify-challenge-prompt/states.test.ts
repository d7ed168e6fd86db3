import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { announced, Backend, enroll, focused, mount, part, until } from './helpers.js';
import { emulator } from '../../support/emulator.js';

describe('<verify-challenge-prompt> states', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });

  afterEach(() => backend.clock(0));

  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

  it('counts down every second and expires at zero', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge({ expirationDate: inSeconds(2.9) });
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    const shown = new Set<string>();
    const watch = setInterval(() => shown.add(part(el, 'countdown')?.textContent ?? ''), 50);
    await until(el, 'expired', 5000);
    clearInterval(watch);
    // 0:02 and 0:01 (or 0:01 alone when the second boundary came early) were on screen.
    expect([...shown].filter(Boolean)).to.include('Expires in 0:01');
    expect(of('verify-expired').map(e => e.detail)).to.deep.equal([{ factorSid: push.factorSid, challengeSid: push.challengeSid }]);
    expect(part(el, 'status')!.textContent).to.equal('This request expired');
    expect(announced(el)).to.equal('This request expired');
    expect(part(el, 'approve')).to.equal(null);
    expect(part(el, 'countdown')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('announces the time left at thresholds only', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge({ expirationDate: inSeconds(11.9) });
    const { el } = await mount({ client, push });
    await until(el, 'pending');
    expect(announced(el)).to.equal(''); // 11 s left: no threshold crossed yet
    await waitUntil(() => announced(el) === 'Expires in 10 seconds', 'announced 10 s', { timeout: 4000 });
    el.remove();
  });

  it('an answer the API refuses as expired (60323) shows expired', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    await backend.clock(6 * 60); // past the default five minutes, on the server only
    part(el, 'approve')!.click();
    await until(el, 'expired');
    expect(of('verify-expired')).to.have.length(1);
    expect(of('verify-approved')).to.have.length(0);
  });

  it('a challenge that expired before it was shown says so', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    await backend.clock(6 * 60);
    const { el, of } = await mount({ client, push });
    await until(el, 'expired');
    expect(of('verify-challenge')[0].detail.status).to.equal('expired');
    expect(of('verify-expired')).to.have.length(1);
  });

  it('already answered elsewhere (60322): says so and reports it', async () => {
    const { client, challenge } = await enroll(backend);
    const { sid, push } = await challenge();
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    await client.approveChallenge(push.factorSid, sid); // another device, which tells no one
    part(el, 'deny')!.click();
    await el.updateComplete;
    part(el, 'report-no')!.click();
    await until(el, 'answered');
    expect(of('verify-error').map(e => e.detail.code)).to.deep.equal([60322]);
    expect(of('verify-denied')).to.have.length(0);
    expect(part(el, 'status')!.textContent).to.equal('This request was already answered');
    await expect(el).to.be.accessible();
  });

  it('a challenge answered before it was shown says so', async () => {
    const { client, challenge } = await enroll(backend);
    const { sid, push } = await challenge();
    await client.denyChallenge(push.factorSid, sid);
    const { el } = await mount({ client, push });
    await until(el, 'answered');
  });

  it('tells the other tabs even when the answering prompt is removed before the answer lands', async () => {
    const { client, challenge } = await enroll(backend);
    const { sid, push } = await challenge();
    const a = await mount({ client, push });
    const b = await mount({ client, push });
    await until(a.el, 'pending');
    await until(b.el, 'pending');
    await backend.faults({ delayMs: 300, count: 1, path: `/Challenges/${sid}` });
    part(a.el, 'approve')!.click();
    a.el.remove(); // e.g. the app closed its dialog while the approval was on its way
    await until(b.el, 'answered');
    expect(b.of('verify-error').map(e => e.detail.code)).to.deep.equal([60322]);
  });

  it('another tab of this browser answering updates this one (BroadcastChannel)', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const a = await mount({ client, push });
    const b = await mount({ client, push });
    await until(a.el, 'pending');
    await until(b.el, 'pending');
    part(b.el, 'deny')!.click(); // b is mid-way through denying: it follows too
    await b.el.updateComplete;
    part(a.el, 'approve')!.click();
    await until(a.el, 'approved');
    await until(b.el, 'answered');
    expect(b.of('verify-error').map(e => e.detail.code)).to.deep.equal([60322]);
    expect(b.of('verify-denied')).to.have.length(0);
  });

  it('offline while loading (60401): Retry loads once the network is back', async () => {
    const { client, challenge, net } = await enroll(backend, { retries: 0 });
    const { push } = await challenge();
    net.offline = true;
    const { el, of } = await mount({ client, push });
    await until(el, 'offline');
    expect(of('verify-error').map(e => e.detail.code)).to.deep.equal([60401]);
    expect(part(el, 'status')!.textContent).to.equal('The service cannot be reached. Check the connection and try again.');
    expect(part(el, 'message')!.textContent).to.equal(push.message); // what the push said stays
    expect(focused(el)).to.equal('retry');
    await expect(el).to.be.accessible();
    net.offline = false;
    part(el, 'retry')!.click();
    await until(el, 'pending');
    expect(part(el, 'retry')).to.equal(null);
  });

  it('offline while approving: Retry approves', async () => {
    const { client, challenge, net, identity } = await enroll(backend, { retries: 0 });
    const { sid, push } = await challenge();
    const { el } = await mount({ client, push });
    await until(el, 'pending');
    net.offline = true;
    part(el, 'approve')!.click();
    await until(el, 'offline');
    net.offline = false;
    part(el, 'retry')!.click();
    await until(el, 'approved');
    expect((await backend.api('GET', `Entities/${identity}/Challenges/${sid}`)).status).to.equal('approved');
  });

  it('a server failure while denying: Retry denies after the fault clears', async () => {
    const { client, challenge, identity } = await enroll(backend, { retries: 0 });
    const { sid, push } = await challenge();
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    await backend.faults({ status: 503, count: 1, path: `/Challenges/${sid}` });
    part(el, 'deny')!.click();
    await el.updateComplete;
    part(el, 'report-yes')!.click();
    await until(el, 'error');
    expect(of('verify-error').map(e => e.detail.code)).to.deep.equal([20503]);
    expect(part(el, 'status')!.textContent).to.contain('Injected fault');
    await expect(el).to.be.accessible();
    part(el, 'retry')!.click();
    await until(el, 'denied');
    const answered = await backend.api('GET', `Entities/${identity}/Challenges/${sid}`);
    expect([answered.status, answered.metadata]).to.deep.equal(['denied', { reported: 'true' }]);
    expect(of('verify-denied')[0].detail.reported).to.equal(true);
  });

  it('other errors show the VerifyError message, without Retry', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const { el, of } = await mount({ client, push: { ...push, factorSid: `YF${'0'.repeat(32)}` } });
    await until(el, 'error');
    const [error] = of('verify-error');
    expect(error.detail.code).to.equal(60404);
    expect(part(el, 'status')!.textContent).to.equal(error.detail.message);
    expect(part(el, 'retry')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('stops ticking when disconnected and resumes when connected again', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const { el, root } = await mount({ client, push });
    await until(el, 'pending');
    el.remove();
    const frozen = part(el, 'countdown')!.textContent;
    await aTimeout(1100);
    expect(part(el, 'countdown')!.textContent).to.equal(frozen);
    root.append(el);
    await waitUntil(() => part(el, 'countdown')!.textContent !== frozen, 'ticking again', { timeout: 1500 });
  });

  it('hostile text renders as text, in its real order: markup, bidi overrides, very long strings', async () => {
    const { client, challenge } = await enroll(backend);
    const markup = '<img src=x onerror="window.__pwned=1"> <b>bold</b>';
    const bidi = '\u202Egnp.exe\u202C Login from \u202Eelgoog\u202C';
    const long = 'x'.repeat(128);
    const { push } = await challenge({
      message: `${markup} ${bidi}`,
      fields: [
        { label: '<script>alert(1)</script>', value: markup },
        { label: 'Token', value: long },
      ],
    });
    const { el } = await mount({ client, push }, {}, 'inline-size: 16rem');
    await until(el, 'pending');
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('img, b, script')).to.have.length(0);
    // RLO would show "elgoog" as "google": overrides are dropped, the rest stays as sent.
    expect(part(el, 'message')!.textContent).to.equal(`${markup} gnp.exe\u202C Login from elgoog\u202C`);
    expect([...root.querySelectorAll('[part="field-value"]')].map(n => n.textContent)).to.deep.equal([markup, long]);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    const box = part(el, 'container')!;
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    await expect(el).to.be.accessible();
  });
});
