// The consumer matrix (part of `npm test`): the kit packed as npm publishes it, installed without
// firebase into one fixture app per framework (consumers/<app>/), each built with its own tool and
// run in Chromium with real key presses; the CDN, webpack and vite-ts pages also enroll and approve
// against the emulator. webpack and vite-ts import every tag's entry: each tag must render its main
// control; vite-ts also sets up an authenticator app with <verify-totp-enroll> and its own provider.
// The fixtures are copied OUT of the repository (CONSUMERS_DIR, default a folder of the system's tmp
// per checkout) so that nothing resolves from the repository's own node_modules, where firebase is a
// dev dependency. CONSUMER_APPS=vite-ts,next narrows a local run.
// One lockfile (consumers/package-lock.json) serves every app: `npm ci` once, skipped when the
// installed tree already matches it; npm's cache (npm_config_cache) makes a cold install warm.
// Writes consumers/results.md (the table) and, with CONSUMERS_RESULTS=<file>, one JSON count per app.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Secret, TOTP } from 'otpauth';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startEmulator } from 'verify-push-emulator/node';
import { chromiumArgs, engines } from '../test/support/browsers.mjs';
import { Backend, newIdentity } from '../test/support/verify-backend.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(repo, 'consumers');
const checkout = createHash('sha256').update(repo).digest('hex').slice(0, 8);
const work = resolve(process.env.CONSUMERS_DIR ?? join(tmpdir(), `verify-elements-consumers-${checkout}`));
const only = process.env.CONSUMER_APPS?.split(',').filter(Boolean);
const CODE = '135790';
// Builds at once: CI has 2 cores.
const jobs = Number(process.env.CONSUMER_JOBS) || Math.min(2, availableParallelism());

interface Result {
  app: string;
  build: string;
  initial?: number;
  lazy?: number;
  flow: string;
  problems: string[];
}

/** How an app is served once built: a folder (with extra folders mounted under URL prefixes), or its own server. */
type Serve = { dir: string; mounts?: Record<string, string> } | { command: (port: number) => [string, string[]] };

interface App {
  name: string;
  /** Commands run in the app's folder, in order (type checks first, then the build). */
  steps: Array<[string, ...string[]]>;
  serve: Serve;
  /** Enroll with <verify-enroll> and approve with <verify-challenge-prompt> against the emulator. */
  push?: boolean;
  /** The page holds every tag (one of each): each must be defined and render its main control. */
  tags?: boolean;
  /** Set up an authenticator app in <verify-totp-enroll>: a wrong code refused, then the right one (`.totp-answer`). */
  totp?: boolean;
}

// The longest builds first, so that two lanes end together.
const apps = ([
  { name: 'next', steps: [['next', 'build']], serve: { command: port => ['next', ['start', '-p', String(port), '-H', '127.0.0.1']] } },
  { name: 'angular', steps: [['ng', 'build']], serve: { dir: 'dist/browser' } },
  { name: 'vite-react', steps: [['tsc', '-p', 'tsconfig.json'], ['vite', 'build']], serve: { dir: 'dist' } },
  { name: 'vite-ts', steps: [['tsc', '-p', 'tsconfig.bundler.json'], ['tsc', '-p', 'tsconfig.node16.json'], ['vite', 'build']], serve: { dir: 'dist' }, push: true, tags: true, totp: true },
  { name: 'svelte', steps: [['svelte-check', '--fail-on-warnings'], ['vite', 'build']], serve: { dir: 'dist' } },
  { name: 'webpack', steps: [['node', 'build.js']], serve: { dir: 'dist' }, push: true, tags: true },
  { name: 'vue', steps: [['vite', 'build']], serve: { dir: 'dist' } },
  { name: 'html-cdn', steps: [], serve: { dir: '.', mounts: { '/cdn/': 'node_modules/verify-elements/dist/cdn' } }, push: true },
] satisfies App[] as App[]).filter(app => !only || only.includes(app.name));

const env = { ...process.env, PATH: `${join(work, 'node_modules', '.bin')}:${process.env.PATH}`, NEXT_TELEMETRY_DISABLED: '1', NG_CLI_ANALYTICS: 'false', CI: 'true' };

const seconds = (since: number) => Number(((Date.now() - since) / 1000).toFixed(1));

