// A local dev server that stays local: admin endpoints take the account credentials, and requests
// addressed to any host but a loopback name are refused (a DNS-rebinding page names its own host).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { ErrorJson } from 'verify-elements/protocol';
import { tokenAuth } from './device.js';
import { startEmulator, type TestEmulator } from './helpers.js';

/** A GET with this Host header (fetch does not let a page or a test set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, res => {
      let body = '';
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let t: TestEmulator;
before(async () => { t = await startEmulator(); });
after(() => t.close());

describe('Host', () => {
  test('a request addressed to a name that is not loopback is refused with a 403 that says how to allow it', async () => {
    const health = `${t.origin}/emulator/health`;
    const refused = await getWithHost(health, 'attacker.example:8787');
    assert.equal(refused.status, 403);
    const body = JSON.parse(refused.body) as ErrorJson;
    assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'more_info', 'status']);
    assert.equal(body.code, 20403);
    assert.match(body.message, /"attacker\.example:8787".*--allow-host attacker\.example/);
    assert.equal((await getWithHost(`${t.url}Services`, '192.168.1.20')).status, 403);
    for (const host of ['localhost', 'localhost:8787', 'app.localhost:3000', '127.0.0.1:1', '[::1]:8787']) {
      assert.equal((await getWithHost(health, host)).status, 200, host);
    }
  });

  test('allowedHosts (--allow-host) serves other names too', async () => {
    const open = await startEmulator({ allowedHosts: ['dev.example'] });
    try {
      assert.equal((await getWithHost(`${open.origin}/emulator/health`, 'dev.example:8787')).status, 200);
      assert.equal((await getWithHost(`${open.origin}/emulator/health`, 'other.example')).status, 403);
    } finally {
      await open.close();
    }
  });
});

describe('admin endpoints', () => {
  const admin = [['GET', '/emulator/state'], ['GET', '/emulator/outbox'], ['GET', '/emulator/faults'], ['POST', '/emulator/faults'], ['DELETE', '/emulator/faults'], ['GET', '/emulator/clock'], ['POST', '/emulator/clock']];

  test('answer 401 without the account credentials, and with a device\'s', async () => {
    for (const [method, path] of admin) {
      const res = await t.call<ErrorJson>(method, path, { auth: null });
      assert.deepEqual([res.status, res.body.code], [401, 20003], `${method} ${path}`);
      assert.match(res.body.message, /account credentials/);
      assert.equal((await t.call(method, path, { auth: tokenAuth('a.b.c') })).status, 401);
      assert.equal((await t.call(method, path, { auth: `Basic ${Buffer.from(`${t.emulator.accountSid}:wrong`).toString('base64')}` })).status, 401);
    }
    // Nothing was changed by the refused calls.
    assert.deepEqual((await t.call<{ faults: unknown[] }>('GET', '/emulator/faults')).body.faults, []);
  });

  test('answer with the account credentials; health and the push stream need none', async () => {
    assert.equal((await t.call('GET', '/emulator/state')).status, 200);
    assert.equal((await t.call('GET', '/emulator/health', { auth: null })).status, 200);
    const stream = new AbortController();
    const push = await fetch(`${t.origin}/emulator/push/some-token`, { signal: stream.signal });
    assert.equal(push.status, 200);
    stream.abort();
  });

  test('openAdmin (--open-admin) serves them without credentials', async () => {
    const open = await startEmulator({ openAdmin: true });
    try {
      assert.equal((await open.call('GET', '/emulator/state', { auth: null })).status, 200);
    } finally {
      await open.close();
    }
  });
});
