#!/usr/bin/env node
// `npm test`: builds, runs the Node tests, the browser tests in Chromium, Firefox and WebKit, and
// every Storybook story, and closes with ONE line summed over every runner and engine: `N passed, N failed`.
// BROWSERS=chromium,firefox narrows a local run; CI always runs all three.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPackages } from '../test/support/browsers.mjs';

const engines = process.env.BROWSERS?.split(',').map(s => s.trim()).filter(Boolean) ?? ['chromium', 'firefox', 'webkit'];
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
const failures = [];
const tmp = mkdtempSync(join(tmpdir(), 'verify-elements-test-'));

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function add(runner, counts) {
  rows.push([runner, counts]);
  for (const name of counts.failures ?? []) failures.push(`${runner}: ${name}`);
  for (const k of Object.keys(totals)) totals[k] += counts[k] ?? 0;
}

function ensureBrowsers() {
  const missing = missingPackages([...engines, ...(engines.includes('webkit') ? ['xvfb'] : [])]);
  if (!missing.length) return true;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`npm test: browser engines are missing. Install them with:\n  sudo apt-get update && sudo ${command}\n` +
      `or point CHROME_PATH / FIREFOX_PATH / WEBKIT_DRIVER_PATH at them, or narrow the run with BROWSERS=chromium.`);
    return false;
  }
  console.log(`npm test: installing missing browser engines with apt-get: ${missing.join(', ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], env) !== 0 || run('sh', ['-c', `${command} -qq`], env) !== 0) {
    console.error(`npm test: apt-get could not install ${missing.join(', ')}; install them by hand: ${command}`);
    return false;
  }
  return missingPackages(engines).length === 0;
}

// 1. The browser engines first: the demo's end-to-end tests (Node runner) need them too.
const browsersReady = ensureBrowsers();
if (!browsersReady) add('browsers missing', { failed: 1 });

// 2. Build the kit, type-check every package (strict; their tests import the kit by its own name, so
// after the build), then build the workspaces: the emulator's bin and the browser tests' emulator run
// its compiled JavaScript.
const workspaces = JSON.parse(readFileSync('package.json', 'utf8')).workspaces;
if (run('npm', ['run', '--silent', 'build']) !== 0) add('build kit', { failed: 1 });
add('typecheck kit', run('npx', ['tsc', '-p', 'tsconfig.test.json']) === 0 ? { passed: 1 } : { failed: 1 });
for (const dir of workspaces) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  add(`typecheck ${name}`, run('npm', ['run', '--silent', '--workspace', dir, 'typecheck']) === 0 ? { passed: 1 } : { failed: 1 });
}
if (run('npm', ['run', '--silent', '--workspaces', '--if-present', 'build']) !== 0) add('build workspaces', { failed: 1 });
// No import cycles in the kit, type-only imports included (.dependency-cruiser.cjs).
add('import cycles', run('npm', ['run', '--silent', 'check:cycles']) === 0 ? { passed: 1 } : { failed: 1 });
// Every entry within its min+gzip budget, in the production build (scripts/size.mjs).
add('size budgets', run('node', ['scripts/size.mjs']) === 0 ? { passed: 1 } : { failed: 1 });
// The framework examples against the built package's types (dist/, and the Vue and JSX types the
// build generates from custom-elements.json): React's JSX, Vue's templates, Angular's strictTemplates.
for (const [step, cmd, args] of [
  ['react example types', 'tsc', ['-p', 'examples/tsconfig.json']],
  ['vue example types', 'vue-tsc', ['-p', 'examples/vue/tsconfig.json']],
  ['angular example types', 'ngc', ['-p', 'examples/angular/tsconfig.json']],
]) {
  add(step, run('npx', [cmd, ...args]) === 0 ? { passed: 1 } : { failed: 1 });
}

// 3. Node's test runner: the kit in Node, the emulator's and the demo's own tests (each package keeps
// its tests in its own test/ folder; helpers there are not test files).
const testFiles = dir => readdirSync(dir, { recursive: true }).filter(f => /\.test\.m?[jt]s$/.test(f)).map(f => join(dir, f)).sort();
const nodeFiles = ['test/node', 'emulator/test', 'demo/test'].flatMap(testFiles);
const tap = join(tmp, 'node.tap');
run('node', ['--conditions=verify-elements-source', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...nodeFiles]);
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const tapCount = name => Number(tapText.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
const tapFailures = [...tapText.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map(m => m[1]);
add('node', { passed: tapCount('pass'), failed: tapCount('fail') + tapCount('cancelled') + (tapText ? 0 : 1), skipped: tapCount('skipped') + tapCount('todo'), failures: tapFailures });

// 4. Browsers, with coverage (from Chromium) and its floor.
if (browsersReady) {
  const counts = join(tmp, 'wtr.json');
  const status = run('npx', ['wtr', '--coverage'], { WTR_COUNTS_FILE: counts, BROWSERS: engines.join(',') });
  const perEngine = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : {};
  for (const [engine, c] of Object.entries(perEngine)) add(engine, c);
  const failedTests = Object.values(perEngine).reduce((n, c) => n + c.failed, 0);
  // A non-zero exit with no failed test is the coverage floor (or a runner crash): count it.
  if (status !== 0 && failedTests === 0) add('coverage floor / runner', { failed: 1 });
}

// 5. Storybook, built offline, every story opened in Chromium: axe, console, and each push story's
// state against the emulator in the preview's Service Worker (.storybook/smoke.mjs).
if (!engines.includes('chromium')) {
  console.log('npm test: Storybook smoke skipped (it runs in Chromium; BROWSERS leaves it out).');
} else if (run('npm', ['run', '--silent', 'build-storybook']) !== 0) {
  add('storybook build', { failed: 1 });
} else {
  const smoke = spawnSync('node', ['.storybook/smoke.mjs'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(smoke.stdout ?? '');
  const [, passed = 0, failed = 1] = (smoke.stdout ?? '').match(/^(\d+) passed, (\d+) failed$/m)?.map(Number) ?? [];
  add('storybook stories', { passed, failed: failed || (smoke.status ? 1 : 0) });
}

// 6. The consumer matrix: the packed kit installed without firebase into an app per framework (consumers/),
// each built with its own tool and run in Chromium (scripts/consumers.ts); one count per app.
// CONSUMERS=0 skips it in a local run; CI always runs it.
if (process.env.CONSUMERS === '0' && !process.env.CI) {
  console.log('npm test: consumer matrix skipped (CONSUMERS=0).');
} else if (!engines.includes('chromium')) {
  console.log('npm test: consumer matrix skipped (it runs in Chromium; BROWSERS leaves it out).');
} else {
  const results = join(tmp, 'consumers.json');
  const status = run('node', ['--import', 'tsx', 'scripts/consumers.ts'], { CONSUMERS_RESULTS: results });
  const apps = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : [];
  for (const { name, passed, failed } of apps) add(name, { passed, failed });
  if (status !== 0 && !apps.some(a => a.failed)) add('consumer matrix', { failed: 1 });
}

console.log('\nResults');
for (const [runner, c] of rows) console.log(`  ${runner.padEnd(34)} ${c.passed ?? 0} passed, ${c.failed ?? 0} failed, ${c.skipped ?? 0} skipped`);
if (failures.length) console.log(`\nFailed\n${failures.map(f => `  ${f}`).join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
