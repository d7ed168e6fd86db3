// The demo (`npm start`) end to end: a real demo process (sample backend + embedded emulator, every
// Verify call through the twilio library, signed webhooks) driven in real browsers through its page.
// Chromium and Firefox run through puppeteer-core, WebKit through webdriverio and WebKitWebDriver;
// each supplies a small driver adapter and the tests are written once against it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { parseOtpSms } from 'verify-elements/sms';
import { engines, startWebKitDriver, webkitCapabilities } from '../support/browsers.mjs';

const TIMEOUT = 15_000;

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

/**
 * @typedef {object} Driver What the tests need of a browser, one page of it.
 * @property {(url: string) => Promise<void>} goto Loads the URL and waits for its `load`.
 * @property {() => Promise<void>} reload
 * @property {(fn: Function, arg?: unknown) => Promise<any>} evaluate Runs `fn(arg)` in the page.
 * @property {(fn: Function, arg?: unknown) => Promise<void>} waitFor Until `fn(arg)` is truthy in the page.
 * @property {(selector: string) => Promise<void>} click A real click.
 * @property {(selector: string, text: string) => Promise<void>} type Real key presses into the element.
 * @property {() => Promise<void>} close
 */

/** Chromium and Firefox: one page of a browser that puppeteer-core launches. @type {(launch: () => Promise<import('puppeteer-core').Browser>) => () => Promise<Driver>} */
const puppeteerDriver = launch => async () => {
  const browser = await launch();
  const page = await browser.newPage();
  return {
    goto: async url => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitFor: async (fn, arg) => void (await page.waitForFunction(fn, { timeout: TIMEOUT }, arg)),
    click: selector => page.click(selector),
    type: async (selector, text) => {
      await page.focus(selector);
      await page.keyboard.type(text);
    },
    close: () => browser.close(),
  };
};

