import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { LitElement } from 'lit';
import { Announcer } from '../../../src/elements/internal/announcer.js';

class AnnouncerHost extends LitElement {
  readonly announcer = new Announcer(this);
  override render() {
    return this.announcer.region;
  }
}
customElements.define('announcer-host', AnnouncerHost);

const region = (el: AnnouncerHost) => el.shadowRoot!.querySelector('[role="status"]')!;

describe('Announcer', () => {
  it('renders one polite status region, empty at first', async () => {
    const el = await fixture<AnnouncerHost>(html`<announcer-host></announcer-host>`);
    expect(el.shadowRoot!.querySelectorAll('[role="status"]')).to.have.length(1);
    expect(region(el).textContent).to.equal('');
  });

  it('puts new text in the region at the next render', async () => {
    const el = await fixture<AnnouncerHost>(html`<announcer-host></announcer-host>`);
    el.announcer.announce('Enrolled');
    await el.updateComplete;
    expect(region(el).textContent).to.equal('Enrolled');
  });

  it('says the same text twice: empties the region first, then fills it on the next frame', async () => {
    const el = await fixture<AnnouncerHost>(html`<announcer-host></announcer-host>`);
    el.announcer.announce('Code filled in');
    await el.updateComplete;
    el.announcer.announce('Code filled in');
    await el.updateComplete;
    expect(region(el).textContent).to.equal('', 'emptied, so screen readers see a change');
    await nextFrame();
    await el.updateComplete;
    expect(region(el).textContent).to.equal('Code filled in');
  });

  it('clear() empties the region and cancels a repeat still on its way', async () => {
    const el = await fixture<AnnouncerHost>(html`<announcer-host></announcer-host>`);
    el.announcer.announce('Approved');
    el.announcer.announce('Approved');
    el.announcer.clear();
    await nextFrame();
    await el.updateComplete;
    expect(region(el).textContent).to.equal('');
  });

  it('shows hostile text as text', async () => {
    const el = await fixture<AnnouncerHost>(html`<announcer-host></announcer-host>`);
    el.announcer.announce('<img src=x onerror="window.pwned=1">');
    await el.updateComplete;
    expect(region(el).querySelector('img')).to.equal(null);
    expect(region(el).textContent).to.equal('<img src=x onerror="window.pwned=1">');
  });
});
