import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { VerifyChallengePrompt } from '../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import type { VerifyEnroll } from '../../src/elements/verify-enroll/verify-enroll.js';
import { registerLocale } from '../../src/locales/localize.js';
import { enrollClient, part, promptClient, push, shows, text, token } from './helpers.js';

// The kit ships no right-to-left language: an Arabic site registers its own strings.
registerLocale('ar', {
  challengePrompt: { approve: 'موافقة', deny: 'رفض', timeLeft: (_, clock) => `تنتهي الصلاحية خلال ${clock}` },
  verifyEnroll: {
    enroll: 'تسجيل هذا المتصفح',
    steps: { permission: 'السماح بالإشعارات', key: 'إنشاء مفتاح', register: 'تسجيل المتصفح', verify: 'التحقق من المفتاح' },
    stepStates: { pending: '، لم يبدأ', active: '، قيد التنفيذ', done: '، تم', failed: '، فشل' },
  },
});

/** Where character `index` of the first text node of `node` is drawn. */
function charBox(node: Node, index: number): DOMRect {
  const textNode = [...node.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
  const range = document.createRange();
  range.setStart(textNode, index);
  range.setEnd(textNode, index + 1);
  return range.getBoundingClientRect();
}

const center = (box: DOMRect) => box.left + box.width / 2;

describe('right to left (dir="rtl")', () => {
  for (const dir of ['ltr', 'rtl']) {
    it(`<verify-challenge-prompt> ${dir}: buttons from the ${dir === 'rtl' ? 'right' : 'left'}, the time left in its real order`, async () => {
      const root = await fixture<HTMLElement>(
        html`<div dir=${dir} lang="ar" style="inline-size: 24rem"><verify-challenge-prompt .client=${promptClient()} .push=${push}></verify-challenge-prompt></div>`,
      );
      const el = root.firstElementChild as VerifyChallengePrompt;
      await shows(el, () => text(el, 'approve'), 'موافقة');
      expect(getComputedStyle(part(el, 'container')!).direction).to.equal(dir);
      const [approve, deny] = [part(el, 'approve')!.getBoundingClientRect(), part(el, 'deny')!.getBoundingClientRect()];
      expect(dir === 'rtl' ? approve.left > deny.right : approve.right < deny.left).to.equal(true);

      // "4:59" reads 4, then 59, left to right, inside right-to-left words that read from the right.
      const countdown = part(el, 'countdown')!;
      const shown = countdown.textContent!;
      expect(shown).to.match(/^تنتهي الصلاحية خلال [45]:\d\d$/);
      const colon = shown.indexOf(':');
      expect(center(charBox(countdown, colon - 1))).to.be.below(center(charBox(countdown, colon + 2)));
      expect(center(charBox(countdown, 0))).to.be.above(center(charBox(countdown, 1)));
      await expect(root).to.be.accessible();
    });
  }

  it('<verify-enroll dir="rtl">: marks before the step names on the right, the button on the right', async () => {
    const root = await fixture<HTMLElement>(
      html`<div lang="ar" style="inline-size: 28rem"><verify-enroll dir="rtl" .client=${enrollClient()} .tokenProvider=${async () => token}></verify-enroll></div>`,
    );
    const el = root.firstElementChild as VerifyEnroll;
    await shows(el, () => text(el, 'button'), 'تسجيل هذا المتصفح');
    expect(getComputedStyle(part(el, 'container')!).direction).to.equal('rtl');
    expect(center(part(el, 'button')!.getBoundingClientRect())).to.be.above(center(part(el, 'container')!.getBoundingClientRect()));
    part(el, 'button')!.click();
    await waitUntil(() => part(el, 'step-done'), 'a step done');
    await el.updateComplete;
    const step = part(el, 'step')!;
    expect(step.textContent).to.equal('✓إنشاء مفتاح، تم');
    const mark = part(el, 'step-icon')!.getBoundingClientRect();
    expect(mark.left).to.be.above(center(charBox(step, 0)));
    // The first letter of the name is drawn at its right end.
    expect(center(charBox(step, 0))).to.be.above(center(charBox(step, 1)));
    await expect(el).to.be.accessible();
  });
});
