import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { FocusController } from '../../../src/elements/internal/focus.js';

/** A host whose render shows one of two buttons, or none. */
class FocusHost extends LitElement {
  static override properties = { shown: {} };
  shown: 'a' | 'b' | '' = 'a';
  readonly focusing = new FocusController(this);
  override render() {
    return litHtml`<p tabindex="-1">Title</p>${this.shown ? litHtml`<button id=${this.shown}>${this.shown}</button>` : ''}`;
  }
}
customElements.define('focus-host', FocusHost);

const active = (el: FocusHost) => { const a = el.shadowRoot!.activeElement; return a ? a.id || a.tagName : null; };

describe('FocusController', () => {
  let outside: HTMLInputElement;
  beforeEach(() => {
    outside = document.body.appendChild(document.createElement('input'));
  });
  afterEach(() => outside.remove());

  it('focuses what a selector finds once the host has rendered', async () => {
    const el = await fixture<FocusHost>(html`<focus-host></focus-host>`);
    el.focusing.request('#b');
    el.shown = 'b';
    await el.updateComplete;
    expect(active(el)).to.equal('b');
    expect(el.focusing.pending).to.equal(false);
  });

  it('waits for a render that shows the target', async () => {
    const el = await fixture<FocusHost>(html`<focus-host></focus-host>`);
    el.shown = '';
    el.focusing.request('#b');
    await el.updateComplete;
    expect(el.focusing.pending).to.equal(true);
    el.shown = 'b';
    await el.updateComplete;
    expect(active(el)).to.equal('b');
  });

  it('picks "this, else that" with a function', async () => {
    const el = await fixture<FocusHost>(html`<focus-host></focus-host>`);
    el.shown = '';
    el.focusing.request(root => root.querySelector<HTMLElement>('button') ?? root.querySelector<HTMLElement>('p'));
    await el.updateComplete;
    expect(active(el)).to.equal('P');
  });

  it('with ifHeld: follows when the focused button went away with the render', async () => {
    const el = await fixture<FocusHost>(html`<focus-host></focus-host>`);
    el.shadowRoot!.querySelector('button')!.focus();
    el.focusing.request('p', { ifHeld: true });
    el.shown = '';
    await el.updateComplete;
    expect(active(el)).to.equal('P');
  });

  it('with ifHeld: never takes focus from the rest of the page', async () => {
    const el = await fixture<FocusHost>(html`<focus-host></focus-host>`);
    outside.focus();
    el.focusing.request('#b', { ifHeld: true });
    el.shown = 'b';
    await el.updateComplete;
    expect(document.activeElement).to.equal(outside);
    expect(el.focusing.pending).to.equal(false, 'the request is spent, not left for a later render');
  });
});
