#!/usr/bin/env node
// Mount benchmark: <otp-input> (this kit) against Web Awesome 3's <wa-otp-input>, in headless Chromium.
//
// Run:   npm run bench                 (about 15-40 s; needs Chromium: CHROME_PATH or /usr/bin/chromium)
//        npm run bench -- --profile    (no comparison: CPU-profiles a few rounds of each element and
//                                       prints where the time goes, by function, unminified)
//        BENCH_ROUNDS=25 BENCH_COUNT=1000 npm run bench   (more rounds / more elements per round;
//                                       BENCH_WARMUP sets the warm-up rounds, BENCH_DEBUG=1 prints every round)
//
// What it measures: "mount and first render of N (500) elements". One page loads BOTH elements
// from one esbuild bundle sharing one Lit (plus Web Awesome's default theme CSS, without which
// wa-otp-input has no design tokens and renders unstyled). One round, in the page:
//   t0; create a container and append it; create and append N elements; wait until every
//   element's `updateComplete` resolved to true (Lit resolves it to false when another update was
//   queued meanwhile, so we wait again: wa-otp-input needs a second update cycle on mount);
//   container.getBoundingClientRect() (forces style + layout) -> "to layout";
//   await requestAnimationFrame -> "to frame" (the headline figure; it includes waiting for the
//   next frame, so it is quantised by vsync); then the container is removed, outside the timing.
// Rounds alternate (A, B, A, B, ...) in the same page after a few warm-up rounds; garbage is
// collected (CDP HeapProfiler.collectGarbage) before every round. Medians are printed, with the
// ratio peer / ours (> 1 means ours is faster). Beside wall time it reports the renderer main
// thread's CPU time per round (CDP Performance metrics in thread ticks), which a busy shared machine
// disturbs far less than wall time. This is a benchmark, not a test: it always exits 0 unless it
// cannot run at all.

import http from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = Number(process.env.BENCH_COUNT) || 500;
const WARMUP = Number(process.env.BENCH_WARMUP) || 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 15;
const PROFILE = process.argv.includes('--profile');

const OURS = { label: 'verify-elements <otp-input>', tag: 'otp-input', module: './src/elements/otp-input/define.ts' };
const PEER = { label: 'Web Awesome <wa-otp-input>', tag: 'wa-otp-input', module: '@awesome.me/webawesome/dist/components/otp-input/otp-input.js' };
const PEER_CSS = '@awesome.me/webawesome/dist/styles/themes/default.css';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

if (!existsSync(CHROME)) fail(`no Chromium at ${CHROME}. Set CHROME_PATH, or install it: apt-get install -y --no-install-recommends chromium`);
if (!existsSync(join(root, OURS.module))) fail(`${OURS.module} does not exist.`);

const esbuild = await import('esbuild').catch(() => fail('esbuild is not installed (devDependency): run `npm ci`.'));
const { default: puppeteer } = await import('puppeteer-core').catch(() => fail('puppeteer-core is not installed (devDependency): run `npm ci`.'));

// --- the page ------------------------------------------------------------------------------------

// Runs in the page. Kept as plain JS source so esbuild bundles it with the two elements.
const harness = `
const settle = async el => { let extra = 0; while (!(await el.updateComplete)) extra++; return extra; };
window.__bench = {
  async round(tag, count) {
    const t0 = performance.now();
    const container = document.createElement('div');
    document.body.append(container);
    const els = [];
    for (let i = 0; i < count; i++) {
      const el = document.createElement(tag);
      container.append(el);
      els.push(el);
    }
    const tAppended = performance.now();
    const extra = await Promise.all(els.map(settle));
    const tRendered = performance.now();
    container.getBoundingClientRect();
    const tLayout = performance.now();
    await new Promise(requestAnimationFrame);
    const tFrame = performance.now();
    container.remove();
    return {
      append: tAppended - t0,
      render: tRendered - tAppended,
      layout: tLayout - t0,
      frame: tFrame - t0,
      extraUpdates: extra.reduce((a, b) => a + b, 0),
    };
  },
  // One element of each, to check both really rendered boxes of a size.
  probe(tag) {
    const el = document.createElement(tag);
    document.body.append(el);
    return settle(el).then(extra => {
      const boxes = [...el.shadowRoot.querySelectorAll('[part~="box"], [part~="segment"]')];
      const r = el.getBoundingClientRect();
      const b = boxes[0]?.getBoundingClientRect();
      const out = { extraUpdates: extra, boxes: boxes.length, host: [r.width, r.height].map(Math.round), box: b ? [b.width, b.height].map(Math.round) : null,
        shadowNodes: el.shadowRoot.querySelectorAll('*').length, lightNodes: el.querySelectorAll('*').length };
      el.remove();
      return out;
    });
  },
};
`;

