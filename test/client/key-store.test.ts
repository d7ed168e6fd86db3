import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createIndexedDbStore } from '../../src/client/key-store.js';
import type { FactorRecord } from '../../src/client/types.js';
import { rejection } from './rejection.js';

/** An IDBFactory whose open request does what `behave` makes it do (or nothing at all). */
function fakeFactory(behave: (request: IDBOpenDBRequest) => void = () => {}) {
  return {
    open() {
      const request = new EventTarget() as IDBOpenDBRequest;
      setTimeout(() => behave(request), 10);
      return request;
    },
  } as unknown as IDBFactory;
}

async function record(sid: string): Promise<FactorRecord> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])) as CryptoKeyPair;
  return {
    sid,
    accountSid: 'AC1',
    serviceSid: 'VA1',
    entitySid: 'YE1',
    identity: 'user-0001',
    friendlyName: 'Laptop',
    status: 'unverified',
    push: { platform: 'none' },
    credentialSid: 'CR1',
    keys,
  };
}

describe('client key store', () => {
  it('gives a storage error (60403) quickly when IndexedDB never opens', async () => {
    const store = createIndexedDbStore({ indexedDB: fakeFactory(), timeoutMs: 150 });
    const started = performance.now();
    const failure = await rejection(store.all());
    expect(performance.now() - started).to.be.below(1000);
    expect(failure.code).to.equal(60403);
    expect(failure.message).to.contain('did not open in time');
  });

  it('gives 60403 at once when opening throws (sandboxed frame, disabled storage)', async () => {
    const factory = {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const failure = await rejection(createIndexedDbStore({ indexedDB: factory }).get('YF1'));
    expect(failure.code).to.equal(60403);
    expect(failure.message).to.contain('SecurityError');
  });

  it('gives 60403 on an error or blocked open', async () => {
    const erroring = fakeFactory(request => {
      Object.defineProperty(request, 'error', { value: new DOMException('no', 'InvalidStateError') });
      request.onerror?.(new Event('error'));
    });
    expect((await rejection(createIndexedDbStore({ indexedDB: erroring }).all())).message).to.contain('InvalidStateError');
    const blocked = fakeFactory(request => (request as IDBOpenDBRequest & { onblocked: () => void }).onblocked());
    expect((await rejection(createIndexedDbStore({ indexedDB: blocked }).all())).message).to.contain('another tab');
  });

  it('keeps several factors with usable non-extractable keys across store instances', async () => {
    const name = `verify-elements-test-${Math.random()}`;
    const store = createIndexedDbStore({ name });
    await store.put(await record('YF1'));
    await store.put(await record('YF2'));
    const again = createIndexedDbStore({ name });
    const all = await again.all();
    expect(all.map(r => r.sid)).to.deep.equal(['YF1', 'YF2']);
    const { privateKey } = (await again.get('YF2'))!.keys;
    expect(privateKey.extractable).to.equal(false);
    expect((await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new Uint8Array([1]))).byteLength).to.equal(64);
    await again.delete('YF1');
    expect((await store.all()).map(r => r.sid)).to.deep.equal(['YF2']);
    await store.clear();
    expect(await again.all()).to.deep.equal([]);
    expect(await again.get('YF2')).to.equal(undefined);
  });

  it('opens again after a failed open', async () => {
    let attempts = 0;
    const factory = {
      open(name: string, version: number) {
        if (attempts++ === 0) throw new DOMException('once', 'UnknownError');
        return indexedDB.open(name, version);
      },
    } as unknown as IDBFactory;
    const store = createIndexedDbStore({ name: `verify-elements-test-${Math.random()}`, indexedDB: factory });
    await rejection(store.all());
    expect(await store.all()).to.deep.equal([]);
    expect(attempts).to.equal(2);
  });

  it('works again after the user clears site data while it is open (Chromium: DevTools protocol)', async function () {
    if (!navigator.userAgent.includes('Chrome/')) this.skip(); // clearing site data from a test needs CDP
    const store = createIndexedDbStore({ name: `verify-elements-test-${Math.random()}` });
    await store.put(await record('YF1'));
    // The browser force-closes open connections when it deletes the data; a probe sees that close.
    const probe = await new Promise<IDBDatabase>(resolve => {
      const request = indexedDB.open('verify-elements-probe');
      request.onsuccess = () => resolve(request.result);
    });
    const closed = new Promise(resolve => (probe.onclose = resolve));
    await executeServerCommand('push-sw', { action: 'clear-indexeddb' });
    await closed;
    // The record went with the site data; the store answers instead of failing with 60403 for good.
    expect(await store.all()).to.deep.equal([]);
    await store.put(await record('YF2'));
    expect((await store.all()).map(r => r.sid)).to.deep.equal(['YF2']);
  });
});
