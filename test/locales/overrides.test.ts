import { expect, fixture, html } from '@open-wc/testing';
import type { VerifyChallengePrompt } from '../../src/elements/verify-challenge-prompt/verify-challenge-prompt.js';
import type { VerifyEnroll } from '../../src/elements/verify-enroll/verify-enroll.js';
import { registerLocale } from '../../src/locales/localize.js';
import { enrollClient, promptClient, push, shows, text, token } from './helpers.js';

// registerLocale is page-wide: each test registers a language no other test of this file reads.
describe('rewording per page and per element', () => {
  const prompt = async (lang: string) =>
    (await fixture<HTMLElement>(html`<div lang=${lang}><verify-challenge-prompt .client=${promptClient()} .push=${push}></verify-challenge-prompt></div>`))
      .firstElementChild as VerifyChallengePrompt;

  it('registerLocale rewords one string of the kit\'s translation, on elements already shown too', async () => {
    const el = await prompt('it');
    await shows(el, () => text(el, 'approve'), 'Approva');
    registerLocale('it', { challengePrompt: { approve: 'Sì' } });
    await shows(el, () => text(el, 'approve'), 'Sì');
    expect(text(el, 'deny')).to.equal('Rifiuta'); // the rest stays the kit's
    const later = await prompt('it-CH');
    await shows(later, () => text(later, 'approve'), 'Sì'); // a region takes its language's strings
  });

  it('registerLocale adds a language; what it leaves out stays English', async () => {
    registerLocale('fr', { challengePrompt: { approve: 'Approuver', deny: 'Refuser' } });
    const el = await prompt('fr-FR');
    await shows(el, () => text(el, 'approve'), 'Approuver');
    expect([text(el, 'deny'), text(el, 'countdown')?.startsWith('Expires in ')]).to.deep.equal(['Refuser', true]);
  });

  it('a region registered on its own applies to that region only', async () => {
    registerLocale('pt-BR', { challengePrompt: { approve: 'Aprovar' } });
    const [brazil, portugal] = [await prompt('pt-BR'), await prompt('pt-PT')];
    await shows(brazil, () => text(brazil, 'approve'), 'Aprovar');
    expect(text(portugal, 'approve')).to.equal('Approve');
  });

  it('an element\'s strings win over the page\'s and the kit\'s', async () => {
    registerLocale('pl', { challengePrompt: { approve: 'Zatwierdź logowanie' } });
    const el = await prompt('pl');
    await shows(el, () => text(el, 'deny'), 'Odrzuć');
    expect(text(el, 'approve')).to.equal('Zatwierdź logowanie');
    el.strings = { approve: 'Tak, to ja' };
    await el.updateComplete;
    expect([text(el, 'approve'), text(el, 'deny')]).to.deep.equal(['Tak, to ja', 'Odrzuć']);

    const root = await fixture<HTMLElement>(
      html`<div lang="ja"><verify-enroll .client=${enrollClient()} .tokenProvider=${async () => token} .strings=${{ enroll: 'このブラウザで承認する' }}></verify-enroll></div>`,
    );
    const enroll = root.firstElementChild as VerifyEnroll;
    await shows(enroll, () => text(enroll, 'title'), 'このブラウザでサインインを承認');
    expect(text(enroll, 'button')).to.equal('このブラウザで承認する');
  });
});