async function buildPage() {
  const js = await esbuild.build({
    stdin: {
      contents: `import ${JSON.stringify(OURS.module)};\nimport ${JSON.stringify(PEER.module)};\n${harness}`,
      resolveDir: root,
      loader: 'js',
    },
    absWorkingDir: root,
    bundle: true,
    minify: !PROFILE, // readable function names in profiles
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const css = await esbuild.build({ entryPoints: [PEER_CSS], absWorkingDir: root, bundle: true, minify: true, write: false, logLevel: 'silent', external: ['*.woff2', '*.woff', '*.svg', '*.png'] });
  return {
    '/': ['text/html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>otp bench</title><link rel="stylesheet" href="/theme.css"><script type="module" src="/bench.js"></script></head><body></body></html>'],
    '/bench.js': ['text/javascript', js.outputFiles[0].contents],
    '/theme.css': ['text/css', css.outputFiles[0].contents],
  };
}

function serve(files) {
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) return res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// --- statistics ----------------------------------------------------------------------------------

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};
const ms = x => `${x.toFixed(1)} ms`;

// --- main ----------------------------------------------------------------------------------------

const started = performance.now();
const files = await buildPage();
const server = await serve(files);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const pageErrors = [];
  page.on('pageerror', e => pageErrors.push(e.message));
  page.on('console', m => m.type() === 'error' || m.type() === 'warn' ? pageErrors.push(`console.${m.type()}: ${m.text()}`) : undefined);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench && customElements.get('otp-input') && customElements.get('wa-otp-input'), { timeout: 10_000 });
  const cdp = await page.createCDPSession();
  const gc = () => cdp.send('HeapProfiler.collectGarbage');

  // Main-thread CPU time (thread ticks, not wall clock) around each round: on a shared machine this
  // is far steadier than wall time, and Chromium splits it into JS / style / layout / other.
  // (The round's own JS runs inside Runtime.callFunctionOn, so it is counted as
  // DevToolsCommandDuration; Lit's microtask updates partly land in ScriptDuration.)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(m => [m.name, m.value]));
  const CPU_METRICS = {
    cpu: ['ThreadTime'],
    js: ['ScriptDuration', 'DevToolsCommandDuration'],
    style: ['RecalcStyleDuration'],
    layoutCpu: ['LayoutDuration'],
    other: ['TaskOtherDuration'], layoutCount: ['LayoutCount'], styleCount: ['RecalcStyleCount'],
  };

  const round = async el => {
    if (!PROFILE) await gc(); // a forced GC would show up in the profile as our own cost
    await page.evaluate(() => new Promise(r => setTimeout(r, 20))); // let disconnect work and GC settle
    const before = await metrics();
    const result = await page.evaluate((tag, n) => window.__bench.round(tag, n), el.tag, COUNT);
    const after = await metrics();
    for (const [key, names] of Object.entries(CPU_METRICS)) result[key] = names.reduce((sum, n) => sum + ((after[n] ?? NaN) - (before[n] ?? NaN)) * 1000, 0);
    if (process.env.BENCH_DEBUG) console.log(el.tag, JSON.stringify(result, (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
    return result;
  };

  const probes = {};
  for (const el of [OURS, PEER]) probes[el.tag] = await page.evaluate(tag => window.__bench.probe(tag), el.tag);

  for (let i = 0; i < WARMUP; i++) for (const el of [OURS, PEER]) await round(el);

  if (PROFILE) {
    await profile(page, cdp, round);
  } else {
    const results = { [OURS.tag]: [], [PEER.tag]: [] };
    for (let i = 0; i < ROUNDS; i++) for (const el of [OURS, PEER]) results[el.tag].push(await round(el));
    report(results, probes);
  }

  const version = await browser.version();
  console.log(`\nEnvironment: ${version} (headless, ${CHROME}), puppeteer-core, Node ${process.version}, ` +
    `${os.cpus().length} CPU(s) "${os.cpus()[0]?.model?.trim()}", load average ${os.loadavg().map(x => x.toFixed(2)).join(' ')}`);
  console.log(`Bundle: esbuild ${esbuild.version}, one page script with both elements and one Lit (${(files['/bench.js'][1].length / 1024).toFixed(1)} kB${PROFILE ? ', unminified for profiling' : ', minified'}) + Web Awesome default theme CSS.`);
  if (pageErrors.length) console.log(`Page reported:\n  ${[...new Set(pageErrors)].slice(0, 10).join('\n  ')}`);
  console.log(`Took ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await browser.close();
  server.close();
}

function report(results, probes) {
  const table = (header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = cells => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
    console.log(line(header));
    for (const r of rows) console.log(line(r));
  };
  const cell = (tag, c) => {
    const xs = results[tag].map(r => r[c]);
    return `${ms(median(xs))} [${quantile(xs, 0.25).toFixed(1)}-${quantile(xs, 0.75).toFixed(1)}]`;
  };
  const med = (tag, c) => median(results[tag].map(r => r[c]));

  console.log(`Mount + first render of ${COUNT} elements, ${ROUNDS} rounds each (after ${WARMUP} warm-up rounds each), alternating.`);
  console.log('Wall clock, median [p25-p75]:\n');
  table(['', 'to frame (headline)', 'to layout', 'append (sync)', 'updates'], [OURS, PEER].map(el => [el.label, ...['frame', 'layout', 'append', 'render'].map(c => cell(el.tag, c))]));
  console.log('\nRenderer main-thread CPU time per round (CDP Performance, thread ticks; steadier on a busy machine), median [p25-p75]:\n');
  table(['', 'CPU total', 'JS', 'style recalc', 'layout', 'other', 'nLayout', 'nStyle'], [OURS, PEER].map(el => [el.label, ...['cpu', 'js', 'style', 'layoutCpu', 'other', 'layoutCount', 'styleCount'].map(c => cell(el.tag, c))]));

  const ours = med(OURS.tag, 'frame');
  const peer = med(PEER.tag, 'frame');
  console.log(`\nMedian ours: ${ms(ours)}  (${((ours / COUNT) * 1000).toFixed(0)} µs per element)`);
  console.log(`Median peer: ${ms(peer)}  (${((peer / COUNT) * 1000).toFixed(0)} µs per element)`);
  console.log(`Ratio peer / ours: ${(peer / ours).toFixed(2)} (wall, to frame), ${(med(PEER.tag, 'layout') / med(OURS.tag, 'layout')).toFixed(2)} (wall, to layout), ` +
    `${(med(PEER.tag, 'cpu') / med(OURS.tag, 'cpu')).toFixed(2)} (main-thread CPU)   (> 1 means ours is faster)`);

  console.log('\nWhat one element renders (checked before timing):');
  for (const el of [OURS, PEER]) {
    const p = probes[el.tag];
    const extra = results[el.tag][0].extraUpdates / COUNT;
    console.log(`  <${el.tag}>: ${p.boxes} boxes of ${p.box?.join('x')} px, host ${p.host.join('x')} px, ${p.shadowNodes} shadow + ${p.lightNodes} light DOM elements, ` +
      `${1 + extra} update cycle(s) on mount${extra ? ' (its first updateComplete resolves false: another update was queued)' : ''}`);
  }
}

// CPU profile of a few rounds of each, summarised by self time per function.
async function profile(page, cdp, round) {
  const n = Number(process.env.BENCH_PROFILE_ROUNDS) || 5;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (const el of [OURS, PEER]) {
    await cdp.send('Profiler.start');
    const times = [];
    for (let i = 0; i < n; i++) times.push((await round(el)).layout);
    const { profile: prof } = await cdp.send('Profiler.stop');
    summarise(el, prof, times);
  }
}

function summarise(el, prof, times) {
  const byId = new Map(prof.nodes.map(node => [node.id, node]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const node = byId.get(prof.samples[i]);
    const f = node.callFrame;
    const file = f.url ? f.url.replace(/^.*\//, '') : '';
    const key = `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = [...self.entries()].filter(([k]) => !/^\((idle|program)\)/.test(k));
  busy.sort((a, b) => b[1] - a[1]);
  console.log(`\n<${el.tag}>: ${times.length} profiled rounds, median ${ms(median(times))} to layout; sampled ${ms(total)}; top self time:`);
  for (const [k, v] of busy.slice(0, 18)) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
}
