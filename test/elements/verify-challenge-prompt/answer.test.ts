import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PushError, parsePush } from '../../../src/push/payload.js';
import { announced, Backend, enroll, focused, manualTransport, mount, part, until } from './helpers.js';
import { emulator } from '../../support/emulator.js';

describe('<verify-challenge-prompt> answering', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });

  const remote = (identity: string, sid: string) => backend.api('GET', `Entities/${identity}/Challenges/${sid}`);

  it('renders the push message at once, then the details; focus goes to the message', async () => {
    const { client, challenge } = await enroll(backend);
    const fields = [{ label: 'Browser', value: 'Firefox on Linux' }, { label: 'Location', value: 'Turin, Italy' }];
    const { sid, push } = await challenge({ message: 'Sign in to Example?', fields });
    await backend.faults({ delayMs: 400, count: 1, path: `/Challenges/${sid}` });
    const { el, of } = await mount({ client, push });
    expect(el.state).to.equal('loading');
    expect(part(el, 'message')!.textContent).to.equal('Sign in to Example?');
    expect(part(el, 'fields')).to.equal(null);
    expect(focused(el)).to.equal('message');
    expect(part(el, 'container')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();

    await until(el, 'pending');
    const labels = [...el.shadowRoot!.querySelectorAll('[part="field-label"]')].map(n => n.textContent);
    const values = [...el.shadowRoot!.querySelectorAll('[part="field-value"]')].map(n => n.textContent);
    expect(labels).to.deep.equal(['Browser', 'Location']);
    expect(values).to.deep.equal(['Firefox on Linux', 'Turin, Italy']);
    expect(part(el, 'countdown')!.textContent).to.match(/^Expires in [45]:\d\d$/);
    expect(el.getAttribute('state')).to.equal('pending');
    const [shown] = of('verify-challenge');
    expect(shown.detail).to.deep.include({ factorSid: push.factorSid, challengeSid: sid, message: 'Sign in to Example?', status: 'pending', numberMatch: false });
    expect(shown.detail.fields).to.deep.equal(fields);
    expect(shown.bubbles && shown.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('approves in ONE request after the fetch, and says so', async () => {
    const { client, challenge, calls, identity } = await enroll(backend);
    const { sid, push } = await challenge();
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    const before = calls.length;
    part(el, 'approve')!.click();
    await el.updateComplete;
    expect(el.state).to.equal('approving');
    expect(part<HTMLButtonElement>(el, 'approve')!.disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'deny')!.disabled).to.equal(true);
    expect(part(el, 'container')!.getAttribute('aria-busy')).to.equal('true');
    await until(el, 'approved');
    expect(calls.slice(before)).to.deep.equal([`POST /v2/Services/${backend.serviceSid}/Entities/${identity}/Challenges/${sid}`]);
    expect(of('verify-approved').map(e => e.detail)).to.deep.equal([{ factorSid: push.factorSid, challengeSid: sid }]);
    expect(part(el, 'status')!.textContent).to.equal('Approved');
    expect(announced(el)).to.equal('Approved');
    expect(part(el, 'approve')).to.equal(null);
    expect((await remote(identity, sid)).status).to.equal('approved');
    await expect(el).to.be.accessible();
  });

  it('number matching: Approve waits for a pick, and the pick travels as metadata', async () => {
    const { client, challenge, identity } = await enroll(backend);
    const { sid, push } = await challenge({ hiddenDetails: { match_choices: '17,42,88' } });
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    expect(of('verify-challenge')[0].detail.numberMatch).to.equal(true);
    expect(of('verify-challenge')[0].detail).not.to.have.property('hiddenDetails');
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="choices"] input[type="radio"]')];
    expect(radios.map(r => r.value)).to.deep.equal(['17', '42', '88']);
    expect(part(el, 'choices')!.querySelector('legend')!.textContent).to.equal('Pick the number shown on the sign-in screen');
    expect(part<HTMLButtonElement>(el, 'approve')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();

    radios[1].click();
    await el.updateComplete;
    expect(part(el, 'choice-selected')!.textContent).to.equal('42');
    expect(part<HTMLButtonElement>(el, 'approve')!.disabled).to.equal(false);
    await expect(el).to.be.accessible();
    part(el, 'approve')!.click();
    await until(el, 'approved');
    const answered = await remote(identity, sid);
    expect(answered.status).to.equal('approved');
    expect(answered.metadata).to.deep.equal({ match_choice: '42' });
    // Only the site knows whether 42 was the number it showed: the prompt claims no approval (issue 12).
    expect(part(el, 'status')!.textContent).to.equal('Answer sent. The sign-in screen shows whether it worked.');
    expect(announced(el)).to.equal('Answer sent. The sign-in screen shows whether it worked.');
  });

  for (const reported of [true, false]) {
    it(`deny is two-step; reporting ${reported ? 'yes' : 'no'} travels as metadata and in the event`, async () => {
      const { client, challenge, identity } = await enroll(backend);
      const { sid, push } = await challenge();
      const { el, of } = await mount({ client, push });
      await until(el, 'pending');
      part(el, 'deny')!.click();
      await el.updateComplete;
      expect(el.state).to.equal('confirm');
      expect(focused(el)).to.equal('report');
      expect(part(el, 'report')!.querySelector('legend')!.textContent).to.equal('Report as suspicious?');
      expect(part(el, 'approve')).to.equal(null);
      await expect(el).to.be.accessible();

      part(el, reported ? 'report-yes' : 'report-no')!.click();
      await until(el, 'denied');
      expect(of('verify-denied').map(e => e.detail)).to.deep.equal([{ factorSid: push.factorSid, challengeSid: sid, reported }]);
      expect(part(el, 'status')!.textContent).to.equal(reported ? 'Denied and reported as suspicious' : 'Denied');
      const answered = await remote(identity, sid);
      expect(answered.status).to.equal('denied');
      expect(answered.metadata).to.deep.equal({ reported: String(reported) });
      await expect(el).to.be.accessible();
    });
  }

  it('keyboard only: pick with the arrow keys, Tab to Approve, Enter', async () => {
    const { client, challenge, identity } = await enroll(backend);
    const { sid, push } = await challenge({ hiddenDetails: { match_choices: '5,23,71' } });
    const { el } = await mount({ client, push });
    await until(el, 'pending');
    expect(focused(el)).to.equal('message');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('radio');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(part(el, 'choice-selected')?.textContent).to.equal('23');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('approve');
    await sendKeys({ press: 'Enter' });
    await until(el, 'approved');
    expect((await remote(identity, sid)).metadata).to.deep.equal({ match_choice: '23' });
    // The button went away: focus stays in the prompt, on the message.
    expect(focused(el)).to.equal('message');
  });

  it('keyboard only: Deny, then report', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const { el, of } = await mount({ client, push });
    await until(el, 'pending');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('deny');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('report-yes');
    await sendKeys({ press: 'Enter' });
    await until(el, 'denied');
    expect(of('verify-denied')[0].detail.reported).to.equal(true);
  });

  it('auto-approve approves on arrival, without taking focus', async () => {
    const { client, challenge, identity } = await enroll(backend);
    const { sid, push } = await challenge();
    const { el, of } = await mount({ client, push }, { 'auto-approve': '' });
    await until(el, 'approved');
    expect(of('verify-approved')).to.have.length(1);
    expect((await remote(identity, sid)).status).to.equal('approved');
    expect(focused(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('auto-approve leaves number matching to the user', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge({ hiddenDetails: { match_choices: '1,2,3' } });
    const { el, of } = await mount({ client, push }, { 'auto-approve': '' });
    await until(el, 'pending');
    expect(of('verify-approved')).to.have.length(0);
  });

  it('loads factor-sid + challenge-sid set by the app', async () => {
    const { client, challenge } = await enroll(backend);
    const { sid, push } = await challenge({ message: 'Approve the payment of €12?' });
    const { el } = await mount({ client }, { 'factor-sid': push.factorSid, 'challenge-sid': sid });
    await until(el, 'pending');
    expect(part(el, 'message')!.textContent).to.equal('Approve the payment of €12?');
    expect(focused(el)).to.equal('message');
  });

  it('waits for the client when the push comes first', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const { el } = await mount({ push });
    expect(el.state).to.equal('loading');
    expect(part(el, 'message')!.textContent).to.equal(push.message);
    el.client = client;
    await until(el, 'pending');
  });

  it('with a client and no challenge, shows each challenge the client receives', async () => {
    const { transport, deliver, subscribers } = manualTransport();
    const { client, challenge, calls } = await enroll(backend, { transport });
    const { el, root, of } = await mount({ client });
    expect(el.state).to.equal('idle');
    expect(el.shadowRoot!.querySelector('[part]')).to.equal(null);
    await expect(root).to.be.accessible();
    await waitUntil(() => subscribers.size === 1);

    const first = await challenge({ message: 'First sign-in?' });
    deliver(first.push);
    await until(el, 'pending');
    const fetches = calls.length;
    deliver(first.push); // delivered twice: shown once
    const second = await challenge({ message: 'Second sign-in?' });
    deliver(second.push);
    await waitUntil(() => part(el, 'message')?.textContent === 'Second sign-in?');
    await until(el, 'pending');
    expect(calls.length - fetches).to.equal(1);
    expect(of('verify-challenge').map(e => e.detail.challengeSid)).to.deep.equal([first.sid, second.sid]);

    // Disconnected, it stops listening.
    el.remove();
    expect(subscribers.size).to.equal(0);
  });

  it('a push the transport ignored is reported as verify-error with its reason, and the page keeps working', async () => {
    const { transport, report, deliver, subscribers } = manualTransport();
    const { client, challenge } = await enroll(backend, { transport });
    const { el, of } = await mount({ client });
    // The client subscribes once it has read its factors from IndexedDB.
    await waitUntil(() => subscribers.size > 0, 'the client to subscribe');
    const ignored = parsePush({ data: { type: 'verify_push_challenge', factor_sid: 'YF-not-a-sid', challenge_sid: 'YC0', message: 'x' } });
    expect(ignored).to.be.instanceOf(PushError);
    report(ignored as PushError);
    expect(of('verify-error').map(e => [e.detail.code, e.detail.reason])).to.deep.equal([[60402, 'bad-factor-sid']]);
    expect(el.state).to.equal('idle');
    const { push } = await challenge();
    deliver(push);
    await until(el, 'pending');
  });

  it('every string can be replaced', async () => {
    const { client, challenge } = await enroll(backend);
    const { push } = await challenge();
    const { el } = await mount({ client, push, strings: { approve: 'Approva', deny: 'Rifiuta', timeLeft: s => `Scade tra ${s} s` } });
    await until(el, 'pending');
    expect(part(el, 'approve')!.textContent).to.equal('Approva');
    expect(part(el, 'deny')!.textContent).to.equal('Rifiuta');
    expect(part(el, 'countdown')!.textContent).to.match(/^Scade tra \d+ s$/);
  });
});
