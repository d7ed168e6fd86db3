// Writes that tell the truth: a change shows (in reads, pushes, webhooks) only once it is stored, and
// a write that fails answers a Twilio 500 that says why and changes nothing. The storage is the real
// file journal with a write failure injected (ENOSPC), so the restart after it reads the real file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ChallengeJson, ErrorJson, ListPage } from 'verify-elements/protocol';
import { answerJwt, tokenAuth } from './device.js';
import { fileStorage } from '../src/file-storage.js';
import type { Storage } from '../src/store.js';
import { eventually, startEmulator, type Enrolled, type TestEmulator } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'verify-emulator-durability-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The body of an answer that is an error. */
const errorOf = (answer: { text: string }) => JSON.parse(answer.text) as ErrorJson;
const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** The file journal, with the next appends made to fail or to wait until released. */
function faulty(file: string) {
  const inner = fileStorage(file);
  let failures = 0;
  let gate: Promise<void> | null = null;
  let open = () => {};
  const storage: Storage = {
    ...inner,
    async append(lines) {
      await gate;
      if (failures > 0) {
        failures -= 1;
        throw noSpace();
      }
      return inner.append(lines);
    },
  };
  return {
    storage,
    failNext: (count = 1) => (failures = count),
    /** Holds the appends until `release()`. */
    hold: () => (gate = new Promise(resolve => (open = () => {
      gate = null;
      resolve();
    }))),
    release: () => open(),
  };
}

/** A receiver of webhooks: the event types it got. */
async function receiver() {
  const types: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      types.push(new URLSearchParams(body).get('type') ?? '');
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { types, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => server.close() };
}

const challenge = (t: TestEmulator, e: Enrolled, message = 'Sign in?') =>
  t.call<ChallengeJson>('POST', `${e.path}/Challenges`, { form: { FactorSid: e.factor.sid, 'Details.Message': message } });
const listed = async (t: TestEmulator, e: Enrolled) =>
  (await t.call<ListPage<'challenges', ChallengeJson>>('GET', `${e.path}/Challenges?PageSize=1000`)).body.challenges.map(c => c.sid);
const stateOf = async (t: TestEmulator) => {
  const { webhook_deliveries: _, clock: __, ...state } = (await t.call<Record<string, unknown>>('GET', '/emulator/state')).body;
  return state;
};
const pushesFor = async (t: TestEmulator, sid: string) =>
  (await t.call<{ pushes: Array<{ challenge_sid: string }> }>('GET', '/emulator/outbox')).body.pushes.filter(p => p.challenge_sid === sid);

test('a full disk: the create answers a 500 that says so, is not listed, and memory is as it was', async () => {
  const file = join(dir, 'create.jsonl');
  const disk = faulty(file);
  const t = await startEmulator({ storage: disk.storage });
  try {
    const e = await t.enroll();
    const before = await stateOf(t);
    disk.failNext();
    const failed = await challenge(t, e);
    assert.equal(failed.status, 500);
    const error = errorOf(failed);
    assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'more_info', 'status']);
    assert.equal(error.code, 20500);
    assert.match(error.message, /could not store this change in .*create\.jsonl \(ENOSPC: no space left on device/);
    assert.deepEqual(await listed(t, e), []);
    assert.deepEqual(await stateOf(t), before, 'memory is exactly as before the failed write');
    assert.equal((await t.call<{ pushes: unknown[] }>('GET', '/emulator/outbox')).body.pushes.length, 0, 'no push for a challenge that is not stored');
    // The disk has room again: the same request goes through, and the restart finds it, not the failed one.
    const ok = await challenge(t, e);
    assert.equal(ok.status, 201);
    await t.close();
    const again = await startEmulator({ dataFile: file });
    try {
      assert.deepEqual(await listed(again, e), [ok.body.sid]);
    } finally {
      await again.close();
    }
  } finally {
    await t.close();
  }
});

