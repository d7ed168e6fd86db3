#!/usr/bin/env node
// Smoke test of the built Storybook (`npm run build-storybook` first; `npm test` runs both): serves
// storybook-static and opens EVERY story in a headless browser. Each must pass axe (as the a11y addon
// runs it) with a clean console; each push story must also reach its state against the emulator,
// which runs in the preview's Service Worker. Closes with `N passed, N failed`. About a minute.
//   node .storybook/smoke.mjs [parts of story ids, comma-separated]
// BROWSER=firefox runs Firefox, else Chromium, found as the tests find them (FIREFOX_PATH,
// CHROME_PATH); STORYBOOK_URL tests a running Storybook instead (e.g.
// http://127.0.0.1:6006 for `npm run storybook`).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { engines } from '../test/support/browsers.mjs';

const root = new URL('../storybook-static/', import.meta.url).pathname;
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

// The state each story must reach: the element's `state` attribute (prompt) or its title (enroll), and text the page must show.
const PROMPT = 'verify-challenge-prompt';
const ENROLL = 'verify-enroll';
const TOTP = 'verify-totp-enroll';
const expected = {
  'elements-verify-enroll--not-enrolled': [ENROLL, 'Approve sign-ins on this browser'],
  'elements-verify-enroll--enrolling': [ENROLL, 'Enrolling this browser…'],
  'elements-verify-enroll--enrolled': [ENROLL, 'This browser is enrolled for sign-in approvals.'],
  'elements-verify-enroll--removal': [ENROLL, 'Approve sign-ins on this browser', 'was removed'],
  'elements-verify-enroll--token-fails': [ENROLL, 'another service or identity'],
  'elements-verify-enroll--with-notifications': [ENROLL, 'Approve sign-ins on this browser'],
  'elements-verify-enroll--polling-fallback': [ENROLL, 'This browser is enrolled for sign-in approvals.', 'checks for sign-in requests'],
  'elements-verify-enroll--enrolled-without-notifications': [ENROLL, 'This browser is enrolled for sign-in approvals.', 'checks for sign-in requests'],
  'elements-verify-enroll--rtl-dark': [ENROLL, 'This browser is enrolled for sign-in approvals.'],
  'elements-verify-challenge-prompt--pending': [PROMPT, 'pending', 'Turin'],
  'elements-verify-challenge-prompt--loading-from-attributes': [PROMPT, 'loading'],
  'elements-verify-challenge-prompt--number-matching': [PROMPT, 'pending', '88'],
  'elements-verify-challenge-prompt--wrong-number': [PROMPT, 'approved', 'wrong number'],
  'elements-verify-challenge-prompt--deny-report': [PROMPT, 'confirm'],
  'elements-verify-challenge-prompt--approving': [PROMPT, 'approving'],
  'elements-verify-challenge-prompt--approved': [PROMPT, 'approved', 'signs the user in'],
  'elements-verify-challenge-prompt--denying': [PROMPT, 'denying'],
  'elements-verify-challenge-prompt--denied-and-reported': [PROMPT, 'denied', 'reported as suspicious'],
  'elements-verify-challenge-prompt--expiring-soon': [PROMPT, 'pending'],
  'elements-verify-challenge-prompt--expired': [PROMPT, 'expired', 'asks the user to sign in again'],
  'elements-verify-challenge-prompt--answered-elsewhere': [PROMPT, 'answered', 'approved'],
  'elements-verify-challenge-prompt--offline': [PROMPT, 'offline', 'pending'],
  'elements-verify-challenge-prompt--server-error': [PROMPT, 'error', 'pending'],
  'elements-verify-challenge-prompt--auto-approve': [PROMPT, 'approved', 'signs the user in'],
  'elements-verify-challenge-prompt--from-client-pushes': [PROMPT, 'pending'],
  'elements-verify-challenge-prompt--hostile-text': [PROMPT, 'pending', 'onerror'],
  'elements-verify-challenge-prompt--localised': [PROMPT, 'pending', 'Approva'],
  'live-emulator-enroll-and-approve--enroll-and-approve': [ENROLL, 'Approve sign-ins on this browser'],
  // Issue 14: authenticator apps (TOTP), against the emulator's TOTP factors.
  'elements-verify-totp-enroll--not-started': [TOTP, 'Use an authenticator app'],
  'elements-verify-totp-enroll--scanning': [TOTP, 'Scan this QR code with your authenticator app', 'an authenticator app would show'],
  'elements-verify-totp-enroll--eight-digits': [TOTP, 'Scan this QR code with your authenticator app', 'the 8-digit code'],
  'elements-verify-totp-enroll--start-fails': [TOTP, 'Setting up the app did not finish.', 'Try again later'],
  'elements-verify-totp-enroll--japanese': [TOTP, '認証アプリでこの QR コードをスキャンしてください'],
  'elements-verify-totp-enroll--rtl-dark': [TOTP, 'Scan this QR code with your authenticator app'],
};

