#!/usr/bin/env node
// `npm run bench:client`: the browser client's latency in headless Chromium against a local
// emulator (a child process), and its round trips per approve beside the official SDKs' pattern.
// Not a test: it prints figures. BENCH_N=50 by default; CHROME_PATH or /usr/bin/chromium.
//
// Timed in the page with performance.now(): key generation (WebCrypto P-256, non-extractable),
// enrollment (createFactor + verifyFactor), approve with the challenge already fetched (this
// client: one POST), and the official SDKs' approve (fetch, post, fetch). Round trips are counted
// through the client's injected fetch. The site's backend calls (access tokens, challenges) run
// from Node and are not timed.
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';
import { spawnEmulator } from '../emulator/test/spawn.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_N ?? 50);

const { child, baseUrl, accountSid, authToken } = await spawnEmulator();
const account = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

async function backend(path, form) {
  const response = await fetch(baseUrl + path, { method: 'POST', headers: { Authorization: account }, body: new URLSearchParams(form) });
  if (!response.ok) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}

// The page: the client bundled as users get it, served from a localhost origin (a secure context).
const { outputFiles } = await esbuild.build({ entryPoints: [join(root, 'src/client/index.ts')], bundle: true, minify: true, format: 'esm', target: 'es2022', write: false });
const page = createServer((req, res) => {
  if (req.url === '/client.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(outputFiles[0].contents);
  res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><script type="module">import * as c from "/client.js"; window.verify = c;</script>');
});
await new Promise(resolve => page.listen(0, '127.0.0.1', resolve));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

try {
  const tab = await browser.newPage();
  await tab.goto(`http://localhost:${page.address().port}/`);
  await tab.waitForFunction(() => 'verify' in window);
  await tab.evaluate(base => {
    window.calls = [];
    const fetch = (input, init) => (window.calls.push(init?.method ?? 'GET'), globalThis.fetch(input, init));
    window.client = window.verify.createVerifyPushClient({ baseUrl: base, fetch, storage: window.verify.createIndexedDbStore({ name: `bench-${Date.now()}` }) });
  }, baseUrl);

  // performance.now() is coarsened to 0.1 ms here and one key takes less: each sample is 10 keys.
  const keygen = await tab.evaluate(async n => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      for (let k = 0; k < 10; k++) await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      times.push((performance.now() - t) / 10);
    }
    return times;
  }, N);

  const { sid: serviceSid } = await backend('Services', { FriendlyName: 'bench' });
  const enroll = [];
  let enrollTrips = 0;
  const factors = [];
  for (let i = 0; i < N; i++) {
    const identity = `bench-${i}-${Date.now()}`;
    const { token } = await backend(`Services/${serviceSid}/AccessTokens`, { Identity: identity, FactorType: 'push' });
    const { ms, sid, trips } = await tab.evaluate(
      async (accessToken, serviceSid, identity) => {
        const n = window.calls.length;
        const t = performance.now();
        const factor = await window.client.createFactor({ accessToken, serviceSid, identity, friendlyName: 'bench', push: { platform: 'none' } });
        await window.client.verifyFactor(factor.sid);
        return { ms: performance.now() - t, sid: factor.sid, trips: window.calls.length - n };
      },
      token, serviceSid, identity,
    );
    enroll.push(ms);
    enrollTrips += trips;
    factors.push({ identity, sid });
  }

  const challenge = ({ identity, sid }) =>
    backend(`Services/${serviceSid}/Entities/${identity}/Challenges`, { FactorSid: sid, 'Details.Message': 'Bench sign-in?' }).then(c => c.sid);

  // This client: the challenge was fetched when it arrived (as the prompt shows it), so approving is one POST.
  const approveOne = [];
  const approveSdk = [];
  const trips = { one: 0, sdk: 0 };
  for (let i = 0; i < N; i++) {
    const factor = factors[i];
    const [a, b] = [await challenge(factor), await challenge(factor)];
    const r = await tab.evaluate(
      async (factorSid, a, b) => {
        const { client, calls } = window;
        await client.getChallenge(factorSid, a);
        let n = calls.length;
        let t = performance.now();
        await client.approveChallenge(factorSid, a);
        const one = { ms: performance.now() - t, trips: calls.length - n };
        // The official SDKs' update: fetch the challenge, post the answer, fetch it again to confirm.
        await client.getChallenge(factorSid, b);
        n = calls.length;
        t = performance.now();
        await client.getChallenge(factorSid, b);
        await client.approveChallenge(factorSid, b);
        await client.getChallenge(factorSid, b);
        return { one, sdk: { ms: performance.now() - t, trips: calls.length - n } };
      },
      factor.sid, a, b,
    );
    approveOne.push(r.one.ms);
    approveSdk.push(r.sdk.ms);
    trips.one += r.one.trips;
    trips.sdk += r.sdk.trips;
  }

  const stats = times => {
    const s = [...times].sort((x, y) => x - y);
    return [s[Math.floor((s.length - 1) / 2)], s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]].map(v => v.toFixed(v < 1 ? 3 : 1));
  };
  const rows = [
    ['key generation (P-256, WebCrypto)', ...stats(keygen), '-'],
    ['enrollment (createFactor + verifyFactor)', ...stats(enroll), (enrollTrips / N).toFixed(2)],
    ['approve, signature fields known (this client)', ...stats(approveOne), (trips.one / N).toFixed(2)],
    ["approve, official SDKs' pattern (fetch, post, fetch)", ...stats(approveSdk), (trips.sdk / N).toFixed(2)],
  ];
  console.log(`verify-elements client bench: ${await browser.version()}, emulator on loopback, N=${N}\n`);
  const widths = [0, 1, 2, 3].map(i => Math.max(...[['operation', 'median ms', 'p95 ms', 'round trips'], ...rows].map(r => r[i].length)));
  for (const [i, r] of [['operation', 'median ms', 'p95 ms', 'round trips'], ...rows].entries()) {
    console.log(r.map((c, j) => (j ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
  }
} finally {
  await browser.close();
  page.close();
  child.kill();
}
