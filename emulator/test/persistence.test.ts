import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AccessTokenJson, FactorJson, ServiceJson } from 'verify-elements/protocol';
import { spawnEmulator, type SpawnedEmulator } from './spawn.js';
import { createDevice, deviceJwt, tokenAuth } from './device.js';

const dir = mkdtempSync(join(tmpdir(), 'verify-emulator-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the CLI; `url` is its base URL. */
const start = async (args: string[]) => {
  const started = await spawnEmulator(args);
  return { ...started, url: started.baseUrl };
};

const stop = (child: SpawnedEmulator['child']) => new Promise<number | null>(resolve => {
  child.removeAllListeners('exit');
  child.on('exit', code => resolve(code));
  child.kill('SIGTERM');
});

test('state written with --data survives SIGTERM and a restart', async () => {
  const file = join(dir, 'state.json');
  const first = await start(['--data', file, '--account-sid', 'AC11111111111111111111111111111111', '--auth-token', 'secret-token']);
  assert.match(first.line, /^Verify Push emulator on http:\/\/127\.0\.0\.1:\d+\/v2\/ \(account AC1{32}, the auth token given, data /);
  assert.doesNotMatch(first.line, /secret-token/, 'a token given on the command line is a secret: never printed');
  const auth = `Basic ${Buffer.from(`${first.accountSid}:${first.authToken}`).toString('base64')}`;
  const post = async <T>(base: string, path: string, form: Record<string, string>, authorization = auth): Promise<T> => {
    const res = await fetch(base + path, { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    return res.json() as Promise<T>;
  };
  const service = await post<ServiceJson>(first.url, 'Services', { FriendlyName: 'Durable' });
  const token = await post<AccessTokenJson>(first.url, `Services/${service.sid}/AccessTokens`, { Identity: 'durable-1234', FactorType: 'push' });
  const device = await createDevice();
  const factor = await post<FactorJson>(first.url, `Services/${service.sid}/Entities/durable-1234/Factors`, {
    FriendlyName: 'Browser', FactorType: 'push', 'Binding.PublicKey': device.publicKey, 'Binding.Alg': 'ES256', 'Config.AppId': 'test.app', 'Config.SdkVersion': '0.1.0',
    'Config.NotificationPlatform': 'none',
  }, tokenAuth(token.token));
  assert.equal(await stop(first.child), 0);
  assert.ok(JSON.parse(readFileSync(file, 'utf8')).factors[factor.sid]);

  const again = () => start(['--data', file, '--account-sid', first.accountSid, '--auth-token', first.authToken]);
  const factorUrl = (base: string) => `${base}Services/${service.sid}/Entities/durable-1234/Factors/${factor.sid}`;
  const asDevice = async (method = 'GET') => ({
    method,
    headers: { Authorization: tokenAuth(await deviceJwt(device.keys.privateKey, { credentialSid: factor.config.credential_sid, accountSid: first.accountSid })) },
  });
  const second = await again();
  try {
    const res = await fetch(factorUrl(second.url), await asDevice());
    assert.equal(res.status, 200);
    assert.equal((await res.json()).friendly_name, 'Browser');
    assert.equal((await fetch(factorUrl(second.url), await asDevice('DELETE'))).status, 204);
  } finally {
    await stop(second.child);
  }
  // The deleted factor's credential is kept too: a DELETE sent again after the restart is a 404.
  const third = await again();
  try {
    assert.equal((await fetch(factorUrl(third.url), await asDevice('DELETE'))).status, 404);
  } finally {
    await stop(third.child);
  }
});

test('a bad flag or a corrupt data file stops with a message', async () => {
  const file = join(dir, 'corrupt.json');
  (await import('node:fs')).writeFileSync(file, '{nope');
  await assert.rejects(start(['--data', file]), /not the emulator's JSON state/);
  await assert.rejects(start(['--port', 'x']), /--port must be/);
});