/** HTTP errors a story produces on purpose. */
const allowed = {
  'elements-verify-enroll--token-fails': [401],
  'elements-verify-challenge-prompt--server-error': [503],
  'elements-verify-totp-enroll--start-fails': [500],
};
let current = '';

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(join(root, path.endsWith('/') ? `${path}index.html` : path));
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
if (!process.env.STORYBOOK_URL) await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = process.env.STORYBOOK_URL?.replace(/\/$/, '') ?? `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch(
  process.env.BROWSER === 'firefox'
    ? { browser: 'firefox', executablePath: engines.firefox.path() }
    : { executablePath: engines.chromium.path(), args: ['--no-sandbox'] },
);
const filter = process.argv[2] ?? '';
let failures = 0;
let passes = 0;
try {
  const page = await browser.newPage();
  const errors = [];
  // Chromium logs every HTTP error as "Failed to load resource"; the responses say which, and
  // only the statuses a story asks the emulator for are expected.
  page.on('console', m => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  page.on('response', r => {
    const { pathname } = new URL(r.url());
    if (r.status() >= 400 && pathname !== '/favicon.ico' && !(allowed[current] ?? []).includes(r.status())) errors.push(`HTTP ${r.status()} ${r.request().method()} ${pathname}`);
  });
  page.on('pageerror', e => errors.push(String(e)));
  const index = JSON.parse(await (await fetch(`${origin}/index.json`)).text());
  const stories = Object.values(index.entries).filter(e => e.type === 'story').map(e => e.id);
  const unknown = Object.keys(expected).filter(id => !stories.includes(id));
  if (unknown.length) throw new Error(`smoke: no such stories (renamed?): ${unknown.join(', ')}`);
  const picked = stories.filter(id => filter.split(',').some(part => id.includes(part)));
  if (!picked.length) throw new Error(`smoke: no story id contains ${filter}`);
  for (const id of picked) {
    const [tag, state, text] = expected[id] ?? [];
    await page.goto('about:blank'); // the previous story's late responses land before the count restarts
    errors.length = 0;
    current = id;
    const started = Date.now();
    await page.goto(`${origin}/iframe.html?id=${id}&viewMode=story`);
    let seen = '';
    // Stories without an expected state only have to render.
    if (!tag) await page.waitForFunction(() => document.querySelector('#storybook-root')?.childElementCount, { timeout: 15_000, polling: 100 });
    else try {
      await page.waitForFunction(
        (tag, state, text) => {
          const el = document.querySelector(tag);
          const all = `${document.querySelector('#storybook-root')?.textContent ?? ''} ${el?.shadowRoot?.textContent ?? ''}`;
          // The prompt says its state in an attribute; the enroll element in its title.
          const reached = el?.hasAttribute('state') ? el.getAttribute('state') === state : all.includes(state);
          return reached && (!text || all.includes(text));
        },
        { timeout: 15_000, polling: 100 },
        tag, state, text,
      );
    } catch {
      seen = await page.evaluate(tag => {
        const el = document.querySelector(tag);
        return `state=${el?.getAttribute('state')} text=${(el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 200)} | ${(document.querySelector('#storybook-root')?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 200)}`;
      }, tag);
    }
    await page.evaluate(axeSource);
    // The a11y addon runs axe in the same page: wait for it.
    const violations = await page.evaluate(async () => {
      for (;;) {
        try {
          const { violations } = await globalThis.axe.run('#storybook-root', { rules: { region: { enabled: false } } });
          return violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
        } catch (error) {
          if (!/already running/.test(error.message)) throw error;
          await new Promise(r => setTimeout(r, 200));
        }
      }
    });
    const problems = [seen && `did not reach "${state}"${text ? ` with "${text}"` : ''}: ${seen}`, ...violations.map(v => `axe ${v}`), ...errors.map(e => `console: ${e}`)].filter(Boolean);
    failures += problems.length ? 1 : 0;
    passes += problems.length ? 0 : 1;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${id} (${Date.now() - started} ms)${problems.map(p => `\n     ${p}`).join('')}`);
  }
} finally {
  await browser.close();
  if (server.listening) server.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exitCode = failures ? 1 : 0;
