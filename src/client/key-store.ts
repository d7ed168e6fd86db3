import { wrap, type IDBPDatabase } from 'idb';
import { STORAGE_ERROR } from '../protocol/codes.js';
import { VerifyError } from './errors.js';
import type { FactorStore } from './types.js';

/** Where factors and their CryptoKeyPairs live. Every failure rejects with a VerifyError 60403. */
export interface IndexedDbStoreOptions {
  /** Database name, default `verify-elements`. */
  name?: string;
  /** Default: the page's `indexedDB`. */
  indexedDB?: IDBFactory;
  /** How long opening may take before it counts as unavailable, default 3000 ms. */
  timeoutMs?: number;
}

const STORE = 'factors';

const storageError = (why: string) =>
  new VerifyError(
    STORAGE_ERROR,
    `This browser's storage for push keys (IndexedDB) is unavailable: ${why}. Allow site data for this site, ` +
      'leave private browsing or close other tabs of this site, then try again.',
  );

/**
 * Factors in IndexedDB, keyed by factor SID, the key pair stored with its record (a CryptoKey
 * survives structured clone; its private half stays non-extractable). Opening is bounded by a
 * timeout because a blocked or broken IndexedDB may never fire any event.
 */
export function createIndexedDbStore({ name = 'verify-elements', indexedDB: factory, timeoutMs = 3000 }: IndexedDbStoreOptions = {}): FactorStore {
  let opened: Promise<IDBPDatabase> | undefined;

  const open = () =>
    new Promise<IDBPDatabase>((resolve, reject) => {
      let settled = false;
      const fail = (why: string) => {
        settled = true;
        clearTimeout(timer);
        reject(storageError(why));
      };
      const timer = setTimeout(() => fail('it did not open in time'), timeoutMs);
      let request: IDBOpenDBRequest;
      try {
        request = (factory ?? indexedDB).open(name, 1);
      } catch (error) {
        return fail(`it refused to open (${(error as Error).name})`);
      }
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'sid' });
      request.onblocked = () => fail('another tab keeps an older version open');
      request.onerror = () => fail(`it failed to open (${request.error?.name})`);
      request.onsuccess = () => {
        const db = request.result;
        if (settled) return db.close();
        settled = true;
        clearTimeout(timer);
        // Let another tab upgrade the database instead of blocking it; the next call reopens.
        db.onversionchange = () => {
          db.close();
          opened = undefined;
        };
        // The browser closes it when site data is cleared or the disk fails: reopen next time.
        db.onclose = () => {
          opened = undefined;
        };
        resolve(wrap(db));
      };
    });

  const run = async <T>(op: (db: IDBPDatabase) => Promise<T>): Promise<T> => {
    // A failed open is forgotten so that a later call tries again.
    opened ??= open().catch(error => {
      opened = undefined;
      throw error;
    });
    try {
      return await op(await opened);
    } catch (error) {
      throw error instanceof VerifyError ? error : storageError((error as Error).name);
    }
  };

  return {
    get: sid => run(db => db.get(STORE, sid)),
    all: () => run(db => db.getAll(STORE)),
    put: record => run(db => db.put(STORE, record)).then(() => undefined),
    delete: sid => run(db => db.delete(STORE, sid)),
    clear: () => run(db => db.clear(STORE)),
  };
}
