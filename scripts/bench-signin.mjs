#!/usr/bin/env node
// `npm run bench:signin`: how long the demo's sign-in page takes, in headless Chromium on loopback,
// from a click on Approve in <verify-challenge-prompt> to the page showing "Signed in as …".
// Goal (issue 12): p95 < 150 ms (the page used to poll once a second: about 800 ms).
// Not a test: it prints figures and exits 0 (2 when it cannot run at all).
// BENCH_N=30 sign-ins by default (one more first, not counted); CHROME_PATH or /usr/bin/chromium.
//
// Set-up: the demo (`npm start`: sample backend, embedded emulator, signed webhooks) in a child
// process; users sign up and enroll their browser, each in a browser context of its own, and sign
// in at most 9 times each (the demo allows a user 10 sign-ins in 10 minutes). Each sign-in: the
// page starts it, the challenge reaches the prompt in the same page, the number shown is picked;
// then, timed in the page: Approve's click() → the approval (device JWT, signed answer, POST to
// Verify) → Verify's webhook to the backend → the backend's event stream → the page asks for the
// result, which signs it in → "Signed in as …" in #whoami, and the next animation frame (shown).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_N) || 30;
const PER_USER = 9;
const GOAL_P95_MS = 150;
const TIMEOUT = 15_000;
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

function fail(message) {
  console.error(`bench:signin: ${message}`);
  process.exit(2);
}
if (!existsSync(CHROME)) fail(`no Chromium at ${CHROME}. Set CHROME_PATH, or install it: apt-get install -y --no-install-recommends chromium`);
const { default: puppeteer } = await import('puppeteer-core').catch(() => fail('puppeteer-core is not installed (devDependency): run `npm ci`.'));

// --- the demo ------------------------------------------------------------------------------------

const demo = spawn(process.execPath, ['--conditions=verify-elements-source', '--import', 'tsx', 'demo/src/server.ts'], {
  cwd: root,
  env: { ...process.env, PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const origin = await new Promise(resolve => {
  let out = '';
  const exited = code => fail(`the demo exited (${code}) before listening: ${out}`);
  demo.once('exit', exited);
  demo.stdout.on('data', chunk => {
    out += chunk;
    const m = /listening on (http:\/\/\S+?)\//.exec(out);
    if (!m) return;
    demo.off('exit', exited);
    resolve(m[1]);
  });
});

const browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const stop = async () => {
  await browser.close().catch(() => {});
  demo.kill('SIGTERM');
};

// --- one user, in a context of its own ----------------------------------------------------------

// The page functions run in the page, serialized: each finds its elements itself.
async function newUser(index) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#whoami').textContent === 'Signed out.', { timeout: TIMEOUT });
  const name = `bench-${process.pid}-${index}`;
  await page.evaluate((n, p) => {
    document.querySelector('#name').value = n;
    // Optional, so that the same script measures a demo from before sign-up asked for one.
    const phone = document.querySelector('#phone');
    if (phone) phone.value = p;
  }, name, `+1555${String(process.pid % 1000).padStart(3, '0')}${String(index).padStart(4, '0')}`);
  await page.click('button[value=signup]');
  await page.waitForFunction(n => document.querySelector('#whoami').textContent === `Signed in as ${n}.`, { timeout: TIMEOUT }, name);
  const enrollButton = () => [...(document.querySelector('verify-enroll')?.shadowRoot?.querySelectorAll('button') ?? [])].find(b => /enroll/i.test(b.textContent));
  await page.waitForFunction(enrollButton, { timeout: TIMEOUT });
  await page.evaluate(() => [...document.querySelector('verify-enroll').shadowRoot.querySelectorAll('button')].find(b => /enroll/i.test(b.textContent)).click());
  await page.waitForFunction(() => [...(document.querySelector('verify-enroll')?.shadowRoot?.querySelectorAll('button') ?? [])].some(b => /remove/i.test(b.textContent)), { timeout: TIMEOUT });
  return { page, name };
}

/** One sign-in; resolves with the ms from Approve to "Signed in" shown. */
async function signIn({ page, name }) {
  await page.click('#signout');
  await page.waitForFunction(() => !document.querySelector('#auth').hidden, { timeout: TIMEOUT });
  await page.evaluate(n => void (document.querySelector('#name').value = n), name);
  await page.click('button[value=signin]');
  await page.waitForFunction(
    () => document.querySelector('#number').textContent && document.querySelector('verify-challenge-prompt').shadowRoot.querySelectorAll('[part~="choices"] input').length > 0,
    { timeout: TIMEOUT },
  );
  return page.evaluate(() => {
    const root = document.querySelector('verify-challenge-prompt').shadowRoot;
    const number = document.querySelector('#number').textContent;
    const choice = [...root.querySelectorAll('[part~="choices"] input')].find(i => i.value === number);
    choice.click();
    return new Promise((resolve, reject) => {
      const whoami = document.querySelector('#whoami');
      const timer = setTimeout(() => reject(new Error(`not signed in: ${whoami.textContent} / ${document.querySelector('#status')?.textContent}`)), 10_000);
      let start;
      const observer = new MutationObserver(() => {
        if (!whoami.textContent.startsWith('Signed in as')) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - start));
      });
      observer.observe(whoami, { childList: true, characterData: true, subtree: true });
      // Rendered after the pick: Approve is enabled once the prompt re-rendered.
      requestAnimationFrame(() => {
        start = performance.now();
        root.querySelector('[part="approve"]').click();
      });
    });
  });
}

// --- run -----------------------------------------------------------------------------------------

const samples = [];
try {
  const users = [];
  for (let i = 0; i * PER_USER < N + 1; i++) users.push(await newUser(i));
  let done = -1; // the first sign-in warms up
  for (const user of users) {
    for (let k = 0; k < PER_USER && done < N; k++, done++) {
      const ms = await signIn(user);
      if (done >= 0) samples.push(ms);
    }
  }
} catch (error) {
  await stop();
  fail(`${error instanceof Error ? error.message : error} (after ${samples.length} samples)`);
}
await stop();

const sorted = [...samples].sort((a, b) => a - b);
const pick = q => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const [p50, p95, max] = [pick(0.5), pick(0.95), sorted.at(-1)];
console.log(`Approve → signed in (demo page, headless Chromium, loopback), ${samples.length} sign-ins:`);
console.log(`  p50 ${p50.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   max ${max.toFixed(1)} ms`);
console.log(`goal: p95 < ${GOAL_P95_MS} ms: ${p95 < GOAL_P95_MS ? 'met' : 'NOT met'}`);
