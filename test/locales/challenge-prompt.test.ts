import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { VerifyChallengePrompt } from '../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import { announced, part, promptClient, push, shows, text } from './helpers.js';

// What a user of each language sees and hears, written out (not read from the locale files).
const SEEN = {
  en: {
    pickNumber: 'Pick the number shown on the sign-in screen',
    approve: 'Approve',
    deny: 'Deny',
    countdown: /^Expires in 0:1[0-2]$/,
    expiresIn10: /^Expires in 10 seconds$/,
    report: 'Report as suspicious?',
    yes: 'Yes',
    no: 'No',
    reported: 'Denied and reported as suspicious',
    error: 'Failure 60404 from the fake client.',
  },
  ja: {
    pickNumber: 'サインイン画面に表示されている番号を選んでください',
    approve: '承認',
    deny: '拒否',
    countdown: /^残り0:1[0-2]$/,
    expiresIn10: /^10\s?秒後に期限切れになります。$/,
    report: '不審なサインインとして報告しますか？',
    yes: 'はい',
    no: 'いいえ',
    reported: '拒否し、不審なサインインとして報告しました',
    error: 'エラーが発生しました（コード 60404）。',
  },
  it: {
    pickNumber: 'Scegli il numero mostrato nella schermata di accesso',
    approve: 'Approva',
    deny: 'Rifiuta',
    countdown: /^Scade tra 0:1[0-2]$/,
    expiresIn10: /^Scade tra 10 secondi$/,
    report: 'Vuoi segnalare questo accesso come sospetto?',
    yes: 'Sì',
    no: 'No',
    reported: 'Rifiutato e segnalato come sospetto',
    error: 'Si è verificato un errore (codice 60404).',
  },
  pl: {
    pickNumber: 'Wybierz liczbę widoczną na ekranie logowania',
    approve: 'Zatwierdź',
    deny: 'Odrzuć',
    countdown: /^Wygasa za 0:1[0-2]$/,
    expiresIn10: /^Wygasa za 10 sekund$/,
    report: 'Zgłosić to logowanie jako podejrzane?',
    yes: 'Tak',
    no: 'Nie',
    reported: 'Odrzucono i zgłoszono jako podejrzane',
    error: 'Wystąpił błąd (kod 60404).',
  },
};

async function prompt(lang: string, client = promptClient({ choices: '3,14,15' })) {
  const root = await fixture<HTMLElement>(html`<div lang=${lang}><verify-challenge-prompt .client=${client} .push=${push}></verify-challenge-prompt></div>`);
  const el = root.querySelector('verify-challenge-prompt') as VerifyChallengePrompt;
  await waitUntil(() => el.state !== 'loading', 'the challenge to load');
  return { root, el };
}

describe('<verify-challenge-prompt> in each language', function () {
  this.timeout(20_000);

  for (const [lang, seen] of Object.entries(SEEN)) {
    it(`${lang}: the question, the countdown and its announcement, the report question and the outcome`, async () => {
      const { el } = await prompt(lang, promptClient({ choices: '3,14,15', expiresIn: 11.9 }));
      await shows(el, () => text(el, 'approve'), seen.approve);
      expect(el.shadowRoot!.querySelector('legend')!.textContent).to.equal(seen.pickNumber);
      expect(text(el, 'deny')).to.equal(seen.deny);
      expect(text(el, 'countdown')).to.match(seen.countdown);
      await waitUntil(() => seen.expiresIn10.test(announced(el)), `the 10 s announcement (it says "${announced(el)}")`, { timeout: 3000 });
      await expect(el).to.be.accessible();

      part(el, 'deny')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="report"] legend')!.textContent).to.equal(seen.report);
      expect([text(el, 'report-yes'), text(el, 'report-no')]).to.deep.equal([seen.yes, seen.no]);
      await expect(el).to.be.accessible();
      part(el, 'report-yes')!.click();
      await waitUntil(() => el.state === 'denied', 'denied');
      await el.updateComplete;
      expect(text(el, 'status')).to.equal(seen.reported);
      expect(announced(el)).to.equal(seen.reported);
    });

    it(`${lang}: an error the user cannot fix says so in the page's language`, async () => {
      const { el } = await prompt(lang, promptClient({ failWith: 60404 }));
      await shows(el, () => text(el, 'status'), seen.error);
      await expect(el).to.be.accessible();
    });
  }

  it('ja-JP takes Japanese; an unknown language (de) stays English', async () => {
    const { el: ja } = await prompt('ja-JP');
    const { el: de } = await prompt('de');
    await shows(ja, () => text(ja, 'approve'), '承認');
    expect([text(de, 'approve'), text(de, 'deny')]).to.deep.equal(['Approve', 'Deny']);
  });

  it('takes lang from itself before its ancestors', async () => {
    const root = await fixture<HTMLElement>(
      html`<div lang="ja"><verify-challenge-prompt lang="pl" .client=${promptClient()} .push=${push}></verify-challenge-prompt></div>`,
    );
    const el = root.firstElementChild as VerifyChallengePrompt;
    await shows(el, () => text(el, 'approve'), 'Zatwierdź');
  });

  it('takes lang from <html> when nothing nearer sets one', async () => {
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.lang = 'it';
    try {
      const { el } = await prompt('');
      // lang="" means "unknown", which is nearer than <html>: English.
      expect(text(el, 'approve')).to.equal('Approve');
      el.parentElement!.removeAttribute('lang');
      await shows(el, () => text(el, 'approve'), 'Approva');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.lang = before;
    }
  });

  it('follows lang inside another component\'s shadow root, and its changes there', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="it"></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<section lang="pl"><verify-challenge-prompt></verify-challenge-prompt></section><verify-challenge-prompt></verify-challenge-prompt>';
    const [inner, outer] = [...shadow.querySelectorAll('verify-challenge-prompt')] as VerifyChallengePrompt[];
    Object.assign(inner, { client: promptClient(), push });
    Object.assign(outer, { client: promptClient(), push });
    await shows(inner, () => text(inner, 'approve'), 'Zatwierdź');
    await shows(outer, () => text(outer, 'approve'), 'Approva'); // from the host's light-DOM ancestor
    shadow.querySelector('section')!.lang = 'ja';
    await shows(inner, () => text(inner, 'approve'), '承認');
    host.lang = 'pl';
    await shows(outer, () => text(outer, 'approve'), 'Zatwierdź');
  });

  it('renders again when lang changes at runtime, back to English when it goes', async () => {
    const { root, el } = await prompt('ja');
    await shows(el, () => text(el, 'deny'), '拒否');
    root.lang = 'pl';
    await shows(el, () => text(el, 'deny'), 'Odrzuć');
    expect(text(el, 'countdown')).to.match(/^Wygasa za [45]:\d\d$/);
    root.removeAttribute('lang');
    await shows(el, () => text(el, 'deny'), 'Deny');
  });
});
