#!/usr/bin/env node
// `npm run bench:emulator`: requests/s and p99 latency of the Verify Push emulator on loopback, for
// challenge creation (backend, Basic auth) and challenge fetch (device JWT). Not a test; goal ≥ 2,000 req/s.
import { generateKeyPairSync, sign } from 'node:crypto';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { spawnEmulator } from '../emulator/test/spawn.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const { child, baseUrl: url, accountSid, authToken } = await spawnEmulator();
const account = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
const device = (/** @type {string} */ token) => `Basic ${Buffer.from(`token:${token}`).toString('base64')}`;

/** @param {string} path @param {Record<string, string>} form @param {string} [auth] */
async function post(path, form, auth = account) {
  const res = await fetch(url + path, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  if (!res.ok) throw new Error(`setup: POST ${path} answered ${res.status} ${await res.text()}`);
  return res.json();
}

// Setup: one service, one verified push factor, one challenge to fetch, one JWT valid for the whole run.
const identity = 'bench-user-0001';
const service = await post('Services', { FriendlyName: 'Bench' });
const { token } = await post(`Services/${service.sid}/AccessTokens`, { Identity: identity, FactorType: 'push' });
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const entity = `Services/${service.sid}/Entities/${identity}`;
const factor = await post(`${entity}/Factors`, {
  FriendlyName: 'Bench', FactorType: 'push', 'Binding.Alg': 'ES256', 'Config.AppId': 'bench.app', 'Config.SdkVersion': '0.1.0',
  'Config.NotificationPlatform': 'fcm', 'Config.NotificationToken': 'bench-token-'.padEnd(64, '0'),
  'Binding.PublicKey': publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
}, device(token));
const now = Math.floor(Date.now() / 1000);
const jwt = await new SignJWT({ sub: accountSid, exp: now + 600, nbf: now })
  .setProtectedHeader({ cty: 'twilio-pba;v=1', kid: factor.config.credential_sid, typ: 'JWT', alg: 'ES256' })
  .sign(privateKey);
await post(`${entity}/Factors/${factor.sid}`, { AuthPayload: sign('sha256', Buffer.from(factor.sid), privateKey).toString('base64') }, device(jwt));
const challengeBody = new URLSearchParams({
  FactorSid: factor.sid, 'Details.Message': 'Sign in from Firefox on Linux?', 'Details.Fields': JSON.stringify({ label: 'IP', value: '203.0.113.7' }),
}).toString();
const challenge = await post(`${entity}/Challenges`, Object.fromEntries(new URLSearchParams(challengeBody)));

/** @param {string} title @param {import('autocannon').Options} options */
async function run(title, options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  const errors = result.non2xx + result.errors + result.timeouts;
  console.log(`${title.padEnd(36)} ${Math.round(result.requests.average).toLocaleString('en').padStart(7)} req/s   p99 ${String(result.latency.p99).padStart(4)} ms   ${result.requests.total.toLocaleString('en')} requests, ${errors} errors`);
  return result.requests.average;
}

console.log(`Verify Push emulator on loopback: ${CONNECTIONS} connections, ${DURATION} s each\n`);
try {
  const rates = [
    await run('challenge create (Basic auth)', {
      url: `${url}${entity}/Challenges`, method: 'POST', body: challengeBody,
      headers: { Authorization: account, 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
    await run('challenge fetch (device JWT)', { url: `${url}${entity}/Challenges/${challenge.sid}`, headers: { Authorization: device(jwt) } }),
  ];
  console.log(`\ngoal ≥ 2,000 req/s: ${rates.every(r => r >= 2000) ? 'met' : 'NOT met'}`);
} finally {
  child.kill('SIGTERM');
}