/** WebKit: MiniBrowser through a WebKitWebDriver of its own (WebDriver classic, so polling from here). */
const webdriverDriver = async () => {
  const driver = await startWebKitDriver();
  let browser;
  try {
    browser = await remote({ hostname: driver.hostname, port: driver.port, capabilities: webkitCapabilities(), logLevel: 'warn' });
  } catch (error) {
    driver.stop();
    throw error;
  }
  return {
    goto: url => browser.url(url),
    reload: () => browser.refresh(),
    evaluate: (fn, arg) => browser.execute(fn, arg),
    waitFor: async (fn, arg) => {
      // A script that throws (a page between loads) counts as not yet, like a falsy answer.
      let last;
      const deadline = Date.now() + TIMEOUT;
      while (Date.now() < deadline) {
        try {
          if (await browser.execute(fn, arg)) return;
          last = undefined;
        } catch (error) {
          last = error;
        }
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error(`Timed out after ${TIMEOUT} ms${last ? ` (last error: ${last.message})` : ''}`);
    },
    click: async selector => (await browser.$(selector)).click(),
    // Element Send Keys: focuses the element and sends key events, not a value set from script.
    type: async (selector, text) => (await browser.$(selector)).addValue(text),
    close: async () => {
      try {
        await browser.deleteSession();
      } finally {
        driver.stop();
      }
    },
  };
};

// Headless Chromium denies notifications, and so does MiniBrowser under automation (with no prompt:
// `requestPermission()` answers "denied" at once), so their enrollments fall back to polling; Firefox
// is told to allow them and gets pushes from the emulator's stream: both paths of the demo run.
const browsers = [
  {
    engine: 'chromium',
    missing: !engines.chromium.path() && `chromium is not installed (apt-get install ${engines.chromium.package})`,
    open: puppeteerDriver(() =>
      puppeteer.launch({ executablePath: engines.chromium.path(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] }),
    ),
  },
  {
    engine: 'firefox',
    missing: !engines.firefox.path() && `firefox is not installed (apt-get install ${engines.firefox.package})`,
    open: puppeteerDriver(() =>
      puppeteer.launch({ browser: 'firefox', executablePath: engines.firefox.path(), headless: true, extraPrefsFirefox: { 'permissions.default.desktop-notification': 1 } }),
    ),
  },
  {
    engine: 'webkit',
    missing:
      (!engines.webkit.path() || !engines.xvfb.path()) &&
      `webkit needs ${[engines.webkit, engines.xvfb].filter(e => !e.path()).map(e => e.package).join(' and ')} (apt-get install them)`,
    open: webdriverDriver,
  },
];

for (const { engine, missing, open } of browsers) {
  describe(`demo in ${engine}`, { skip: missing }, () => {
    /** @type {Driver} */
    let page;
    const name = `user-${engine}-${process.pid}`;
    // On a timeout, say what the page showed: that is what a failure needs to be understood.
    const wait = (fn, arg) =>
      page.waitFor(fn, arg).catch(async error => {
        const seen = await page.evaluate(() =>
          ['#whoami', '#push-status', 'verify-enroll', 'verify-challenge-prompt']
            .map(s => `${s}: ${(document.querySelector(s)?.shadowRoot ?? document.querySelector(s))?.textContent?.replace(/\s+/g, ' ').trim()}`)
            .join(' | '),
        );
        throw new Error(`${error.message} waiting for ${fn}. Page: ${seen}`);
      });
    const text = selector => page.evaluate(s => document.querySelector(s).textContent, selector);
    // Until the page's script has asked who is signed in, its form has no submit handler yet.
    async function load(url) {
      await (url ? page.goto(url) : page.reload());
      await wait(() => document.querySelector('#whoami').textContent === 'Signed out.');
    }

    async function signIn() {
      await page.evaluate(n => void (document.querySelector('#name').value = n), name);
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
      const choices = await page.evaluate(() => [...document.querySelector('verify-challenge-prompt').shadowRoot.querySelectorAll('[part~="choices"] input')].map(i => i.value));
      return { number, choices };
    }
    const press = label =>
      page.evaluate(l => {
        const root = document.querySelector('verify-challenge-prompt').shadowRoot;
        const target = [...root.querySelectorAll('button, input')].find(b => (b.value || b.textContent).trim() === l);
        if (!target) throw new Error(`no "${l}" in the prompt: ${root.textContent}`);
        target.click();
      }, label);

    before(async () => {
      page = await open();
      await load(`${origin}/`);
    });
    after(() => page?.close());

    test('sign up and enroll this browser in settings', async () => {
      await page.evaluate(n => void (document.querySelector('#name').value = n), name);
      await page.click('button[value=signup]');
      await wait(n => document.querySelector('#whoami').textContent === `Signed in as ${n}.`, name);
      await wait(() => [...(document.querySelector('verify-enroll')?.shadowRoot?.querySelectorAll('button') ?? [])].some(b => /enroll/i.test(b.textContent)));
      await page.evaluate(() => [...document.querySelector('verify-enroll').shadowRoot.querySelectorAll('button')].find(b => /enroll/i.test(b.textContent)).click());
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
      await load();
      await signIn();
      await challengeArrives();
      await press('Deny');
      await wait(() => /suspicious/i.test(document.querySelector('verify-challenge-prompt').shadowRoot.textContent));
      await page.evaluate(() => document.querySelector('verify-challenge-prompt').shadowRoot.querySelector('[part="report-yes"]').click());
      await wait(() => /denied and reported as suspicious/.test(document.querySelector('#push-status').textContent));
    });

    test('fall back to a code: the formatted SMS is shown and the code signs in', async () => {
      await load();
      await signIn();
      await wait(() => !document.querySelector('#push').hidden);
      await page.click('#use-code');
      await wait(() => !document.querySelector('#code').hidden && document.querySelector('#sms').textContent);
      const sms = await text('#sms');
      const parsed = parseOtpSms(sms);
      assert.equal(parsed.ok, true, parsed.reason);
      assert.equal(parsed.topOrigin, `http://${new URL(origin).hostname}`);
      await page.type('#otp', parsed.code);
      await wait(n => document.querySelector('#whoami').textContent === `Signed in as ${n}.`, name);
    });
  });
}
