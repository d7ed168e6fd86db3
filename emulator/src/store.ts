import type { ChallengeJson, FactorJson, OutboxMessageJson, VerificationChannel, VerificationStatus, WebhookJson } from 'verify-elements/protocol';

/** Where the state persists: a file in Node (file-storage.ts), the Cache API in a Service Worker. */
export interface Storage {
  name: string;
  load(): Promise<string | null>;
  write(text: string): Promise<void>;
}

// The stored rows: the resource JSON minus what is derived when rendering (account SID, URLs),
// with times as ms since the epoch.
export interface ServiceRow {
  sid: string;
  friendly_name: string;
  /** Digits of its one-time codes, 4–10 (absent in states saved before: 6). */
  code_length?: number;
  /** `Passkeys.RelyingParty.Id`: the site's domain, which its SMS codes are bound to (absent: none). */
  relying_party_id?: string | null;
  date_created: number;
  date_updated: number;
}

export interface EntityRow {
  sid: string;
  service_sid: string;
  identity: string;
  date_created: number;
  date_updated: number;
}

export interface FactorRow extends Pick<FactorJson, 'sid' | 'service_sid' | 'entity_sid' | 'identity' | 'friendly_name' | 'status' | 'metadata'>,
  Pick<FactorJson['config'], 'sdk_version' | 'app_id' | 'notification_platform' | 'notification_token' | 'credential_sid'> {
  public_key: string;
  date_created: number;
  date_updated: number;
}

export interface ChallengeRow extends Pick<ChallengeJson, 'sid' | 'service_sid' | 'entity_sid' | 'identity' | 'factor_sid' | 'status' | 'responded_reason' | 'details' | 'hidden_details' | 'metadata'> {
  date_created: number;
  date_updated: number;
  date_responded: number | null;
  expiration_date: number;
}

export interface WebhookRow extends Pick<WebhookJson, 'sid' | 'service_sid' | 'friendly_name' | 'event_types' | 'status' | 'version' | 'webhook_url'> {
  date_created: number;
  date_updated: number;
}

export interface AccessTokenRow {
  sid: string;
  service_sid: string;
  entity_identity: string;
  factor_type: 'push';
  factor_friendly_name: string | null;
  token: string;
  ttl: number;
  date_created: number;
}

/** A one-time code sent to `to`; `code` never leaves the emulator but in the messages that carry it. */
export interface VerificationRow {
  sid: string;
  service_sid: string;
  to: string;
  channel: VerificationChannel;
  status: VerificationStatus;
  code: string;
  /** Wrong codes checked so far (5 end the verification). */
  check_attempts: number;
  send_code_attempts: Array<{ attempt_sid: string; channel: VerificationChannel; time: number }>;
  amount: string | null;
  payee: string | null;
  date_created: number;
  date_updated: number;
  expiration_date: number;
}

/** What the emulator would have sent: the outbox (one row per send attempt). */
export interface MessageRow extends Omit<OutboxMessageJson, 'date_created'> {
  date_created: number;
}

/** The key of a deleted factor, kept so that its device can learn that the factor is gone. */
export interface RetiredCredential {
  sid: string;
  factor_sid: string;
  public_key: string;
}

export interface Rows {
  services: ServiceRow;
  entities: EntityRow;
  factors: FactorRow;
  challenges: ChallengeRow;
  webhooks: WebhookRow;
  accessTokens: AccessTokenRow;
  retiredCredentials: RetiredCredential;
  verifications: VerificationRow;
  messages: MessageRow;
}

export type Kind = keyof Rows;
export type State = { [K in Kind]: Record<string, Rows[K]> };

const KINDS: Kind[] = ['services', 'entities', 'factors', 'challenges', 'webhooks', 'accessTokens', 'retiredCredentials', 'verifications', 'messages'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rows of a saved state, each kind's in creation order (challenges are indexed in that order,
 * whatever order the file holds them in). The file is the emulator's own: its rows are trusted to
 * be what it wrote, only the shape of the whole is checked.
 */
function savedRows(text: string, name: string | undefined): Array<[Kind, Rows[Kind]]> {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = null;
  }
  if (!isObject(saved)) throw new Error(`${name} is not the emulator's JSON state; move it away or pass another --data file.`);
  const rows: Array<[Kind, Rows[Kind]]> = [];
  for (const kind of KINDS) {
    const table = saved[kind] ?? {};
    if (!isObject(table)) throw new Error(`${name}: "${kind}" is not an object of rows; move the file away or pass another --data file.`);
    for (const row of Object.values(table)) rows.push([kind, row as Rows[Kind]]);
  }
  const created = ([, row]: [Kind, Rows[Kind]]) => ('date_created' in row ? row.date_created : 0);
  return rows.sort((a, b) => created(a) - created(b));
}

/**
 * The emulator's state with the indexes the routes need, persisted to `storage` when given. Every
 * mutating request awaits `save()` before it answers, so nothing acknowledged is lost; concurrent
 * saves share one write (group commit).
 */
