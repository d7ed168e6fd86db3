// The CDN build as a page without a bundler uses it: one module script, the folder served as it is.
// This file imports nothing of the kit's sources, so the tags are defined only by what it loads.
import { expect, waitUntil } from '@open-wc/testing';

const AUTOLOADER = '/dist/cdn/autoloader.js';

describe('dist/cdn/autoloader.js', () => {
  it('defines a tag when it first appears, and nothing the page does not use', async () => {
    expect(customElements.get('otp-input')).to.equal(undefined);
    const { discover } = (await import(AUTOLOADER)) as { discover: (root: ParentNode) => Promise<unknown[]> };
    const field = document.body.appendChild(document.createElement('div'));
    field.innerHTML = '<label for="c">Code</label><otp-input value="12"><input id="c"></otp-input>';
    await waitUntil(() => customElements.get('otp-input'), 'otp-input defined', { timeout: 5000 });
    const el = field.querySelector('otp-input')! as HTMLElement & { updateComplete: Promise<boolean>; value: string };
    await el.updateComplete;
    const chars = [...el.shadowRoot!.querySelectorAll('[part="char"]')].map(c => c.textContent);
    expect(chars).to.deep.equal(['1', '2']);
    expect(el.value).to.equal('12');
    expect(customElements.get('verify-enroll')).to.equal(undefined, 'no code for tags the page does not use');

    // A tag inside a shadow root is found when that root is handed to discover().
    const host = document.body.appendChild(document.createElement('div'));
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<verify-challenge-prompt></verify-challenge-prompt>';
    await discover(root);
    expect(customElements.get('verify-challenge-prompt')).to.not.equal(undefined);
    field.remove();
    host.remove();
  });

  it('defines <verify-totp-enroll>, which draws its QR code with lean-qr bundled into the CDN build', async () => {
    await import(AUTOLOADER);
    // As a page sets a property on a tag not defined yet: the element takes it when it upgrades.
    const el = Object.assign(document.createElement('verify-totp-enroll'), {
      provider: {
        start: async () => ({ factorSid: `YF${'c'.repeat(32)}`, uri: 'otpauth://totp/Example:a?secret=JBSWY3DPEHPK3PXP&issuer=Example', secret: 'JBSWY3DPEHPK3PXP' }),
        confirm: async () => ({ status: 'verified' }),
      },
    });
    el.setAttribute('autostart', '');
    const page = document.body.appendChild(document.createElement('div'));
    page.append(el);
    await waitUntil(() => customElements.get('verify-totp-enroll'), 'verify-totp-enroll defined', { timeout: 5000 });
    await waitUntil(() => el.shadowRoot?.querySelector('[part="qr"] path')?.getAttribute('d'), 'the QR code drawn', { timeout: 5000 });
    expect(customElements.get('otp-input'), 'the code field comes with it').to.not.equal(undefined);
    page.remove();
  });
});