test('a full disk during an approve: 500, still pending, no webhook; the retry approves and the webhook goes out', async () => {
  const disk = faulty(join(dir, 'approve.jsonl'));
  const t = await startEmulator({ storage: disk.storage });
  const hooks = await receiver();
  try {
    const e = await t.enroll();
    await t.call('POST', `Services/${e.serviceSid}/Webhooks`, { form: { FriendlyName: 'Hook', EventTypes: 'challenge.approved', WebhookUrl: hooks.url } });
    const ch = (await challenge(t, e)).body;
    const path = `${e.path}/Challenges/${ch.sid}`;
    const fetched = await t.call<ChallengeJson>('GET', path);
    const approve = async () => t.call<ChallengeJson>('POST', path, {
      auth: tokenAuth(await e.jwt()),
      form: { AuthPayload: await answerJwt(e.device.keys.privateKey, fetched.body, fetched.headers.get('twilio-verify-signature-fields'), 'approved') },
    });
    disk.failNext();
    const failed = await approve();
    assert.deepEqual([failed.status, errorOf(failed).code], [500, 20500]);
    assert.equal((await t.call<ChallengeJson>('GET', path)).body.status, 'pending');
    await new Promise(resolve => setTimeout(resolve, 200));
    assert.deepEqual(hooks.types, [], 'no webhook for an answer that was not stored');
    const retried = await approve();
    assert.equal(retried.status, 200, retried.text);
    assert.equal(retried.body.status, 'approved');
    await eventually(() => hooks.types.includes('challenge.approved'));
  } finally {
    hooks.close();
    await t.close();
  }
});

test('a change shows only once stored; changes made on top of a failed write fail with it', async () => {
  const disk = faulty(join(dir, 'visible.jsonl'));
  const t = await startEmulator({ storage: disk.storage });
  try {
    const e = await t.enroll();
    const before = await stateOf(t);
    disk.hold();
    const first = challenge(t, e, 'first');
    // The first write waits on the disk; meanwhile nothing of it shows, neither to lists nor as a push.
    await new Promise(resolve => setTimeout(resolve, 100));
    assert.deepEqual(await listed(t, e), []);
    assert.equal((await t.call<{ pushes: unknown[] }>('GET', '/emulator/outbox')).body.pushes.length, 0);
    // A second one is made on top of it (it would go in the next write): both fail when the first write does.
    const second = challenge(t, e, 'second');
    await new Promise(resolve => setTimeout(resolve, 50));
    disk.failNext();
    disk.release();
    assert.deepEqual((await Promise.all([first, second])).map(r => r.status), [500, 500]);
    assert.deepEqual(await stateOf(t), before);
    // Held again, then stored: it shows, with its push, once the write is done.
    disk.hold();
    const third = challenge(t, e, 'third');
    await new Promise(resolve => setTimeout(resolve, 50));
    assert.deepEqual(await listed(t, e), []);
    disk.release();
    const created = await third;
    assert.equal(created.status, 201);
    assert.deepEqual(await listed(t, e), [created.body.sid]);
    assert.equal((await pushesFor(t, created.body.sid)).length, 1);
  } finally {
    disk.release();
    await t.close();
  }
});

test('retention: answered and expired challenges go after the retention time; pending ones stay', async () => {
  const t = await startEmulator({ retentionSeconds: 60 });
  const clock = (offsetSeconds: number) => t.call('POST', '/emulator/clock', { form: JSON.stringify({ offsetSeconds }), headers: { 'Content-Type': 'application/json' } });
  try {
    const e = await t.enroll();
    const answered = (await challenge(t, e, 'answered')).body;
    const path = `${e.path}/Challenges/${answered.sid}`;
    const fetched = await t.call<ChallengeJson>('GET', path);
    const denied = await t.call('POST', path, {
      auth: tokenAuth(await e.jwt()),
      form: { AuthPayload: await answerJwt(e.device.keys.privateKey, fetched.body, fetched.headers.get('twilio-verify-signature-fields'), 'denied') },
    });
    assert.equal(denied.status, 200, denied.text);
    const pending = (await challenge(t, e, 'pending')).body;
    // Two minutes on: the denied one is past its minute of retention; the pending one (5 minutes) stays.
    await clock(120);
    const later = (await challenge(t, e, 'later')).body;
    assert.deepEqual(new Set(await listed(t, e)), new Set([pending.sid, later.sid]));
    assert.equal((await t.call('GET', path)).status, 404);
    // Ten minutes on, both have expired more than a minute ago.
    await clock(600);
    await challenge(t, e, 'last');
    assert.equal((await listed(t, e)).length, 1);
  } finally {
    await t.close();
  }
});
