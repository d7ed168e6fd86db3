import { expect } from '@open-wc/testing';
import { Backend, enroll, mount, part, until } from './helpers.js';
import { emulator } from '../../support/emulator.js';

// Every other state is checked with axe where the behaviour tests reach it (answer.test.ts,
// states.test.ts); these are the ones only a slow server shows, and the page settings.
describe('<verify-challenge-prompt> accessibility', function () {
  this.timeout(20_000);
  let backend: Backend;

  before(async () => {
    backend = await Backend.create(await emulator());
  });

  async function pending(options: Parameters<Awaited<ReturnType<typeof enroll>>['challenge']>[0] = {}, wrapper?: string) {
    const { client, challenge } = await enroll(backend);
    const { sid, push } = await challenge(options);
    const mounted = await mount({ client, push }, {}, wrapper);
    await until(mounted.el, 'pending');
    return { ...mounted, sid };
  }

  for (const approve of [true, false]) {
    it(`passes axe while ${approve ? 'approving' : 'denying'} (busy, buttons disabled)`, async () => {
      const { el, sid } = await pending({ hiddenDetails: { match_choices: '3,14,15' } });
      await backend.faults({ delayMs: 1500, count: 1, path: `/Challenges/${sid}` });
      if (approve) {
        el.shadowRoot!.querySelector<HTMLInputElement>('input[value="14"]')!.click();
        await el.updateComplete;
        part(el, 'approve')!.click();
      } else {
        part(el, 'deny')!.click();
        await el.updateComplete;
        part(el, 'report-no')!.click();
      }
      await el.updateComplete;
      expect(el.state).to.equal(approve ? 'approving' : 'denying');
      expect(part(el, 'container')!.getAttribute('aria-busy')).to.equal('true');
      const buttons = [...el.shadowRoot!.querySelectorAll('button')];
      expect(buttons.length).to.be.greaterThan(0);
      expect(buttons.every(b => b.disabled)).to.equal(true);
      await expect(el).to.be.accessible();
      await until(el, approve ? 'approved' : 'denied', 5000);
    });
  }

  it('passes axe in dark mode, right to left, with fields and number matching', async () => {
    const { el, root } = await pending(
      { message: 'تسجيل الدخول إلى المثال؟', fields: [{ label: 'المتصفح', value: 'Firefox' }], hiddenDetails: { match_choices: '7,21,63' } },
      'color-scheme: dark; background: #111; color: #eee; direction: rtl; inline-size: 22rem',
    );
    root.setAttribute('dir', 'rtl');
    await expect(root).to.be.accessible();
    expect(getComputedStyle(part(el, 'container')!).direction).to.equal('rtl');
  });

  it('is built from real controls and one polite live region; the countdown is not live', async () => {
    const { el } = await pending({ hiddenDetails: { match_choices: '1,2,3' } });
    const root = el.shadowRoot!;
    expect(part(el, 'approve')!.localName).to.equal('button');
    expect(part(el, 'deny')!.localName).to.equal('button');
    expect(root.querySelectorAll('input[type="radio"]')).to.have.length(3);
    expect(part(el, 'choices')!.localName).to.equal('fieldset');
    expect(part(el, 'message')!.localName).to.equal('h2');
    const live = root.querySelectorAll('[role="status"], [aria-live]');
    expect(live).to.have.length(1);
    expect(part(el, 'countdown')!.getAttribute('role')).to.equal('timer'); // aria-live off by default
  });
});
