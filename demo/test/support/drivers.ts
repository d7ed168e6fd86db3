// The browsers of the demo's end-to-end tests: Chromium and Firefox through puppeteer-core, WebKit
// through webdriverio and WebKitWebDriver; each supplies a small driver adapter and the tests are
// written once against it.
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';
import { remote } from 'webdriverio';
import { engines, startWebKitDriver, webkitCapabilities } from '../../../test/support/browsers.mjs';

export const TIMEOUT = 15_000;

/** What the tests need of a browser, one page of it. */
export interface Driver {
  /** Loads the URL and waits for its `load`. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page. */
  evaluate<R, A = undefined>(fn: (arg: A) => R, arg?: A): Promise<Awaited<R>>;
  /** Until `fn(arg)` is truthy in the page. */
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A): Promise<void>;
  /** A real click. */
  click(selector: string): Promise<void>;
  /** Real key presses into the element. */
  type(selector: string, text: string): Promise<void>;
  /** Real key presses into whatever has focus (inside shadow roots too). */
  keys(text: string): Promise<void>;
  /**
   * The console errors and failed responses (4xx, 5xx) the page had since it opened, or null where
   * the driver cannot see them (WebDriver classic).
   */
  problems(): string[] | null;
  close(): Promise<void>;
  /** puppeteer's pages: a DevTools-protocol session of the page (in Chromium: its virtual authenticators). */
  devtools?(): Promise<CDPSession>;
}

/** Chromium and Firefox: one page of a browser that puppeteer-core launches. */
export const puppeteerDriver = (launch: () => Promise<Browser>) => async (): Promise<Driver> => {
  const browser = await launch();
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', message => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  page.on('pageerror', error => void problems.push(`error: ${error instanceof Error ? error.message : error}`));
  page.on('response', response => void (response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`)));
  return {
    goto: async url => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    // The page functions' own parameter types are this file's business: puppeteer sees `unknown`.
    evaluate: <R, A>(fn: (arg: A) => R, arg?: A) => page.evaluate(fn as (arg: unknown) => R, arg),
    waitFor: async <A>(fn: (arg: A) => unknown, arg?: A) => void (await page.waitForFunction(fn as (arg: unknown) => unknown, { timeout: TIMEOUT }, arg)),
    click: selector => page.click(selector),
    type: async (selector, text) => {
      await page.focus(selector);
      await page.keyboard.type(text);
    },
    keys: text => page.keyboard.type(text),
    problems: () => problems,
    close: () => browser.close(),
    devtools: () => page.createCDPSession(),
  };
};

/** WebKit: MiniBrowser through a WebKitWebDriver of its own (WebDriver classic, so polling from here). */
export const webdriverDriver = async (): Promise<Driver> => {
  const driver = await startWebKitDriver();
  let browser: WebdriverIO.Browser;
  try {
    browser = await remote({ hostname: driver.hostname, port: driver.port, capabilities: webkitCapabilities(), logLevel: 'warn' });
  } catch (error) {
    driver.stop();
    throw error;
  }
  return {
    goto: async url => void (await browser.url(url)),
    reload: () => browser.refresh(),
    // The tests' page functions return strings, booleans and arrays of them: never an element, which
    // webdriverio would hand back as an element reference (its TransformReturn type).
    evaluate: <R, A>(fn: (arg: A) => R, arg?: A) => browser.execute(fn as (...args: unknown[]) => R, arg) as Promise<Awaited<R>>,
    waitFor: async (fn, arg) => {
      // A script that throws (a page between loads) counts as not yet, like a falsy answer.
      let last: unknown;
      const deadline = Date.now() + TIMEOUT;
      while (Date.now() < deadline) {
        try {
          if (await browser.execute(fn as (...args: unknown[]) => unknown, arg)) return;
          last = undefined;
        } catch (error) {
          last = error;
        }
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error(`Timed out after ${TIMEOUT} ms${last ? ` (last error: ${last instanceof Error ? last.message : undefined})` : ''}`);
    },
    click: async selector => (await browser.$(selector)).click(),
    // Element Send Keys: focuses the element and sends key events, not a value set from script.
    type: async (selector, text) => (await browser.$(selector)).addValue(text),
    // Element Send Keys to the focused element, found through the shadow roots it sits in (WebKit's
    // driver types the Actions API's keys into the document, not into a shadow root's focus).
    keys: async text => {
      const focused = await browser.execute(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active;
      });
      await (await browser.$(focused as unknown as WebdriverIO.Element)).addValue(text);
    },
    problems: () => null,
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
// Chromium and Firefox live in Tokyo, nine hours from the server's UTC: times must follow the user.
const awayFromUtc = { ...process.env, TZ: 'Asia/Tokyo' };
export const browsers: Array<{ engine: string; missing: string | false; open: () => Promise<Driver> }> = [
  {
    engine: 'chromium',
    missing: !engines.chromium.path() && `chromium is not installed (apt-get install ${engines.chromium.package})`,
    open: puppeteerDriver(() =>
      puppeteer.launch({ executablePath: engines.chromium.path(), headless: true, env: awayFromUtc, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] }),
    ),
  },
  {
    engine: 'firefox',
    missing: !engines.firefox.path() && `firefox is not installed (apt-get install ${engines.firefox.package})`,
    open: puppeteerDriver(() =>
      puppeteer.launch({ browser: 'firefox', executablePath: engines.firefox.path(), headless: true, env: awayFromUtc, extraPrefsFirefox: { 'permissions.default.desktop-notification': 1 } }),
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
