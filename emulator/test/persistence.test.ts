import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AccessTokenJson, ErrorJson, FactorJson, ListPage, ServiceJson } from 'verify-elements/protocol';
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
  assert.ok(readFileSync(file, 'utf8').includes(factor.sid));

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
  writeFileSync(file, '{nope');
  await assert.rejects(start(['--data', file]), /corrupt\.json is not the emulator's data file/);
  await assert.rejects(start(['--port', 'x']), /--port must be/);
  await assert.rejects(start(['--retention', 'soon']), /--retention must be a number and a unit/);
});

const basic = (e: { accountSid: string; authToken: string }) => `Basic ${Buffer.from(`${e.accountSid}:${e.authToken}`).toString('base64')}`;
const createService = (e: SpawnedEmulator, name: string) =>
  fetch(`${e.baseUrl}Services`, { method: 'POST', headers: { Authorization: basic(e), 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ FriendlyName: name }) });

/** Every service SID, following next_page_url. */
async function allServices(e: SpawnedEmulator): Promise<string[]> {
  const sids: string[] = [];
  for (let url: string | null = `${e.baseUrl}Services?PageSize=1000`; url;) {
    const page = (await (await fetch(url, { headers: { Authorization: basic(e) } })).json()) as ListPage<'services', ServiceJson>;
    sids.push(...page.services.map(s => s.sid));
    url = page.meta.next_page_url;
  }
  return sids;
}

test('SIGKILL during a stream of writes (as a compaction starts): every acknowledged write is there after a restart, and no temp file', async () => {
  const folder = mkdtempSync(join(dir, 'kill-'));
  const file = join(folder, 'state.jsonl');
  const first = await start(['--data', file]);
  const acked: string[] = [];
  let killed = false;
  const kill = () => {
    killed = true;
    first.child.kill('SIGKILL');
  };
  // The journal is compacted every 16 KiB or so: kill as a later compaction starts writing its file.
  const watcher = watch(folder, (_, name) => {
    if (name === 'state.jsonl.compact' && acked.length > 100 && !killed) kill();
  });
  const timer = setTimeout(kill, 15_000);
  const writer = async (n: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await createService(first, `Stream ${n}-${i}`);
        if (res.status === 201) acked.push(((await res.json()) as ServiceJson).sid);
      } catch {
        return; // the connection went with the process
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, n) => writer(n)));
  clearTimeout(timer);
  watcher.close();
  if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, 'exit');
  const again = await start(['--data', file]);
  try {
    const stored = new Set(await allServices(again));
    assert.ok(acked.length > 100);
    assert.deepEqual(acked.filter(sid => !stored.has(sid)), [], 'every acknowledged write survived');
    assert.deepEqual(readdirSync(folder), ['state.jsonl'], 'no temp file is left');
  } finally {
    await stop(again.child);
  }
});

test('a state file of an earlier version (one JSON object) is read, and rewritten as a journal', async () => {
  const file = join(dir, 'old.json');
  const service = { sid: `VA${'1'.repeat(32)}`, friendly_name: 'From before', date_created: 1_700_000_000_000, date_updated: 1_700_000_000_000 };
  writeFileSync(file, JSON.stringify({ services: { [service.sid]: service }, entities: {}, factors: {}, challenges: {} }));
  const e = await start(['--data', file]);
  try {
    assert.deepEqual(await allServices(e), [service.sid]);
    assert.match(readFileSync(file, 'utf8'), /^\{"journal":"verify-push-emulator","version":1\}\n/);
  } finally {
    await stop(e.child);
  }
});

const root = process.getuid?.() === 0;
/** Mounts a tmpfs (root only); null when this system does not let us. */
function tmpfs(folder: string, options: string): (() => void) | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return () => execFileSync('umount', [folder]);
}

test('a read-only data folder stops the start with a message, for a new file and for an existing journal', async t => {
  const folder = mkdtempSync(join(dir, 'ro-'));
  const existing = join(folder, 'state.jsonl');
  // Root writes through chmod, so as root the folder is a read-only mount (EROFS) instead.
  let unmount: (() => void) | null = null;
  if (root) {
    unmount = tmpfs(folder, 'size=1m');
    if (!unmount) return t.skip('running as root where tmpfs cannot be mounted: chmod would not stop root from writing');
  }
  try {
    const e = await start(['--data', existing]);
    await createService(e, 'Before read-only');
    await stop(e.child);
    if (unmount) execFileSync('mount', ['-o', 'remount,ro', folder]);
    else chmodSync(folder, 0o555);
    await assert.rejects(start(['--data', join(folder, 'new.jsonl')]), /Cannot keep the state in .*new\.jsonl: its folder or the file is read-only \((EROFS|EACCES)\)/);
    await assert.rejects(start(['--data', existing]), /Cannot keep the state in .*state\.jsonl: its folder or the file is read-only/);
  } finally {
    unmount?.();
    chmodSync(folder, 0o755);
  }
});

test('a real full disk (a tiny tmpfs): the write answers 500 with ENOSPC and is gone; once there is room the retry is stored', { skip: !root && 'needs root to mount a tmpfs' }, async t => {
  const folder = mkdtempSync(join(dir, 'full-'));
  const unmount = tmpfs(folder, 'size=256k');
  if (!unmount) return t.skip('tmpfs cannot be mounted here');
  try {
    const file = join(folder, 'state.jsonl');
    const names = ['Fits 0'];
    const e = await start(['--data', file]);
    try {
      assert.equal((await createService(e, 'Fits 0')).status, 201);
      // Fill the disk, then write until a write does not fit (the journal's last page may hold a few).
      const filler = join(folder, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch { /* full */ }
      let failed: Response | undefined;
      for (let i = 1; i <= 100 && !failed; i++) {
        const res = await createService(e, `Fits ${i}`);
        if (res.status === 201) names.push(`Fits ${i}`);
        else failed = res;
      }
      assert.equal(failed?.status, 500);
      const body = (await failed.json()) as ErrorJson;
      assert.equal(body.code, 20500);
      assert.match(body.message, /could not store this change in .*state\.jsonl \(ENOSPC: no space left on device/);
      rmSync(filler);
      assert.equal((await createService(e, 'Fits again')).status, 201);
      names.push('Fits again');
    } finally {
      await stop(e.child);
    }
    const again = await start(['--data', file]);
    try {
      const stored = await Promise.all((await allServices(again)).map(async sid =>
        ((await (await fetch(`${again.baseUrl}Services/${sid}`, { headers: { Authorization: basic(again) } })).json()) as ServiceJson).friendly_name));
      assert.deepEqual(stored.sort(), names.sort(), 'what was acknowledged, and not the write that failed');
    } finally {
      await stop(again.child);
    }
  } finally {
    unmount();
  }
});
