// The kit under a strict Content-Security-Policy, as security-minded sites set it: styles only from
// the page's origin (no 'unsafe-inline'), and, where the engine has Trusted Types, DOM sinks only
// through the policies the page allows: Lit's own, `lit-html`.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/otp-input/define.js';
import { enrollClient, promptClient, push, token } from '../locales/helpers.js';

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
});
