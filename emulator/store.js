/**
 * Where the state persists: a file in Node (file-storage.js), the Cache API in a Service Worker.
 * @typedef {{ name: string, load(): Promise<string | null>, write(text: string): Promise<void> }} Storage
 * @typedef {'services' | 'entities' | 'factors' | 'challenges' | 'webhooks' | 'accessTokens' | 'retiredCredentials'} Kind
 * @typedef {Record<string, any> & { sid: string }} Row
 * @typedef {Record<Kind, Record<string, Row>>} State
 */

const KINDS = /** @type {Kind[]} */ (['services', 'entities', 'factors', 'challenges', 'webhooks', 'accessTokens', 'retiredCredentials']);

/**
 * The emulator's state with the indexes the routes need, persisted to `storage` when given. Every
 * mutating request awaits `save()` before it answers, so nothing acknowledged is lost; concurrent
 * saves share one write (group commit).
 * @param {{ storage?: Storage }} options
 */
export async function createStore({ storage } = {}) {
  /** @type {State} */
  const state = /** @type {State} */ (Object.fromEntries(KINDS.map(k => [k, Object.create(null)])));
  const entityByKey = new Map();
  /** @type {Map<string, Set<string>>} */
  const factorsByEntity = new Map();
  /** @type {Map<string, string[]>} challenge SIDs in creation order */
  const challengesByEntity = new Map();
  const factorByCredential = new Map();
  const accessTokenByValue = new Map();

  /** @param {Kind} kind @param {Row} row */
  function index(kind, row) {
    if (kind === 'entities') entityByKey.set(`${row.service_sid}\n${row.identity}`, row.sid);
    else if (kind === 'factors') {
      if (!factorsByEntity.has(row.entity_sid)) factorsByEntity.set(row.entity_sid, new Set());
      factorsByEntity.get(row.entity_sid)?.add(row.sid);
      factorByCredential.set(row.credential_sid, row.sid);
    } else if (kind === 'challenges') {
      if (!challengesByEntity.has(row.entity_sid)) challengesByEntity.set(row.entity_sid, []);
      challengesByEntity.get(row.entity_sid)?.push(row.sid);
    } else if (kind === 'accessTokens') accessTokenByValue.set(row.token, row.sid);
  }

  const text = await storage?.load();
  if (text) {
    let saved;
    try {
      saved = JSON.parse(text);
    } catch {
      throw new Error(`${storage?.name} is not the emulator's JSON state; move it away or pass another --data file.`);
    }
    const rows = [];
    for (const kind of KINDS) for (const row of Object.values(saved[kind] ?? {})) rows.push([kind, row]);
    // Challenges are indexed in creation order, whatever order the file holds them in.
    rows.sort((a, b) => (a[1].date_created ?? 0) - (b[1].date_created ?? 0));
    for (const [kind, row] of rows) {
      state[kind][row.sid] = row;
      index(kind, row);
    }
  }

  let chain = Promise.resolve();
  /** @type {Promise<void> | null} */
  let queued = null;

  return {
    state,
    /** Resolves once a write that started after this call has completed. */
    save() {
      if (!storage) return Promise.resolve();
      if (!queued) {
        const next = chain.then(() => {
          queued = null;
          return storage.write(JSON.stringify(state));
        });
        queued = next;
        chain = next.catch(() => {});
      }
      return queued;
    },
    /** @param {Kind} kind @param {Row} row */
    insert(kind, row) {
      state[kind][row.sid] = row;
      index(kind, row);
      return row;
    },
    /** @param {Kind} kind @param {string} sid */
    get: (kind, sid) => state[kind][sid],
    /** @param {string} serviceSid @param {string} identity */
    entity: (serviceSid, identity) => state.entities[entityByKey.get(`${serviceSid}\n${identity}`)],
    /** @param {string} entitySid */
    factorsOf: entitySid => [...(factorsByEntity.get(entitySid) ?? [])].map(sid => state.factors[sid]),
    /** @param {string} entitySid */
    challengesOf: entitySid => (challengesByEntity.get(entitySid) ?? []).map(sid => state.challenges[sid]),
    /** @param {string} credentialSid */
    factorByCredential: credentialSid => state.factors[factorByCredential.get(credentialSid)],
    /** @param {string} token */
    accessToken: token => state.accessTokens[accessTokenByValue.get(token)],
    /**
     * Removes a factor. Its credential is kept, retired, so that its device can still prove who it
     * is and learn that the factor is gone (404), e.g. when the answer to its DELETE was lost.
     * @param {string} sid
     */
    removeFactor(sid) {
      const row = state.factors[sid];
      if (!row) return;
      delete state.factors[sid];
      factorsByEntity.get(row.entity_sid)?.delete(sid);
      factorByCredential.delete(row.credential_sid);
      state.retiredCredentials[row.credential_sid] = { sid: row.credential_sid, factor_sid: sid, public_key: row.public_key };
    },
    /** Removes an entity with its factors and challenges; returns the removed factors. @param {string} sid */
    removeEntity(sid) {
      const row = state.entities[sid];
      if (!row) return [];
      const factors = [...(factorsByEntity.get(sid) ?? [])].map(f => state.factors[f]);
      for (const f of factors) this.removeFactor(f.sid);
      for (const c of challengesByEntity.get(sid) ?? []) delete state.challenges[c];
      factorsByEntity.delete(sid);
      challengesByEntity.delete(sid);
      entityByKey.delete(`${row.service_sid}\n${row.identity}`);
      delete state.entities[sid];
      return factors;
    },
    /** Removes a service and everything under it. @param {string} sid */
    removeService(sid) {
      for (const e of Object.values(state.entities)) if (e.service_sid === sid) this.removeEntity(e.sid);
      for (const w of Object.values(state.webhooks)) if (w.service_sid === sid) delete state.webhooks[w.sid];
      for (const t of Object.values(state.accessTokens)) if (t.service_sid === sid) this.removeAccessToken(t.sid);
      delete state.services[sid];
    },
    /** @param {string} sid */
    removeAccessToken(sid) {
      const row = state.accessTokens[sid];
      if (!row) return;
      accessTokenByValue.delete(row.token);
      delete state.accessTokens[sid];
    },
    /** @param {string} sid */
    removeWebhook(sid) {
      delete state.webhooks[sid];
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof createStore>>} Store */
