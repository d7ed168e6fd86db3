import { expect, html } from '@open-wc/testing';
import { URI, type TOTP } from 'otpauth';
import { VerifyTotpEnrolledEvent, VerifyTotpErrorEvent, type VerifyTotpErrorDetail } from '../../../src/elements/verify-totp-enroll/events.js';
import type { OtpInput } from '../../../src/elements/otp-input/otp-input.js';
import { announced, appCode, button, codeInput, fieldError, mount, next, pageProvider, part, scanQr, started, title, typeCode, until, type VerifyTotpEnroll } from './helpers.js';

/** Every `verify-totp-error` and `verify-totp-enrolled` the element fires, to check that none holds the key. */
function recordEvents(el: VerifyTotpEnroll) {
  const seen: unknown[] = [];
  for (const type of ['verify-totp-error', 'verify-totp-enrolled']) el.addEventListener(type, e => seen.push((e as CustomEvent).detail));
  return seen;
}

const wrongCode = (right: string) => right.replace(/./, d => String((Number(d) + 1) % 10));

describe('<verify-totp-enroll> states (the site server played in the page)', function () {
  this.timeout(20_000);

  it('starts on a click: a QR code of the URI with its text alternative, the key in groups of four, a field as long as the codes', async () => {
    const provider = pageProvider({ issuer: 'Example Bank', account: 'alice@example.com' });
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    expect(title(el)).to.equal('Use an authenticator app');
    expect(part(el, 'qr')).to.equal(null);
    await started(el);
    expect(title(el)).to.equal('Scan this QR code with your authenticator app');
    expect(announced(el)).to.equal('Scan this QR code with your authenticator app. Then enter the 6-digit code the app shows.');
    const qr = part(el, 'qr')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal('QR code that adds Example Bank, alice@example.com to an authenticator app');
    // What a phone reads from the code is the URI the server gave, to the letter.
    expect(scanQr(el)).to.equal(provider.totp!.toString());
    const secret = provider.totp!.secret.base32;
    expect(secret).to.have.length(32);
    expect(part(el, 'key')!.textContent).to.equal(secret.match(/.{4}/g)!.join(' '));
    expect((part(el, 'code') as OtpInput).length).to.equal(6);
    expect(part(el, 'enter-code')!.textContent).to.equal('Then enter the 6-digit code the app shows.');
  });

  it('groups a key whose length is no multiple of four with a short last group', async () => {
    const provider = pageProvider();
    provider.start = async () => ({ factorSid: `YF${'b'.repeat(32)}`, uri: 'otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXPQ&issuer=Example', secret: 'JBSWY3DPEHPK3PXPQ' });
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await started(el);
    expect(part(el, 'key')!.textContent).to.equal('JBSW Y3DP EHPK 3PXP Q');
  });

  it('takes the code length from the URI: 8 digits', async () => {
    const provider = pageProvider({ digits: 8 });
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await started(el);
    expect((part(el, 'code') as OtpInput).length).to.equal(8);
    expect(part(el, 'enter-code')!.textContent).to.equal('Then enter the 8-digit code the app shows.');
    const enrolled = next(el, 'verify-totp-enrolled');
    await typeCode(el, appCode(el));
    await enrolled;
  });

  it('confirms the code the app shows: verify-totp-enrolled with the factor sid, and the key and QR code leave the page', async () => {
    const provider = pageProvider();
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    const seen = recordEvents(el);
    await started(el);
    const secret = provider.totp!.secret.base32;
    const uri = scanQr(el);
    const enrolled = next(el, 'verify-totp-enrolled');
    // The field submits itself once complete.
    await typeCode(el, appCode(el));
    const event = await enrolled;
    expect(event).to.be.instanceOf(VerifyTotpEnrolledEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({ factorSid: `YF${'a'.repeat(32)}` });
    await el.updateComplete;
    expect(title(el)).to.equal('Your authenticator app is set up.');
    expect(announced(el)).to.equal('Your authenticator app is set up.');
    for (const gone of ['qr', 'key', 'form', 'code']) expect(part(el, gone), gone).to.equal(null);
    const page = el.shadowRoot!.innerHTML;
    expect(page).not.to.include(secret);
    expect(page).not.to.include(secret.slice(0, 4) + ' ');
    expect(JSON.stringify(seen)).not.to.include(secret);
    expect(JSON.stringify(seen)).not.to.include(uri);
  });

  it('a wrong code: the message next to the field, announced, verify-totp-error "wrong-code", the field emptied and focused; then the right code', async () => {
    const provider = pageProvider();
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    const seen = recordEvents(el);
    await started(el);
    const failed = next(el, 'verify-totp-error');
    await typeCode(el, wrongCode(appCode(el)));
    const { detail } = await failed;
    expect(detail).to.deep.equal({ reason: 'wrong-code', step: 'confirm', code: 0, message: 'The code did not match the key.' });
    await until(el, () => codeInput(el)!.value === '' && el.shadowRoot!.activeElement === codeInput(el), 'the field to be emptied and focused');
    const message = 'That code is not right. Enter the code the app shows now.';
    expect(fieldError(el)).to.equal(message);
    expect(announced(el)).to.equal(message);
    expect((part(el, 'code') as OtpInput).invalid).to.equal(true);
    expect(title(el)).to.equal('Scan this QR code with your authenticator app');
    const enrolled = next(el, 'verify-totp-enrolled');
    await typeCode(el, appCode(el));
    await enrolled;
    expect(JSON.stringify(seen)).not.to.include(provider.totp!.secret.base32);
  });

  it('the server does not answer the code: "network", the code stays for Confirm to send again', async () => {
    const provider = pageProvider();
    const confirm = provider.confirm;
    provider.confirm = () => Promise.reject(new TypeError('Failed to fetch'));
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await started(el);
    const code = appCode(el);
    const failed = next(el, 'verify-totp-error');
    await typeCode(el, code);
    expect((await failed).detail).to.include({ reason: 'network', step: 'confirm' });
    await el.updateComplete;
    expect(fieldError(el)).to.equal('The server cannot be reached. Check the connection and try again.');
    expect(codeInput(el)!.value).to.equal(code);
    provider.confirm = confirm;
    const enrolled = next(el, 'verify-totp-enrolled');
    button(el, 'confirm')!.click();
    await enrolled;
  });

  it('an enrollment gone on the server (404): "expired", the key dropped, Start again gets a new one', async () => {
    const provider = pageProvider();
    provider.confirm = () => Promise.reject(Object.assign(new Error('Factor not found'), { status: 404, code: 20404 }));
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await started(el);
    const first = provider.totp!.secret.base32;
    const failed = next(el, 'verify-totp-error');
    await typeCode(el, appCode(el));
    expect((await failed).detail).to.deep.equal({ reason: 'expired', step: 'confirm', code: 20404, status: 404, message: 'Factor not found' });
    await el.updateComplete;
    expect(title(el)).to.equal('Setting up the app did not finish.');
    expect(part(el, 'error')!.textContent).to.equal('This setup has expired. Start again to get a new key.');
    expect(part(el, 'qr')).to.equal(null);
    expect(el.shadowRoot!.innerHTML).not.to.include(first);
    button(el, 'retry')!.click();
    await until(el, () => !!part(el, 'qr'), 'a new QR code');
    expect(provider.totp!.secret.base32).not.to.equal(first);
    expect(scanQr(el)).to.equal(provider.totp!.toString());
  });

  const startFailures: [string, () => Promise<never>, Partial<VerifyTotpErrorDetail>][] = [
    ['a refusal (500)', () => Promise.reject(Object.assign(new Error('HTTP 500'), { status: 500 })), { reason: 'backend', status: 500 }],
    ['too many attempts (429)', () => Promise.reject(Object.assign(new Error('HTTP 429'), { status: 429, code: 60203 })), { reason: 'rate-limited', status: 429, code: 60203 }],
    ['no answer', () => Promise.reject(new TypeError('Failed to fetch')), { reason: 'network' }],
  ];
  for (const [name, start, expected] of startFailures) {
    it(`start fails with ${name}: verify-totp-error "${expected.reason}", the message, Start again`, async () => {
      const provider = pageProvider();
      const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...provider, start }}></verify-totp-enroll>`);
      const failed = next(el, 'verify-totp-error');
      button(el, 'start')!.click();
      const event = await failed;
      expect(event).to.be.instanceOf(VerifyTotpErrorEvent);
      expect(event.detail).to.include({ step: 'start', ...expected });
      await el.updateComplete;
      expect(title(el)).to.equal('Setting up the app did not finish.');
      expect(button(el, 'retry')!.textContent).to.equal('Start again');
    });
  }

  const malformed: [string, object | undefined][] = [
    ['no answer body', undefined],
    ['a URI of another kind', { factorSid: 'YF1', uri: 'https://example.com/?secret=JBSWY3DP', secret: 'JBSWY3DP' }],
    ['a hotp URI', { factorSid: 'YF1', uri: 'otpauth://hotp/Example:a?secret=JBSWY3DP&counter=0', secret: 'JBSWY3DP' }],
    ['a key that is not base32', { factorSid: 'YF1', uri: 'otpauth://totp/Example:a?secret=JBSWY3DP', secret: 'not base32!' }],
    ['more digits than a field holds', { factorSid: 'YF1', uri: 'otpauth://totp/Example:a?secret=JBSWY3DP&digits=13', secret: 'JBSWY3DP' }],
  ];
  for (const [name, answer] of malformed) {
    it(`a start answer with ${name} is the server's fault ("backend"), and nothing of it is shown`, async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${{ ...pageProvider(), start: async () => answer }}></verify-totp-enroll>`);
      const failed = next(el, 'verify-totp-error');
      button(el, 'start')!.click();
      expect((await failed).detail).to.deep.equal({
        reason: 'backend',
        step: 'start',
        code: 0,
        message: 'The start answer lacks a factorSid, an otpauth://totp/ uri or a base32 secret.',
      });
      await el.updateComplete;
      expect(part(el, 'qr')).to.equal(null);
      expect(part(el, 'key')).to.equal(null);
    });
  }

  it('without url or provider: "setup", said plainly', async () => {
    const { el } = await mount(html`<verify-totp-enroll></verify-totp-enroll>`);
    const failed = next(el, 'verify-totp-error');
    button(el, 'start')!.click();
    expect((await failed).detail).to.deep.equal({ reason: 'setup', step: 'start', code: 0, message: '<verify-totp-enroll> needs url or provider.' });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('This page cannot set up an authenticator app.');
  });

  it('shows hostile issuer and account names as text', async () => {
    const issuer = '<img src=x onerror="window.hacked=1">';
    const account = '"><script>window.hacked=2</script>';
    const provider = pageProvider({ issuer, account });
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await started(el);
    expect(part(el, 'qr')!.getAttribute('aria-label')).to.equal(`QR code that adds ${issuer}, ${account} to an authenticator app`);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
    // And the code still carries them, for the app to show.
    const scanned = URI.parse(scanQr(el)) as TOTP;
    expect([scanned.issuer, scanned.label]).to.deep.equal([issuer, account]);
  });

  it('copies the key without spaces; says so, and announces it', async () => {
    const provider = pageProvider();
    const { el } = await mount(html`<verify-totp-enroll .provider=${provider}></verify-totp-enroll>`);
    await started(el);
    // The narrowest seam: what the browser's clipboard was given (engines differ in letting a test read it back).
    const written: string[] = [];
    const restore = stubClipboard(async text => void written.push(text));
    try {
      button(el, 'copy')!.click();
      await until(el, () => !!part(el, 'copy-status'), 'the copy status');
    } finally {
      restore();
    }
    expect(written).to.deep.equal([provider.totp!.secret.base32]);
    expect(part(el, 'copy-status')!.textContent).to.equal('Key copied.');
    expect(announced(el)).to.equal('Key copied.');
  });

  for (const [name, writeText] of [
    ['refused', () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))],
    ['missing (an insecure page)', undefined],
  ] as const) {
    it(`a clipboard ${name}: a clear message, and the key stays to be selected by hand`, async () => {
      const { el } = await mount(html`<verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll>`);
      await started(el);
      const restore = stubClipboard(writeText);
      try {
        button(el, 'copy')!.click();
        await until(el, () => !!part(el, 'copy-status'), 'the copy status');
      } finally {
        restore();
      }
      const message = 'The browser did not allow copying. Select the key and copy it yourself.';
      expect(part(el, 'copy-status')!.textContent).to.equal(message);
      expect(announced(el)).to.equal(message);
      expect(getComputedStyle(part(el, 'key')!).userSelect).to.equal('all');
    });
  }

  it('autostart: starts on load, without taking focus', async () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    try {
      const { el } = await mount(html`<verify-totp-enroll autostart .provider=${pageProvider()}></verify-totp-enroll>`);
      await until(el, () => !!part(el, 'qr'), 'the QR code');
      expect(button(el, 'start')).to.equal(null);
      expect(document.activeElement).to.equal(outside);
    } finally {
      outside.remove();
    }
  });

  for (const [lang, titleText, enterCode] of [
    ['ja', '認証アプリでこの QR コードをスキャンしてください', '次に、アプリに表示されている6桁のコードを入力してください。'],
    ['it', 'Scansiona questo codice QR con la tua app di autenticazione', "Poi inserisci il codice di 6 cifre mostrato dall'app."],
    ['pl', 'Zeskanuj ten kod QR w aplikacji uwierzytelniającej', 'Następnie wpisz 6-cyfrowy kod widoczny w aplikacji.'],
  ]) {
    it(`speaks ${lang} under lang="${lang}", down to the wrong-code message`, async () => {
      const { el } = await mount(html`<div lang=${lang}><verify-totp-enroll .provider=${pageProvider()}></verify-totp-enroll></div>`);
      await until(el, () => title(el) !== 'Use an authenticator app', 'the translation');
      await started(el);
      expect(title(el)).to.equal(titleText);
      expect(part(el, 'enter-code')!.textContent).to.equal(enterCode);
      const failed = next(el, 'verify-totp-error');
      await typeCode(el, wrongCode(appCode(el)));
      await failed;
      await until(el, () => fieldError(el) !== '', 'the message');
      expect(fieldError(el)).not.to.match(/code is not right/);
    });
  }
});

/** Makes `navigator.clipboard.writeText` do `writeText` (or takes the Clipboard API away); returns the undo. */
function stubClipboard(writeText: ((text: string) => Promise<void>) | undefined): () => void {
  const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: writeText && { writeText } });
  return () => {
    if (own) Object.defineProperty(navigator, 'clipboard', own);
    else delete (navigator as { clipboard?: unknown }).clipboard;
  };
}
