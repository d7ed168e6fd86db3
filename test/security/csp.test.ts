// The kit under a strict Content-Security-Policy, as security-minded sites set it: styles only from
// the page's origin (no 'unsafe-inline'), and, where the engine has Trusted Types, DOM sinks only
// through the policies the page allows: Lit's own, `lit-html`.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/otp-input/define.js';
import '../../src/elements/verify-passkey/define.js';
import { enrollClient, promptClient, push, token } from '../locales/helpers.js';
import { appCode, mount, pageProvider, part, started, title, typeCode, until } from '../elements/verify-totp-enroll/helpers.js';

const POLICY = "default-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";
const violations: string[] = [];

describe('under a strict Content-Security-Policy and Trusted Types', () => {
  before(() => {
    document.addEventListener('securitypolicyviolation', e => violations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
    const meta = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: POLICY });
    document.head.append(meta);
  });

  it('the policy is in force (so the next test can fail)', async () => {
    const probe = document.body.appendChild(document.createElement('div'));
    probe.setAttribute('style', 'color: red'); // an inline style attribute: refused by style-src
    await waitUntil(() => violations.length > 0, 'a style-src violation');
    expect(violations[0]).to.match(/^style-src/);
    if ('trustedTypes' in window) {
      expect(() => (probe.innerHTML = '<b>x</b>')).to.throw(TypeError);
      await waitUntil(() => violations.some(v => v.startsWith('require-trusted-types-for')), 'a Trusted Types violation');
    }
    probe.remove();
    violations.length = 0;
  });

  it('every element renders, styled, with no violation', async () => {
    const root = await fixture<HTMLElement>(html`<div>
      <otp-input value="12"></otp-input>
      <verify-enroll .client=${enrollClient()} .tokenProvider=${async () => token}></verify-enroll>
      <verify-challenge-prompt .client=${promptClient()} .push=${push}></verify-challenge-prompt>
    </div>`);
    const prompt = root.querySelector('verify-challenge-prompt')! as HTMLElement & { state: string };
    await waitUntil(() => prompt.state === 'pending', `the prompt shows the challenge (state ${prompt.state})`);
    const otp = root.querySelector('otp-input')!;
    const chars = [...otp.shadowRoot!.querySelectorAll('[part="char"]')].map(c => c.textContent);
    expect(chars).to.deep.equal(['1', '2']);
    // Styled: the boxes are laid out in a row (a flex item of the field), which only the element's stylesheet does.
    expect(getComputedStyle(otp.shadowRoot!.querySelector('[part="boxes"]')!).display).to.equal('flex');
    expect(prompt.shadowRoot!.querySelector('[part="approve"]')).to.not.equal(null);
    expect(violations).to.deep.equal([]);
  });

  it('<verify-passkey> renders, styled, and <verify-totp-enroll> draws its QR code and sets up an app, with no violation', async () => {
    const passkey = await fixture<HTMLElement>(html`<verify-passkey mode="sign-in" url="/passkeys"></verify-passkey>`);
    // Its button, or where the engine has no WebAuthn (WebKitGTK) the title that says so.
    expect(passkey.shadowRoot!.querySelector('button, [part="title"]')!.textContent).to.not.equal('');
    // Styled: the element's own stylesheet lays out its container.
    expect(getComputedStyle(passkey).display).to.equal('block');
    const totp = (await mount(html`<verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll>`)).el;
    await started(totp);
    expect(part(totp, 'qr')!.querySelectorAll('path').length).to.be.greaterThan(0);
    await typeCode(totp, appCode(totp));
    await until(totp, () => title(totp) === 'Your authenticator app is set up.' && !part(totp, 'qr'), 'the app is set up');
    expect(violations).to.deep.equal([]);
  });
});
