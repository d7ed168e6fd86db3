import { expect, html } from '@open-wc/testing';
import { URI, type TOTP } from 'otpauth';
import { Backend, newIdentity } from '../../support/verify-backend.js';
import { emulator } from '../../support/emulator.js';
import type { OtpInput } from '../../../src/elements/otp-input/otp-input.js';
import { appCode, button, codeInput, fieldError, mount, next, part, scanQr, started, title, totpSession, typeCode, until } from './helpers.js';

type RemoteFactor = { sid: string; status: string; factor_type: string; friendly_name: string };

describe('<verify-totp-enroll url> against the emulator (test/support/totp-endpoint-plugin.mjs as the site server)', function () {
  this.timeout(20_000);
  let backend: Backend;
  let identity: string;
  const factor = (sid: string): Promise<RemoteFactor> => backend.api('GET', `Entities/${encodeURIComponent(identity)}/Factors/${sid}`);

  before(async () => {
    backend = await Backend.create(await emulator());
  });
  beforeEach(async () => {
    identity = newIdentity();
    await totpSession(backend, identity);
  });

  it('sets up an app: the QR code holds the emulator\'s URI, the code it generates verifies the factor', async () => {
    const { el } = await mount(html`<verify-totp-enroll url="/test-totp" friendly-name="Phone app"></verify-totp-enroll>`);
    await started(el);
    const app = URI.parse(scanQr(el)) as TOTP;
    expect(app).to.have.property('period', 30);
    expect(part(el, 'key')!.textContent!.replaceAll(' ', '')).to.equal(app.secret.base32);
    expect((part(el, 'code') as OtpInput).length).to.equal(app.digits);
    const [created] = (await backend.api('GET', `Entities/${encodeURIComponent(identity)}/Factors`)).factors as RemoteFactor[];
    expect([created.status, created.factor_type, created.friendly_name]).to.deep.equal(['unverified', 'totp', 'Phone app']);
    const enrolled = next(el, 'verify-totp-enrolled');
    await typeCode(el, app.generate());
    expect((await enrolled).detail).to.deep.equal({ factorSid: created.sid });
    expect((await factor(created.sid)).status).to.equal('verified');
    await el.updateComplete;
    expect(title(el)).to.equal('Your authenticator app is set up.');
    expect(el.shadowRoot!.innerHTML).not.to.include(app.secret.base32);
  });

  it('a wrong code leaves the factor unverified (Verify answers 200 "unverified"); the right one then verifies it', async () => {
    const { el } = await mount(html`<verify-totp-enroll url="/test-totp"></verify-totp-enroll>`);
    await started(el);
    const right = appCode(el);
    const wrong = right.replace(/./, d => String((Number(d) + 5) % 10));
    const failed = next(el, 'verify-totp-error');
    await typeCode(el, wrong);
    expect((await failed).detail).to.include({ reason: 'wrong-code', step: 'confirm' });
    await until(el, () => codeInput(el)!.value === '', 'the field to be emptied');
    expect(fieldError(el)).to.equal('That code is not right. Enter the code the app shows now.');
    const [created] = (await backend.api('GET', `Entities/${encodeURIComponent(identity)}/Factors`)).factors as RemoteFactor[];
    expect(created.status).to.equal('unverified');
    const enrolled = next(el, 'verify-totp-enrolled');
    await typeCode(el, appCode(el));
    await enrolled;
    expect((await factor(created.sid)).status).to.equal('verified');
  });

  it('a factor deleted meanwhile (Verify answers 404): "expired", Start again makes a new one', async () => {
    const { el } = await mount(html`<verify-totp-enroll url="/test-totp"></verify-totp-enroll>`);
    await started(el);
    const [created] = (await backend.api('GET', `Entities/${encodeURIComponent(identity)}/Factors`)).factors as RemoteFactor[];
    await backend.api('DELETE', `Entities/${encodeURIComponent(identity)}/Factors/${created.sid}`);
    const failed = next(el, 'verify-totp-error');
    await typeCode(el, appCode(el));
    expect((await failed).detail).to.include({ reason: 'expired', step: 'confirm', status: 404 });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('This setup has expired. Start again to get a new key.');
    button(el, 'retry')!.click();
    await until(el, () => !!part(el, 'qr'), 'a new QR code');
    const enrolled = next(el, 'verify-totp-enrolled');
    await typeCode(el, appCode(el));
    expect((await enrolled).detail.factorSid).not.to.equal(created.sid);
  });

  it('a server error keeps its own words out of the page and the event (they might hold anything); its code and status go in', async () => {
    const hostile = '<img src=x onerror="window.hacked=1"> secret JBSWY3DPEHPK3PXP';
    await totpSession(backend, identity, { path: 'start', status: 500, body: { code: 20500, message: hostile } });
    const { el } = await mount(html`<verify-totp-enroll url="/test-totp"></verify-totp-enroll>`);
    const failed = next(el, 'verify-totp-error');
    button(el, 'start')!.click();
    const { detail } = await failed;
    expect(detail).to.deep.equal({ reason: 'backend', step: 'start', code: 20500, status: 500, message: 'POST /test-totp/start answered HTTP 500 (code 20500).' });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('The server could not finish this step. Try again later.');
    expect(el.shadowRoot!.innerHTML).not.to.include('JBSWY3DP');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('too many attempts (429): "rate-limited", said next to the field, the code kept', async () => {
    const { el } = await mount(html`<verify-totp-enroll url="/test-totp/"></verify-totp-enroll>`);
    await started(el);
    await totpSession(backend, identity, { path: 'confirm', status: 429, body: { code: 60203, message: 'Max check attempts reached' } });
    const code = appCode(el);
    const failed = next(el, 'verify-totp-error');
    await typeCode(el, code);
    expect((await failed).detail).to.include({ reason: 'rate-limited', status: 429, code: 60203 });
    await el.updateComplete;
    expect(fieldError(el)).to.equal('Too many attempts. Wait a minute and try again.');
    expect(codeInput(el)!.value).to.equal(code);
  });

  it('an answer that is no JSON is the server\'s fault', async () => {
    await totpSession(backend, identity, { path: 'start', status: 200, body: 'Deploying, try again' });
    const { el } = await mount(html`<verify-totp-enroll url="/test-totp"></verify-totp-enroll>`);
    const failed = next(el, 'verify-totp-error');
    button(el, 'start')!.click();
    expect((await failed).detail).to.include({ reason: 'backend', step: 'start' });
  });

  it('a server that does not answer: "network"', async () => {
    // Port 9 (discard) listens nowhere here: the connection is refused.
    const { el } = await mount(html`<verify-totp-enroll url="http://127.0.0.1:9/totp"></verify-totp-enroll>`);
    const failed = next(el, 'verify-totp-error');
    button(el, 'start')!.click();
    expect((await failed).detail).to.deep.equal({ reason: 'network', step: 'start', code: 0, message: "The site's server did not answer (POST http://127.0.0.1:9/totp/start)." });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('The server cannot be reached. Check the connection and try again.');
  });

  it("takes the service's code length (Totp.CodeLength=8) from the URI", async () => {
    await backend.updateService({ 'Totp.CodeLength': '8' });
    try {
      const { el } = await mount(html`<verify-totp-enroll url="/test-totp"></verify-totp-enroll>`);
      await started(el);
      expect((part(el, 'code') as OtpInput).length).to.equal(8);
      const enrolled = next(el, 'verify-totp-enrolled');
      await typeCode(el, appCode(el));
      await enrolled;
    } finally {
      await backend.updateService({ 'Totp.CodeLength': '6' });
    }
  });
});
