// The demo (`npm start`) end to end: a real demo process (sample backend + embedded emulator, every
// Verify call through the twilio library, signed webhooks) driven in real browsers through its page.
// Chromium and Firefox run here through puppeteer-core; WebKit's elements are covered by the
// browser suites, but this page flow is not run in it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import puppeteer from 'puppeteer-core';
import { parseOtpSms } from 'verify-elements/sms';
import { engines } from '../support/browsers.mjs';

let demo;
let origin;

before(async () => {
  demo = spawn(process.execPath, ['--import', 'tsx', 'demo/server.js'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  for await (const chunk of demo.stdout) {
    out += chunk;
    const m = /demo on (http:\/\/\S+?)\/ /.exec(out);
    if (m) {
      origin = m[1];
      break;
    }
  }
  assert.ok(origin, `the demo printed no URL: ${out}`);
});

after(async () => {
  demo.kill('SIGTERM');
  await once(demo, 'exit');
});

// Headless Chromium denies notifications, so its enrollment falls back to polling; Firefox is told
// to allow them and gets pushes from the emulator's stream: both paths of the demo run.
const browsers = [
  ['chromium', () => puppeteer.launch({ executablePath: engines.chromium.path(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })],
  ['firefox', () => puppeteer.launch({ browser: 'firefox', executablePath: engines.firefox.path(), headless: true, extraPrefsFirefox: { 'permissions.default.desktop-notification': 1 } })],
];

for (const [engine, launch] of browsers) {
  describe(`demo in ${engine}`, { skip: !engines[engine].path() && `${engine} is not installed` }, () => {
    let browser;
    let page;
    const name = `user-${engine}-${process.pid}`;
    // On a timeout, say what the page showed: that is what a failure needs to be understood.
    const wait = (fn, arg) =>
      page.waitForFunction(fn, { timeout: 15_000 }, arg).catch(async error => {
        const seen = await page.evaluate(() =>
          ['#whoami', '#push-status', 'verify-enroll', 'verify-challenge-prompt']
            .map(s => `${s}: ${(document.querySelector(s)?.shadowRoot ?? document.querySelector(s))?.textContent?.replace(/\s+/g, ' ').trim()}`)
            .join(' | '),
        );
        throw new Error(`${error.message} waiting for ${fn}. Page: ${seen}`);
      });
    const text = selector => page.$eval(selector, e => e.textContent);
    const inPrompt = (fn, arg) => page.evaluate(fn, arg);

    async function signIn() {
      await page.$eval('#name', (e, n) => (e.value = n), name);
      await page.click('button[value=signin]');
    }
    async function signOut() {
      await page.click('#signout');
      await wait(() => !document.querySelector('#auth').hidden);
    }
    /** Waits for the challenge on the "device" side of the page; returns the number to pick and the choices. */
    async function challengeArrives() {
      await wait(() => !document.querySelector('#push').hidden && document.querySelector('#number').textContent);
      await wait(() => document.querySelector('verify-challenge-prompt').shadowRoot.querySelectorAll('[part~="choices"] input').length > 0);
      const number = await text('#number');
      const choices = await inPrompt(() => [...document.querySelector('verify-challenge-prompt').shadowRoot.querySelectorAll('[part~="choices"] input')].map(i => i.value));
      return { number, choices };
    }
    const press = label =>
      inPrompt(l => {
        const root = document.querySelector('verify-challenge-prompt').shadowRoot;
        const target = [...root.querySelectorAll('button, input')].find(b => (b.value || b.textContent).trim() === l);
        if (!target) throw new Error(`no "${l}" in the prompt: ${root.textContent}`);
        target.click();
      }, label);

    before(async () => {
      browser = await launch();
      page = await browser.newPage();
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      await wait(() => document.querySelector('#whoami').textContent === 'Signed out.');
    });
    after(() => browser?.close());

    test('sign up and enroll this browser in settings', async () => {
      await page.$eval('#name', (e, n) => (e.value = n), name);
      await page.click('button[value=signup]');
      await wait(n => document.querySelector('#whoami').textContent === `Signed in as ${n}.`, name);
      await wait(() => [...(document.querySelector('verify-enroll')?.shadowRoot?.querySelectorAll('button') ?? [])].some(b => /enroll/i.test(b.textContent)));
      await inPrompt(() => [...document.querySelector('verify-enroll').shadowRoot.querySelectorAll('button')].find(b => /enroll/i.test(b.textContent)).click());
      await wait(() => /enrolled/i.test(document.querySelector('verify-enroll').shadowRoot.textContent) && [...document.querySelector('verify-enroll').shadowRoot.querySelectorAll('button')].some(b => /remove/i.test(b.textContent)));
      await wait(() => /factor\.verified/.test(document.querySelector('#events').textContent));
    });

    test('sign in with a push approval, picking the number shown', async () => {
      await signOut();
      await signIn();
      const { number, choices } = await challengeArrives();
      assert.equal(choices.length, 3);
      assert.ok(choices.includes(number), `the right number ${number} is among ${choices}`);
      await press(number);
      await press('Approve');
      await wait(n => document.querySelector('#whoami').textContent === `Signed in as ${n}.`, name);
      await wait(() => /challenge\.approved/.test(document.querySelector('#events').textContent));
    });

    test('a wrong number refuses the sign-in', async () => {
      await signOut();
      await signIn();
      const { number, choices } = await challengeArrives();
      await press(choices.find(c => c !== number));
      await press('Approve');
      await wait(() => /did not match/.test(document.querySelector('#push-status').textContent));
      assert.equal(await text('#whoami'), 'Signed out.');
    });

    test('deny and report as suspicious', async () => {
      await page.reload({ waitUntil: 'load' });
      await signIn();
      await challengeArrives();
      await press('Deny');
      await wait(() => /suspicious/i.test(document.querySelector('verify-challenge-prompt').shadowRoot.textContent));
      await inPrompt(() => document.querySelector('verify-challenge-prompt').shadowRoot.querySelector('[part="report-yes"]').click());
      await wait(() => /denied and reported as suspicious/.test(document.querySelector('#push-status').textContent));
    });

    test('fall back to a code: the formatted SMS is shown and the code signs in', async () => {
      await page.reload({ waitUntil: 'load' });
      await signIn();
      await wait(() => !document.querySelector('#push').hidden);
      await page.click('#use-code');
      await wait(() => !document.querySelector('#code').hidden && document.querySelector('#sms').textContent);
      const sms = await text('#sms');
      const parsed = parseOtpSms(sms);
      assert.equal(parsed.ok, true, parsed.reason);
      assert.equal(parsed.topOrigin, `http://${new URL(origin).hostname}`);
      await page.focus('#otp');
      await page.keyboard.type(parsed.code);
      await wait(n => document.querySelector('#whoami').textContent === `Signed in as ${n}.`, name);
    });
  });
}
