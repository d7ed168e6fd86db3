#!/usr/bin/env node
// `npm run bench:emulator`: requests/s and p99 latency of the Verify Push emulator (the built CLI) on
// loopback. Not a test; each figure is the median of BENCH_RUNS runs (default 3) of BENCH_SECONDS
// (default 5), so that a machine shared with other work shows less in it. Goals:
// - memory only: ≥ 5,000 req/s for challenge creation (backend, Basic auth) and for challenge fetch
//   (device JWT);
// - with --data (a journal, made durable before each answer): challenge creation with 50,000
//   challenges stored within 20 % of creation with 1,000 stored (the cost of a write does not grow
//   with the state). Each of these runs starts from a copy of a journal filled to that size and
//   makes BENCH_CREATES (default 5,000) challenges (BENCH_SIZES: other sizes, e.g. 1000,5000).
import { generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { spawnEmulator } from '../emulator/test/spawn.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CREATES = Number(process.env.BENCH_CREATES ?? 5000);
const SIZES = (process.env.BENCH_SIZES ?? '1000,50000').split(',').map(Number);
const CONNECTIONS = 20;
const device = (/** @type {string} */ token) => `Basic ${Buffer.from(`token:${token}`).toString('base64')}`;
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (/** @type {number} */ n) => Math.round(n).toLocaleString('en');

/**
 * CPU seconds the emulator process used so far (Linux), or NaN: requests per CPU second says how
 * fast it is whatever else the machine runs at the time.
 * @param {import('../emulator/test/spawn.ts').SpawnedEmulator} emulator
 */
function cpuSeconds(emulator) {
  const stat = `/proc/${emulator.child.pid}/stat`;
  if (!existsSync(stat)) return NaN;
  // utime and stime, in clock ticks (100 a second on Linux), after the command name in parentheses.
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** @param {import('../emulator/test/spawn.ts').SpawnedEmulator} emulator */
const accountOf = emulator => `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;

/**
 * One service, one verified push factor, one challenge to fetch, and a device JWT valid for the whole run.
 * @param {import('../emulator/test/spawn.ts').SpawnedEmulator} emulator
 */
async function setUp(emulator) {
  const url = emulator.baseUrl;
  const account = accountOf(emulator);
  /** @param {string} path @param {Record<string, string>} form @param {string} [auth] */
  async function post(path, form, auth = account) {
    const res = await fetch(url + path, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    if (!res.ok) throw new Error(`setup: POST ${path} answered ${res.status} ${await res.text()}`);
    return res.json();
  }
  const identity = 'bench-user-0001';
  const service = await post('Services', { FriendlyName: 'Bench' });
  const { token } = await post(`Services/${service.sid}/AccessTokens`, { Identity: identity, FactorType: 'push' });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const entity = `Services/${service.sid}/Entities/${identity}`;
  const factor = await post(`${entity}/Factors`, {
    FriendlyName: 'Bench', FactorType: 'push', 'Binding.Alg': 'ES256', 'Config.NotificationPlatform': 'fcm', 'Config.NotificationToken': 'bench-token-'.padEnd(64, '0'),
    'Config.SdkVersion': '0.1.0', 'Config.AppId': 'bench.app', 'Binding.PublicKey': publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  }, device(token));
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ sub: emulator.accountSid, exp: now + 600, nbf: now })
    .setProtectedHeader({ cty: 'twilio-pba;v=1', kid: factor.config.credential_sid, typ: 'JWT', alg: 'ES256' })
    .sign(privateKey);
  await post(`${entity}/Factors/${factor.sid}`, { AuthPayload: sign('sha256', Buffer.from(factor.sid), privateKey).toString('base64') }, device(jwt));
  const body = new URLSearchParams({
    FactorSid: factor.sid, 'Details.Message': 'Sign in from Firefox on Linux?', 'Details.Fields': JSON.stringify({ label: 'IP', value: '203.0.113.7' }),
  }).toString();
  const challenge = await post(`${entity}/Challenges`, Object.fromEntries(new URLSearchParams(body)));
  return { entity, jwt, body, challenge };
}

/** @typedef {Awaited<ReturnType<typeof setUp>>} Setup */

/** @param {import('../emulator/test/spawn.ts').SpawnedEmulator} emulator @param {Setup} s @param {Partial<import('autocannon').Options>} options */
function creates(emulator, s, options) {
  return measure(emulator, {
    connections: CONNECTIONS, ...options, url: `${emulator.baseUrl}${s.entity}/Challenges`, method: 'POST', body: s.body,
    headers: { Authorization: accountOf(emulator), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

/** @param {import('../emulator/test/spawn.ts').SpawnedEmulator} emulator @param {import('autocannon').Options} options */
async function measure(emulator, options) {
  const cpu = cpuSeconds(emulator);
  const result = await autocannon(options);
  const errors = result.non2xx + result.errors + result.timeouts;
  if (errors) {
    const statuses = Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => `${count} × ${code}`).join(', ');
    throw new Error(`${errors} of ${result.requests.total} requests failed: ${result.errors} errors, ${result.timeouts} timeouts; statuses ${statuses}`);
  }
  // Requests per second over the run (autocannon's average is per whole second, which a run by amount does not fill).
  return { rate: result.requests.total / (result.duration || 1), p99: result.latency.p99, perCpu: result.requests.total / (cpuSeconds(emulator) - cpu) };
}

/** @param {import('../emulator/test/spawn.ts').SpawnedEmulator} emulator */
async function stop(emulator) {
  emulator.child.kill('SIGTERM');
  if (emulator.child.exitCode === null) await once(emulator.child, 'exit');
}

/** @param {string} title @param {Array<{ rate: number, p99: number, perCpu: number }>} runs */
function report(title, runs) {
  const rate = median(runs.map(r => r.rate));
  const perCpu = median(runs.map(r => r.perCpu));
  console.log(`${title.padEnd(44)} ${round(rate).padStart(7)} req/s   p99 ${String(median(runs.map(r => r.p99))).padStart(4)} ms   `
    + `${Number.isNaN(perCpu) ? '' : `${round(perCpu)} req per emulator CPU second   `}(runs: ${runs.map(r => round(r.rate)).join(', ')})`);
  return rate;
}

console.log(`Verify Push emulator on loopback: ${CONNECTIONS} connections, median of ${RUNS} runs; load average ${loadavg().map(l => l.toFixed(1)).join(' ')} on this machine\n`);
const goals = [];

// 1. Memory only.
{
  const emulator = await spawnEmulator();
  try {
    const s = await setUp(emulator);
    const create = [];
    const fetches = [];
    for (let run = 0; run < RUNS; run++) {
      create.push(await creates(emulator, s, { duration: DURATION }));
      fetches.push(await measure(emulator, {
        connections: CONNECTIONS, duration: DURATION, url: `${emulator.baseUrl}${s.entity}/Challenges/${s.challenge.sid}`, headers: { Authorization: device(s.jwt) },
      }));
    }
    goals.push(['challenge create ≥ 5,000 req/s', report('challenge create (Basic auth), memory', create) >= 5000]);
    goals.push(['challenge fetch ≥ 5,000 req/s', report('challenge fetch (device JWT), memory', fetches) >= 5000]);
  } finally {
    await stop(emulator);
  }
}

// 2. With --data: journals filled to each size once, then runs from copies of them.
const dir = mkdtempSync(join(tmpdir(), 'verify-emulator-bench-'));
try {
  const journal = join(dir, 'filling.jsonl');
  const seeds = new Map();
  let stored = 1;
  let s;
  for (const size of SIZES) {
    const emulator = await spawnEmulator(['--data', journal], 120_000);
    s ??= await setUp(emulator);
    const fill = await creates(emulator, s, { amount: size - stored });
    console.log(`filling the journal to ${round(size)} challenges: ${round(fill.rate)} creates/s`);
    stored = size;
    await stop(emulator);
    seeds.set(size, join(dir, `seed-${size}.jsonl`));
    copyFileSync(journal, seeds.get(size));
  }
  const bySize = new Map(SIZES.map(size => [size, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const size of SIZES) {
      const file = join(dir, 'run.jsonl');
      copyFileSync(seeds.get(size), file);
      const emulator = await spawnEmulator(['--data', file], 120_000);
      try {
        bySize.get(size).push(await creates(emulator, s, { amount: CREATES }));
      } finally {
        await stop(emulator);
      }
    }
  }
  const [small, large] = SIZES.map(size => report(`challenge create, --data, ${round(size)} stored`, bySize.get(size)));
  console.log(`${round(SIZES[1])} stored / ${round(SIZES[0])} stored: ${(large / small * 100).toFixed(0)} %`);
  goals.push([`with --data, create/s at ${round(SIZES[1])} within 20 % of ${round(SIZES[0])}`, large >= 0.8 * small]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nload average now ${loadavg().map(l => l.toFixed(1)).join(' ')}`);
for (const [goal, met] of goals) console.log(`goal ${goal}: ${met ? 'met' : 'NOT met'}`);
