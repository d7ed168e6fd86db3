import type { FactorRecord, FactorStore } from '../../src/client/types.js';

/** A key store in memory (the client's `storage` option takes any FactorStore): nothing outlives it. */
export function memoryStore(...records: FactorRecord[]): FactorStore {
  const map = new Map(records.map(r => [r.sid, r]));
  return {
    get: async sid => map.get(sid),
    all: async () => [...map.values()],
    put: async r => void map.set(r.sid, r),
    delete: async sid => void map.delete(sid),
    clear: async () => map.clear(),
  };
}
