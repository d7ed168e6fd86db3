import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { VerifyEnroll } from '../../src/elements/verify-enroll/verify-enroll.js';
import { enrollClient, text, token } from './helpers.js';

// Its own file: Polish must not have loaded on this page before.
describe('a translation that arrives while the element is out of the page', () => {
  it('shows once the element is back, with the same lang', async () => {
    // What the element loads to check this browser, cached, so it settles before Polish arrives.
    await Promise.all([import('../../src/elements/internal/load-client.js'), import('../../src/push/polling.js')]);
    const root = await fixture<HTMLElement>(html`<div lang="pl"></div>`);
    const el = Object.assign(document.createElement('verify-enroll'), { client: enrollClient(), tokenProvider: async () => token }) as VerifyEnroll;
    root.append(el); // starts loading Polish
    el.remove();
    await import('../../src/locales/pl.js');
    await aTimeout(50);
    expect(text(el, 'title')).to.equal('Approve sign-ins on this browser'); // rendered while out, before Polish came
    root.append(el);
    await el.updateComplete;
    expect(text(el, 'title')).to.equal('Zatwierdzaj logowania w tej przeglądarce');
  });
});