export async function createStore({ storage }: { storage?: Storage } = {}) {
  const state = Object.fromEntries(KINDS.map(k => [k, Object.create(null)])) as State;
  const entityByKey = new Map<string, string>();
  const factorsByEntity = new Map<string, Set<string>>();
  /** Challenge SIDs in creation order. */
  const challengesByEntity = new Map<string, string[]>();
  const factorByCredential = new Map<string, string>();
  const accessTokenByValue = new Map<string, string>();
  /** The latest verification of each recipient of a service. */
  const verificationByRecipient = new Map<string, string>();
  const entityKey = (serviceSid: string, identity: string) => `${serviceSid}\n${identity}`;

  /** What each kind adds to the indexes besides its table. */
  const indexers: { [K in Kind]?: (row: Rows[K]) => void } = {
    entities: row => entityByKey.set(entityKey(row.service_sid, row.identity), row.sid),
    factors: row => {
      if (!factorsByEntity.has(row.entity_sid)) factorsByEntity.set(row.entity_sid, new Set());
      factorsByEntity.get(row.entity_sid)?.add(row.sid);
      factorByCredential.set(row.credential_sid, row.sid);
    },
    challenges: row => {
      if (!challengesByEntity.has(row.entity_sid)) challengesByEntity.set(row.entity_sid, []);
      challengesByEntity.get(row.entity_sid)?.push(row.sid);
    },
    accessTokens: row => accessTokenByValue.set(row.token, row.sid),
    verifications: row => verificationByRecipient.set(entityKey(row.service_sid, row.to), row.sid),
  };
  function index<K extends Kind>(kind: K, row: Rows[K]): void {
    const table: Record<string, Rows[K]> = state[kind];
    table[row.sid] = row;
    indexers[kind]?.(row);
  }

  const text = await storage?.load();
  if (text) for (const [kind, row] of savedRows(text, storage?.name)) index(kind, row);

  const byKey = <K extends Kind>(kind: K, sid: string | undefined): Rows[K] | undefined => (sid === undefined ? undefined : state[kind][sid]);
  const rowsOf = <K extends Kind>(kind: K, sids: Iterable<string> | undefined): Rows[K][] => [...(sids ?? [])].map(sid => state[kind][sid]);

  let chain = Promise.resolve();
  let queued: Promise<void> | null = null;

  const store = {
    state,
    /** Resolves once a write that started after this call has completed. */
    save(): Promise<void> {
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
    insert<K extends Kind>(kind: K, row: Rows[K]): Rows[K] {
      index(kind, row);
      return row;
    },
    get: <K extends Kind>(kind: K, sid: string): Rows[K] | undefined => state[kind][sid],
    entity: (serviceSid: string, identity: string) => byKey('entities', entityByKey.get(entityKey(serviceSid, identity))),
    factorsOf: (entitySid: string) => rowsOf('factors', factorsByEntity.get(entitySid)),
    challengesOf: (entitySid: string) => rowsOf('challenges', challengesByEntity.get(entitySid)),
    factorByCredential: (credentialSid: string) => byKey('factors', factorByCredential.get(credentialSid)),
    accessToken: (token: string) => byKey('accessTokens', accessTokenByValue.get(token)),
    /** The latest verification sent to `to` by the service, whatever its status. */
    verificationTo: (serviceSid: string, to: string) => byKey('verifications', verificationByRecipient.get(entityKey(serviceSid, to))),
    /**
     * Removes a factor. Its credential is kept, retired, so that its device can still prove who it
     * is and learn that the factor is gone (404), e.g. when the answer to its DELETE was lost.
     */
    removeFactor(sid: string): void {
      const row = state.factors[sid];
      if (!row) return;
      delete state.factors[sid];
      factorsByEntity.get(row.entity_sid)?.delete(sid);
      factorByCredential.delete(row.credential_sid);
      state.retiredCredentials[row.credential_sid] = { sid: row.credential_sid, factor_sid: sid, public_key: row.public_key };
    },
    /** Removes an entity with its factors and challenges; returns the removed factors. */
    removeEntity(sid: string): FactorRow[] {
      const row = state.entities[sid];
      if (!row) return [];
      const factors = rowsOf('factors', factorsByEntity.get(sid));
      for (const f of factors) store.removeFactor(f.sid);
      for (const c of challengesByEntity.get(sid) ?? []) delete state.challenges[c];
      factorsByEntity.delete(sid);
      challengesByEntity.delete(sid);
      entityByKey.delete(entityKey(row.service_sid, row.identity));
      delete state.entities[sid];
      return factors;
    },
    /** Removes a service and everything under it. */
    removeService(sid: string): void {
      for (const e of Object.values(state.entities)) if (e.service_sid === sid) store.removeEntity(e.sid);
      for (const w of Object.values(state.webhooks)) if (w.service_sid === sid) delete state.webhooks[w.sid];
      for (const t of Object.values(state.accessTokens)) if (t.service_sid === sid) store.removeAccessToken(t.sid);
      delete state.services[sid];
    },
    removeAccessToken(sid: string): void {
      const row = state.accessTokens[sid];
      if (!row) return;
      accessTokenByValue.delete(row.token);
      delete state.accessTokens[sid];
    },
    removeWebhook(sid: string): void {
      delete state.webhooks[sid];
    },
  };
  return store;
}

export type Store = Awaited<ReturnType<typeof createStore>>;