/** Runs a command; its output goes to the log, and the tail of it into the error when it fails. Resolves to its seconds. */
async function sh(cwd: string, [cmd, ...args]: [string, ...string[]], log: string[]) {
  const started = Date.now();
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const status = await new Promise<number | string>(done => child.on('close', (code, signal) => done(code ?? signal ?? 'killed')));
  log.push(`$ ${cmd} ${args.join(' ')}  (${seconds(started)} s, in ${cwd})\n${output}`);
  if (status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${status}):\n${output.trim().split('\n').slice(-25).join('\n')}`);
  return seconds(started);
}

/** The packed kit and its fixtures in `work`, installed as a user's app gets it. Returns the timings. */
async function install(log: string[]) {
  mkdirSync(work, { recursive: true });
  // A node_modules above the work folder would resolve what the fixtures lack: there must be none.
  for (let dir = dirname(work); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) throw new Error(`${dir}/node_modules would leak into the fixtures: set CONSUMERS_DIR elsewhere`);
  }
  for (const entry of readdirSync(work)) if (entry !== 'node_modules') rmSync(join(work, entry), { recursive: true, force: true });
  cpSync(fixtures, work, { recursive: true, filter: source => !/[\\/](node_modules|dist|\.next|\.angular|results\.md)$/.test(source) });

  const lock = readFileSync(join(fixtures, 'package-lock.json'));
  const stamp = join(work, 'node_modules', '.fixtures-lock-sha256');
  const hash = createHash('sha256').update(lock).digest('hex');
  let ci = 0;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    const started = Date.now();
    await sh(work, ['npm', 'ci', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], log);
    writeFileSync(stamp, hash);
    ci = seconds(started);
  }
  let started = Date.now();
  await sh(repo, ['npm', 'pack', '--silent', '--ignore-scripts', '--pack-destination', work], log);
  const pack = seconds(started);
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
  started = Date.now();
  // Production dependencies only; firebase is an optional peer, which npm does not install.
  await sh(work, ['npm', 'install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', '--omit=dev', `./verify-elements-${version}.tgz`], log);
  const kit = seconds(started);

  const problems: string[] = [];
  for (const app of apps) {
    const require = createRequire(join(work, app.name, 'package.json'));
    const kitAt = realpathSync(dirname(require.resolve('verify-elements/package.json')));
    if (kitAt !== join(realpathSync(work), 'node_modules', 'verify-elements')) problems.push(`${app.name}: verify-elements resolves to ${kitAt}`);
    const installed = JSON.parse(readFileSync(join(kitAt, 'package.json'), 'utf8')) as { version: string };
    if (installed.version !== version) problems.push(`${app.name}: verify-elements ${installed.version} installed, ${version} packed`);
    if (!realpathSync(require.resolve('lit')).startsWith(realpathSync(work) + sep)) problems.push(`${app.name}: lit resolves outside ${work}`);
    try {
      problems.push(`${app.name}: firebase resolves (${require.resolve('firebase/app')}), yet no fixture installs it`);
    } catch {
      // Absent, as it must be.
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return { ci, pack, kit };
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' };

/**
 * A static site as a host serves it, and the site's backend: `POST /access-token` answers the
 * sample-backend contract for one identity, and HTML gets the Verify API's URL in place of `__VERIFY_API__`.
 */
function staticServer(root: string, mounts: Record<string, string>, backend: Backend, identity: string) {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (path === '/access-token') {
        if (request.method !== 'POST') return void response.writeHead(405).end();
        const token = await backend.accessToken(identity);
        response.writeHead(200, { 'Content-Type': 'application/json' });
        return void response.end(JSON.stringify({ token, serviceSid: backend.serviceSid, identity, factorType: 'push' }));
      }
      const [prefix, dir] = Object.entries(mounts).find(([p]) => path.startsWith(p)) ?? ['/', root];
      let file = join(dir, path.slice(prefix.length));
      if (!file.startsWith(dir)) return void response.writeHead(403).end();
      if (!extname(file)) file = join(file, 'index.html');
      if (!existsSync(file)) return void response.writeHead(404).end();
      let body: Buffer | string = readFileSync(file);
      if (extname(file) === '.html') body = body.toString('utf8').replaceAll('__VERIFY_API__', backend.baseUrl);
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      response.end(body);
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
}

async function listen(server: ReturnType<typeof createServer>) {
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** Starts the app's own server (`next start`) on a free port and waits until it answers. */
async function ownServer(cwd: string, command: (port: number) => [string, string[]], log: string[]) {
  const holder = createServer();
  const port = await listen(holder);
  await new Promise(done => holder.close(done));
  const [cmd, args] = command(port);
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => log.push(d.toString()));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/`).then(r => r.ok, () => false)) return { port, stop: () => child.kill() };
    await new Promise(r => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${cmd} did not answer on port ${port}`);
}

/** The page's console errors and warnings, uncaught errors and failed requests; and the JavaScript it loaded. */
function watch(page: Page) {
  const problems: string[] = [];
  const scripts = { initial: 0, lazy: 0, phase: 'initial' as 'initial' | 'lazy', pending: [] as Promise<void>[] };
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`));
  page.on('requestfailed', request => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', response => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    if (!/javascript/.test(response.headers()['content-type'] ?? '')) return;
    const phase = scripts.phase;
    scripts.pending.push(response.buffer().then(body => void (scripts[phase] += gzipSync(body).length), () => {}));
  });
  return { problems, scripts };
}

