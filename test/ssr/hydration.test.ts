// Server-rendered by Lit SSR in Node (test/support/lit-ssr-plugin.mjs), parsed as a page's HTML
// (declarative shadow DOM), then hydrated by @lit-labs/ssr-client when the built kit defines the
// tags: hydration must keep the server's nodes and render nothing different, and the field works.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import type { OtpInput } from '../../src/elements/otp-input/otp-input.js';

const TAGS = 'otp-input, verify-enroll, verify-challenge-prompt';
// Not the otp-input test helpers: they define the tags from src/, whose templates are not the build's.
const chars = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part="char"]')].map(c => c.textContent);

describe('Lit SSR hydration of the three elements', () => {
  it('the server-rendered shadow DOM is kept as it is, and <otp-input> then takes typing', async () => {
    const markup = (await executeServerCommand('lit-ssr')) as string;
    const root = document.body.appendChild(document.createElement('div'));
    root.setHTMLUnsafe(markup);
    const elements = [...root.querySelectorAll<LitElement>(TAGS)];
    expect(elements.map(el => el.localName)).to.deep.equal(['otp-input', 'otp-input', 'verify-enroll', 'verify-challenge-prompt']);
    expect(elements.every(el => el.shadowRoot), 'the parser attached every declarative shadow root').to.equal(true);
    const before = elements.map(el => ({ html: el.shadowRoot!.innerHTML, nodes: [...el.shadowRoot!.querySelectorAll('*')] }));
    expect(chars(elements[0]!)).to.deep.equal(['2', '7', '1'], 'the server drew the value');

    // The build the server rendered (see the plugin), defining every tag: each element hydrates.
    await import('../../dist/index.js' as string);
    await Promise.all(elements.map(el => el.updateComplete));
    elements.forEach((el, i) => {
      expect(el.shadowRoot!.innerHTML, `${el.localName} #${i}: same shadow DOM`).to.equal(before[i]!.html);
      expect([...el.shadowRoot!.querySelectorAll('*')].every((node, n) => node === before[i]!.nodes[n]), `${el.localName} #${i}: same nodes`).to.equal(true);
    });

    const [withInput, withoutInput] = elements as [OtpInput, OtpInput];
    expect(withoutInput.querySelector('input'), 'the element added its input').to.exist;
    withInput.querySelector('input')!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '8' });
    await withInput.updateComplete;
    expect([withInput.value, withInput.querySelector('input')!.value]).to.deep.equal(['2718', '2718']);
    expect(chars(withInput)).to.deep.equal(['2', '7', '1', '8']);
    root.remove();
  });
});