/** Types the code with real key presses into each `[data-flow]` section's <otp-input>; the app must show it. */
async function typeCodes(page: Page) {
  const flows = await page.$$eval('[data-flow]', sections => sections.map(s => s.getAttribute('data-flow') ?? ''));
  if (!flows.length) throw new Error('the page has no [data-flow] section');
  for (const flow of flows) {
    const section = `[data-flow="${flow}"]`;
    await page.click(`${section} otp-input`);
    await page.keyboard.type(CODE, { delay: 30 });
    const seen = () =>
      page.$eval(section, s => ({
        model: s.querySelector('.model')?.textContent ?? '',
        completed: s.querySelector('.completed')?.textContent ?? '',
        value: s.querySelector('otp-input')?.value ?? '',
      }));
    const want = JSON.stringify({ model: CODE, completed: CODE, value: CODE });
    const deadline = Date.now() + 5000;
    while (JSON.stringify(await seen()) !== want) {
      if (Date.now() > deadline) throw new Error(`${flow}: typed ${CODE}, the app shows ${JSON.stringify(await seen())}`);
      await new Promise(r => setTimeout(r, 50));
    }
  }
  return flows;
}

/**
 * Each tag's main control in its shadow root. The prompt renders nothing until a challenge comes:
 * its Approve button is what the push flow clicks.
 */
const CONTROLS: Record<string, string | null> = {
  'otp-input': '[part="boxes"]',
  'verify-enroll': 'button[part~="button"]',
  'verify-challenge-prompt': null,
  'verify-passkey': 'button[part~="button"]',
  'verify-totp-enroll': 'button[part~="button-start"]',
};

/** Every tag is defined, and its element in the page has a shadow root with its main control visible. */
async function checkTags(page: Page) {
  const missing = () =>
    page.evaluate(
      (controls: Record<string, string | null>) =>
        Object.entries(controls).flatMap(([tag, control]) => {
          const el = document.querySelector(tag);
          if (!customElements.get(tag)) return [`<${tag}> is not defined`];
          if (!el) return [`the page has no <${tag}>`];
          if (!el.shadowRoot) return [`<${tag}> has no shadow root`];
          if (!el.checkVisibility()) return [`<${tag}> is not visible`];
          if (control === null) return [];
          const shown = el.shadowRoot.querySelector(control);
          const box = shown?.getBoundingClientRect();
          return shown && shown.checkVisibility() && box && box.width > 0 && box.height > 0 ? [] : [`<${tag}> shows no ${control}`];
        }),
      CONTROLS,
    );
  const deadline = Date.now() + 10_000;
  for (let problems = await missing(); problems.length; problems = await missing()) {
    if (Date.now() > deadline) throw new Error(problems.join('; '));
    await new Promise(r => setTimeout(r, 100));
  }
  return Object.keys(CONTROLS).length;
}

/**
 * Sets up an authenticator app in <verify-totp-enroll>: Start, read the key it shows (as a user types
 * it into the app), then a wrong code (refused by the page's provider) and the right one, computed here.
 */
async function setUpTotp(page: Page) {
  let doing = '';
  try {
    await totpSteps(page, what => (doing = what));
  } catch (error) {
    const shown = await page.$eval('verify-totp-enroll', el => el.shadowRoot?.querySelector('[part="title"]')?.textContent ?? '').catch(() => '?');
    throw new Error(`<verify-totp-enroll> ${doing} (it says "${shown}"): ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function totpSteps(page: Page, step: (what: string) => void) {
  // Handles and waitForFunction, not puppeteer's locators: a locator on the key timed out now and then
  // (one run in three, cause not found) with the key on screen; this way passed every run.
  const inside = async (selector: string) => {
    const handle = await page.waitForFunction(
      s => [...(document.querySelector('verify-totp-enroll')?.shadowRoot?.querySelectorAll<HTMLElement>(s) ?? [])].find(el => el.checkVisibility()),
      { timeout: 10_000 },
      selector,
    );
    return handle.asElement() as ElementHandle<HTMLElement>;
  };
  const answer = (text: string) => page.waitForFunction(t => document.querySelector('.totp-answer')?.textContent === t, { timeout: 10_000 }, text);
  const type = async (code: string) => {
    await (await inside('otp-input:not([readonly])')).click();
    await page.keyboard.type(code, { delay: 30 });
  };
  step('clicking Start');
  await (await inside('button[part~="button-start"]')).click();
  step('reading the key');
  const key = (await (await inside('code[part="key"]')).evaluate(el => el.textContent ?? '')).replace(/\s/g, '');
  const totp = new TOTP({ secret: Secret.fromBase32(key) });
  // Valid in no step the provider accepts (the one before, this one, the next).
  const valid = [-1, 0, 1].map(offset => totp.generate({ timestamp: Date.now() + offset * 30_000 }));
  let wrong = valid[1]!;
  while (valid.includes(wrong)) wrong = String((Number(wrong) + 111_111) % 1_000_000).padStart(6, '0');
  step('typing a wrong code');
  await type(wrong);
  await answer('error wrong-code');
  step('typing the right code');
  await type(totp.generate());
  await page.waitForFunction(() => /^enrolled YF[0-9a-f]{32}$/.test(document.querySelector('.totp-answer')?.textContent ?? ''), { timeout: 10_000 });
  const left = await page.$eval('verify-totp-enroll', el => (el.shadowRoot?.querySelector('[part="key"], [part="qr"]') ? 'the key or the QR code is still shown' : ''));
  if (left) throw new Error(`<verify-totp-enroll> set up, yet ${left}`);
}

/** Enrolls this browser with <verify-enroll>, then approves a challenge in <verify-challenge-prompt>. */
async function enrollAndApprove(page: Page, backend: Backend, identity: string) {
  const answer = () => page.$eval('.answer', p => p.textContent ?? '');
  await page.locator('verify-enroll >>> button[part~="button"]').click();
  await page.waitForFunction(() => document.querySelector('.answer')?.textContent?.startsWith('enrolled '), { timeout: 10_000 });
  const factorSid = (await answer()).slice('enrolled '.length);
  const challenge = (await backend.challenge(identity, factorSid, { message: 'Sign in to the consumer app?' })) as { sid: string };
  await page.locator('verify-challenge-prompt >>> button[part="approve"]').setTimeout(15_000).click();
  await page.waitForFunction(sid => document.querySelector('.answer')?.textContent === `approved ${sid}`, { timeout: 10_000 }, challenge.sid);
  const stored = (await backend.api('GET', `Entities/${identity}/Challenges/${challenge.sid}`)) as { status: string };
  if (stored.status !== 'approved') throw new Error(`the emulator has challenge ${challenge.sid} ${stored.status}, not approved`);
}

/** Builds the app (in parallel with another app's build), then runs its flow (one app at a time in the browser). */
async function runApp(app: App, browser: Browser, backend: Backend, log: string[], inBrowser: <T>(task: () => Promise<T>) => Promise<T>): Promise<Result> {
  const dir = join(work, app.name);
  const result: Result = { app: app.name, build: 'not run', flow: 'not run', problems: [] };
  try {
    const times: string[] = [];
    for (const step of app.steps) times.push(`${step[0] === 'node' ? step[1] : step[0]} ${(await sh(dir, step, log)).toFixed(0)} s`);
    result.build = app.steps.length ? `ok (${times.join(', ')})` : 'none (static files)';
  } catch (error) {
    result.build = 'failed';
    result.problems.push(error instanceof Error ? error.message : String(error));
    return result;
  }
  return inBrowser(() => flow(app, dir, result, browser, backend, log));
}

async function flow(app: App, dir: string, result: Result, browser: Browser, backend: Backend, log: string[]): Promise<Result> {
  const identity = newIdentity();
  let stop = () => {};
  let port: number;
  if ('dir' in app.serve) {
    const mounts = Object.fromEntries(Object.entries(app.serve.mounts ?? {}).map(([prefix, d]) => [prefix, join(work, d)]));
    const server = staticServer(join(dir, app.serve.dir), mounts, backend, identity);
    port = await listen(server);
    stop = () => server.close();
  } else {
    ({ port, stop } = await ownServer(dir, app.serve.command, log));
  }
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const { problems, scripts } = watch(page);
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle0' });
    await page.waitForFunction(() => [...document.querySelectorAll('otp-input')].every(el => el.querySelector('input') && el.shadowRoot), { timeout: 10_000 });
    await Promise.all(scripts.pending);
    scripts.phase = 'lazy';
    const flows = await typeCodes(page);
    result.flow = `typed ${CODE} (${flows.join(', ')})`;
    if (app.tags) result.flow += `; ${await checkTags(page)} tags rendered`;
    if (app.push) {
      await enrollAndApprove(page, backend, identity);
      result.flow += '; enrolled, approved a challenge';
    }
    if (app.totp) {
      await setUpTotp(page);
      result.flow += '; TOTP set up (wrong code refused)';
    }
    await new Promise(r => setTimeout(r, 300)); // late console messages (hydration reports)
    await Promise.all(scripts.pending);
    Object.assign(result, { initial: scripts.initial, lazy: scripts.lazy });
    result.problems.push(...problems);
  } catch (error) {
    result.problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await context.close();
    stop();
  }
  return result;
}

const kB = (bytes?: number) => (bytes === undefined ? '' : `${(bytes / 1000).toFixed(1)} kB`);

async function main() {
  const log: string[] = [];
  const results: Result[] = [];
  let installed: Awaited<ReturnType<typeof install>> | undefined;
  try {
    installed = await install(log);
  } catch (error) {
    results.push({ app: 'install', build: 'failed', flow: 'not run', problems: [error instanceof Error ? error.message : String(error)] });
  }
  if (installed) {
    const emulator = await startEmulator({ port: 0, accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') });
    const backend = await Backend.create(emulator);
    const browser = await puppeteer.launch({ executablePath: engines.chromium.path(), headless: true, args: chromiumArgs });
    try {
      // Builds run `jobs` at a time (most are single-threaded: tsc, svelte-check); the browser, one app at a time.
      let turn = Promise.resolve();
      const inBrowser = <T>(task: () => Promise<T>) => {
        const result = turn.then(task);
        turn = result.then(() => {}, () => {});
        return result;
      };
      const queue = [...apps];
      const byApp = new Map<string, Result>();
      const lane = async () => {
        for (let app = queue.shift(); app; app = queue.shift()) {
          const started = Date.now();
          const result = await runApp(app, browser, backend, log, inBrowser);
          byApp.set(app.name, result);
          console.log(`consumer ${app.name}: ${result.problems.length ? 'FAILED' : 'ok'} in ${seconds(started)} s${result.problems.map(p => `\n  ${p.replace(/\n/g, '\n  ')}`).join('')}`);
        }
      };
      await Promise.all(Array.from({ length: jobs }, lane));
      results.push(...apps.map(app => byApp.get(app.name)!));
    } finally {
      await browser.close();
      await emulator.close();
    }
  }

  const table = [
    '| app | build | initial JS (gzip) | lazy JS (gzip) | flow in Chromium | result |',
    '|---|---|---|---|---|---|',
    ...results.map(r => `| ${r.app} | ${r.build} | ${kB(r.initial)} | ${kB(r.lazy)} | ${r.flow} | ${r.problems.length ? 'failed' : 'passed'} |`),
  ];
  const times = installed && `Install: npm ci ${installed.ci ? `${installed.ci} s` : 'skipped (node_modules matches the lockfile)'}, npm pack ${installed.pack} s, kit tarball ${installed.kit} s.`;
  const report = [...table, '', times ?? 'Install failed.', ''].join('\n');
  console.log(`\n${report}`);
  writeFileSync(join(fixtures, 'results.md'), report);
  writeFileSync(join(work, 'build.log'), log.join('\n'));
  if (process.env.CONSUMERS_RESULTS) {
    writeFileSync(process.env.CONSUMERS_RESULTS, JSON.stringify(results.map(r => ({ name: `consumer ${r.app}`, passed: r.problems.length ? 0 : 1, failed: r.problems.length ? 1 : 0 }))));
  }
  process.exitCode = results.some(r => r.problems.length) ? 1 : 0;
}

await main();
