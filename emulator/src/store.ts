import type { ChallengeJson, FactorJson, OutboxMessageJson, VerificationChannel, VerificationStatus, WebhookJson } from 'verify-elements/protocol';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { ApiError } from './errors.js';
import type { TotpFactor, TotpServiceSettings } from './totp.js';
import { type Change, changeLine, readJournal, snapshotLines } from './journal.js';

/**
 * Where the state persists (a journal, journal.ts): a file in Node (file-storage.ts), the Cache API
 * in a Service Worker (.storybook/emulator-sw.js).
 */
export interface Storage {
  /** Where it is, for messages. */
  name: string;
  /** Makes it ready to write and reads what was saved (null: nothing yet); rejects, saying what to do, when it cannot be used. */
  load(): Promise<string | null>;
  /** Appends whole lines; resolves once they are durable. */
  append(lines: string): Promise<void>;
  /** Replaces everything saved by the text of `chunks`, atomically: a crash leaves the old text or the new, whole. */
  replace(chunks: Iterable<string>): Promise<void>;
  /** Lets go of files (on shutdown). */
  close?(): Promise<void>;
}

// The stored rows: the resource JSON minus what is derived when rendering (account SID, URLs),
// with times as ms since the epoch.
export interface ServiceRow extends TotpServiceSettings {
  sid: string;
  friendly_name: string;
  /** `Push.ApnCredentialSid` and `Push.FcmCredentialSid` (absent from states saved before they were kept). */
  apn_credential_sid?: string | null;
  fcm_credential_sid?: string | null;
  /** Digits of its one-time codes, 4–10 (absent in states saved before: 6). */
  code_length?: number;
  /** `Passkeys.RelyingParty.Id`: the site's domain, which its SMS codes are bound to (absent: none). */
  relying_party_id?: string | null;
  /** The other `Passkeys.*` settings (absent in states saved before: null). */
  passkeys?: PasskeySettings;
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
  /** A totp factor's settings and secret (absent: a push factor). */
  totp?: TotpFactor;
  date_created: number;
  date_updated: number;
}

export interface ChallengeRow extends Pick<ChallengeJson, 'sid' | 'service_sid' | 'entity_sid' | 'identity' | 'factor_sid' | 'status' | 'responded_reason' | 'hidden_details' | 'metadata'> {
  /** Absent: push. */
  factor_type?: 'totp';
  /** Null for a totp challenge created without `Details.Message` (push challenges require it). */
  details: ChallengeJson['details'] | null;
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
// Passkeys (routes/passkeys.ts): factors and challenges of their own, as their resources differ from push's.

/** A Service's `Passkeys.*` settings besides the relying party id: defaults of its passkey factors' `config`. */
export interface PasskeySettings {
  relying_party_name: string | null;
  relying_party_origins: string[] | null;
  authenticator_attachment: PasskeyConfig['authenticator_attachment'] | null;
  discoverable_credentials: PasskeyConfig['discoverable_credentials'] | null;
  user_verification: PasskeyConfig['user_verification'] | null;
}

/** What a passkey factor's ceremonies are held to: its `config`, resolved over the Service's `Passkeys.*` settings. */
export interface PasskeyConfig {
  relying_party: { id: string; name: string; origins: string[] };
  authenticator_attachment: 'platform' | 'cross-platform' | 'any';
  discoverable_credentials: 'required' | 'preferred' | 'discouraged';
  user_verification: 'required' | 'preferred' | 'discouraged';
}

/** A registered WebAuthn credential: base64url id and COSE public key, the last sign counter seen. */
export interface PasskeyCredential {
  id: string;
  public_key: string;
  counter: number;
  transports: string[];
}

export interface PasskeyFactorRow {
  sid: string;
  service_sid: string;
  entity_sid: string;
  identity: string;
  friendly_name: string;
  status: 'unverified' | 'verified';
  config: PasskeyConfig;
  /** The registration challenge (base64url) until the factor is verified. */
  challenge: string | null;
  /** Set once verified. */
  credential: PasskeyCredential | null;
  date_created: number;
  date_updated: number;
}

export interface PasskeyChallengeRow {
  sid: string;
  service_sid: string;
  /** Null until approved for a discoverable sign-in (no identity given): the credential names the user. */
  entity_sid: string | null;
  identity: string | null;
  factor_sid: string | null;
  status: 'pending' | 'approved';
  /** What navigator.credentials.get() takes: the challenge, the RP id, the allowed credentials (none: discoverable), user verification. */
  options: PublicKeyCredentialRequestOptionsJSON;
  /** The origins the assertion may come from. */
  origins: string[];
  date_created: number;
  date_updated: number;
  date_responded: number | null;
  expiration_date: number;
}

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
  passkeyFactors: PasskeyFactorRow;
  passkeyChallenges: PasskeyChallengeRow;
}

export type Kind = keyof Rows;
export type Row = Rows[Kind];
export type State = { [K in Kind]: Record<string, Rows[K]> };

// A new kind of row is one line in Rows and its name here.
export const KINDS: Kind[] = ['services', 'entities', 'factors', 'challenges', 'webhooks', 'accessTokens', 'retiredCredentials', 'verifications', 'messages', 'passkeyFactors', 'passkeyChallenges'];

/** The journal is compacted once what was appended since the last compaction outgrows the state it holds (and this floor). */
const COMPACT_FLOOR = 16 * 1024;

/** A write to the storage failed: Twilio's 500, saying what failed; nothing changed. */
export class StorageError extends ApiError {
  constructor(storage: string, cause: unknown) {
    // Node's messages start with the code (ENOSPC: no space left on device, write).
    const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
    const message = cause instanceof Error ? cause.message : String(cause);
    const what = !code || message.startsWith(code) ? message : `${code}: ${message}`;
    super(20500, `The emulator could not store this change in ${storage} (${what}), so nothing changed. Fix the data folder (free space, permissions), then retry.`, 500);
  }
}

/** The resource changed while the request that read it was running (another request answered or deleted it). */
const raced = (kind: Kind, sid: string) =>
  new ApiError(20409, `The ${kind} ${sid} changed while this request ran (another request answered, changed or deleted it). Fetch it again and retry.`, 409);

const group = (map: Map<string, Set<string>>, key: string) => {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
};
const ungroup = (map: Map<string, Set<string>>, key: string, sid: string) => {
  const set = map.get(key);
  set?.delete(sid);
  if (set?.size === 0) map.delete(key);
};

/** The rows of every kind with the indexes the routes look them up by. */
function createTables() {
  const state = Object.fromEntries(KINDS.map(k => [k, Object.create(null)])) as State;
  const entityByKey = new Map<string, string>();
  const factorsByEntity = new Map<string, Set<string>>();
  const challengesByEntity = new Map<string, Set<string>>();
  const factorByCredential = new Map<string, string>();
  const accessTokenByValue = new Map<string, string>();
  /** The latest verification of each recipient of a service. */
  const verificationByRecipient = new Map<string, string>();
  const passkeyFactorsByEntity = new Map<string, Set<string>>();
  const passkeyFactorByCredential = new Map<string, string>();
  const entityKey = (serviceSid: string, identity: string) => `${serviceSid}\n${identity}`;

  /** What each kind adds to the indexes besides its table, and takes out again. */
  const indexes: { [K in Kind]?: { add(row: Rows[K]): void; remove(row: Rows[K]): void } } = {
    entities: {
      add: row => entityByKey.set(entityKey(row.service_sid, row.identity), row.sid),
      remove: row => entityByKey.delete(entityKey(row.service_sid, row.identity)),
    },
    factors: {
      add: row => {
        group(factorsByEntity, row.entity_sid).add(row.sid);
        factorByCredential.set(row.credential_sid, row.sid);
      },
      remove: row => {
        ungroup(factorsByEntity, row.entity_sid, row.sid);
        factorByCredential.delete(row.credential_sid);
      },
    },
    challenges: {
      add: row => group(challengesByEntity, row.entity_sid).add(row.sid),
      remove: row => ungroup(challengesByEntity, row.entity_sid, row.sid),
    },
    accessTokens: {
      add: row => accessTokenByValue.set(row.token, row.sid),
      remove: row => accessTokenByValue.delete(row.token),
    },
    passkeyFactors: {
      add: row => {
        group(passkeyFactorsByEntity, row.entity_sid).add(row.sid);
        if (row.credential) passkeyFactorByCredential.set(row.credential.id, row.sid);
      },
      remove: row => {
        ungroup(passkeyFactorsByEntity, row.entity_sid, row.sid);
        if (row.credential) passkeyFactorByCredential.delete(row.credential.id);
      },
    },
    verifications: {
      add: row => verificationByRecipient.set(entityKey(row.service_sid, row.to), row.sid),
      remove: row => {
        const key = entityKey(row.service_sid, row.to);
        if (verificationByRecipient.get(key) === row.sid) verificationByRecipient.delete(key);
      },
    },
  };

  const byKey = <K extends Kind>(kind: K, sid: string | undefined): Rows[K] | undefined => (sid === undefined ? undefined : state[kind][sid]);
  const rowsOf = <K extends Kind>(kind: K, sids: Iterable<string> | undefined): Array<Rows[K]> => Array.from(sids ?? [], sid => state[kind][sid]);

  const tables = {
    state,
    put<K extends Kind>(kind: K, row: Rows[K]): void {
      const table: Record<string, Rows[K]> = state[kind];
      const old = table[row.sid];
      if (old) indexes[kind]?.remove(old);
      table[row.sid] = row;
      indexes[kind]?.add(row);
    },
    delete(kind: Kind, sid: string): void {
      const table: Record<string, Row> = state[kind];
      const old = table[sid];
      if (!old) return;
      // Each kind's index takes its own kind of row.
      (indexes[kind] as { remove(row: Row): void } | undefined)?.remove(old);
      delete table[sid];
    },
    apply(changes: Iterable<Change<Kind>>): void {
      for (const [kind, change] of changes) {
        if (typeof change === 'string') tables.delete(kind, change);
        // The journal is the emulator's own: its rows are what it wrote.
        else tables.put(kind, change as Row);
      }
    },
    /** Makes these tables hold exactly the rows of `other`. */
    copy(other: { state: State }): void {
      for (const kind of KINDS) state[kind] = Object.create(null);
      for (const map of [entityByKey, factorsByEntity, challengesByEntity, factorByCredential, accessTokenByValue, verificationByRecipient, passkeyFactorsByEntity, passkeyFactorByCredential]) map.clear();
      for (const kind of KINDS) for (const row of Object.values<Row>(other.state[kind])) tables.put(kind, row);
    },
    get: <K extends Kind>(kind: K, sid: string): Rows[K] | undefined => state[kind][sid],
    entity: (serviceSid: string, identity: string) => byKey('entities', entityByKey.get(entityKey(serviceSid, identity))),
    factorsOf: (entitySid: string) => rowsOf('factors', factorsByEntity.get(entitySid)),
    /** An entity's challenges (in no particular order: lists sort them, paging.ts). */
    challengesOf: (entitySid: string) => rowsOf('challenges', challengesByEntity.get(entitySid)),
    factorByCredential: (credentialSid: string) => byKey('factors', factorByCredential.get(credentialSid)),
    accessToken: (token: string) => byKey('accessTokens', accessTokenByValue.get(token)),
    /** The latest verification sent to `to` by the service, whatever its status. */
    verificationTo: (serviceSid: string, to: string) => byKey('verifications', verificationByRecipient.get(entityKey(serviceSid, to))),
    passkeyFactorsOf: (entitySid: string) => rowsOf('passkeyFactors', passkeyFactorsByEntity.get(entitySid)),
    passkeyFactorByCredential: (credentialId: string) => byKey('passkeyFactors', passkeyFactorByCredential.get(credentialId)),
  };
  return tables;
}

type Tables = ReturnType<typeof createTables>;

/** One write to the storage: the changes of every request since the previous one (group commit). */
interface Batch {
  changes: Array<Change<Kind>>;
  scheduled: boolean;
  settled: boolean;
  /** Why it was not stored, once it failed (or a write before it did). */
  failure: StorageError | null;
  done: Promise<void>;
  settle(failure: StorageError | null): void;
}

function newBatch(): Batch {
  let settle!: (failure: StorageError | null) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = failure => (failure ? reject(failure) : resolve());
  });
  // A batch nobody awaits (its requests ended another way) must not be an unhandled rejection.
  done.catch(() => {});
  const batch: Batch = { changes: [], scheduled: false, settled: false, failure: null, done, settle: failure => {
    batch.settled = true;
    batch.failure = failure;
    settle(failure);
  } };
  return batch;
}

/**
 * The emulator's state, persisted to `storage` when given, telling the truth about writes:
 * - Requests that change something work in a session (`session()`) over the latest state, which
 *   the other sessions see at once (so two answers to one challenge cannot both pass), while
 *   readers (`reader`) see only what is stored: a change shows in reads, pushes and webhooks once
 *   its session's `save()` resolved.
 * - `save()` appends the changes of all sessions since the last write as one journal line (group
 *   commit) and makes it durable. When that fails, the latest state goes back to the stored one,
 *   exactly, and every session whose changes were not stored (that write's, and those made on
 *   top of it meanwhile) gets the StorageError.
 * Without storage there is one state, and a change is there at once.
 */
export async function createStore({ storage }: { storage?: Storage } = {}) {
  const stored = createTables();
  const text = await storage?.load();
  const saved = text ? readJournal(text, storage?.name ?? '', KINDS) : null;
  if (saved) stored.apply(saved.changes);
  // What sessions change; the same tables as the stored ones when nothing is persisted.
  const latest = storage ? createTables() : stored;
  if (latest !== stored) latest.copy(stored);

  let open: Batch | null = null;
  let lastBatch: Batch | null = null;
  let chain = Promise.resolve();
  /** Bumped whenever the latest state goes back to the stored one: sessions begun before saw changes that are gone. */
  let epoch = 0;
  let lastFailure: StorageError | null = null;
  let appended = 0;
  let compacted = 0;

  async function compact(): Promise<void> {
    if (!storage) return;
    let size = 0;
    const lines = snapshotLines(stored.state);
    await storage.replace((function* () {
      for (const line of lines) {
        size += line.length;
        yield line;
      }
    })());
    compacted = size;
    appended = 0;
  }

  async function flush(batch: Batch): Promise<void> {
    if (batch.failure || !storage) return;
    if (open === batch) open = null;
    const line = changeLine(batch.changes);
    try {
      await storage.append(line);
    } catch (err) {
      const failure = new StorageError(storage.name, err);
      lastFailure = failure;
      // Changes made on top of it meanwhile are not stored either: they go too.
      if (open) {
        open.settle(failure);
        open = null;
      }
      latest.copy(stored);
      epoch += 1;
      batch.settle(failure);
      return;
    }
    stored.apply(batch.changes);
    appended += line.length;
    batch.settle(null);
    if (appended > Math.max(compacted, COMPACT_FLOOR)) {
      // The journal stays whole if this fails: the next write tries again.
      await compact().catch(err => console.error(`verify-push-emulator: could not compact ${storage.name}: ${err instanceof Error ? err.message : err}`));
    }
  }

  function schedule(batch: Batch): Promise<void> {
    if (!batch.scheduled) {
      batch.scheduled = true;
      chain = chain.then(() => flush(batch));
    }
    return batch.done;
  }

  // A journal cut short by a crash, or the format of an earlier version, is rewritten before anything is appended.
  if (storage && (!saved || saved.rewrite)) await compact();

  /** A view of `tables` for routes; `record` journals its changes (absent for the read-only view of readers). */
  function view(tables: Tables, record?: (change: Change<Kind>) => void) {
    const write = () => {
      if (!record) throw new Error('This view of the emulator state is read-only; change it in a session (store.session()).');
      return record;
    };
    const api = {
      get state(): State {
        return tables.state;
      },
      get: tables.get,
      entity: tables.entity,
      factorsOf: tables.factorsOf,
      challengesOf: tables.challengesOf,
      factorByCredential: tables.factorByCredential,
      accessToken: tables.accessToken,
      verificationTo: tables.verificationTo,
      passkeyFactorsOf: tables.passkeyFactorsOf,
      passkeyFactorByCredential: tables.passkeyFactorByCredential,
      insert<K extends Kind>(kind: K, row: Rows[K]): Rows[K] {
        write()([kind, row]);
        tables.put(kind, row);
        return row;
      },
      /**
       * A new version of `row` with `changes`, in place of `row` (rows are never changed in place:
       * the stored state still holds the old one until the change is stored). `row` must be the
       * current version: after an await, read it again.
       */
      update<K extends Kind>(kind: K, row: Rows[K], changes: Partial<Rows[K]>): Rows[K] {
        if (tables.get(kind, row.sid) !== row) throw raced(kind, row.sid);
        return api.insert(kind, { ...row, ...changes });
      },
      remove(kind: Kind, sid: string): void {
        if (!tables.get(kind, sid)) return;
        write()([kind, sid]);
        tables.delete(kind, sid);
      },
      /**
       * Removes a factor. Its credential is kept, retired, so that its device can still prove who it
       * is and learn that the factor is gone (404), e.g. when the answer to its DELETE was lost.
       */
      removeFactor(sid: string): void {
        const row = tables.get('factors', sid);
        if (!row) return;
        api.remove('factors', sid);
        api.insert('retiredCredentials', { sid: row.credential_sid, factor_sid: sid, public_key: row.public_key });
      },
      /** Removes an entity with its factors and challenges; returns the removed factors. */
      removeEntity(sid: string): FactorRow[] {
        const row = tables.get('entities', sid);
        if (!row) return [];
        const factors = tables.factorsOf(sid);
        for (const f of factors) api.removeFactor(f.sid);
        for (const c of tables.challengesOf(sid)) api.remove('challenges', c.sid);
        for (const f of tables.passkeyFactorsOf(sid)) api.remove('passkeyFactors', f.sid);
        for (const c of Object.values(tables.state.passkeyChallenges)) if (c.entity_sid === sid) api.remove('passkeyChallenges', c.sid);
        api.remove('entities', sid);
        return factors;
      },
      /** Removes a service and everything under it. */
      removeService(sid: string): void {
        for (const e of Object.values(tables.state.entities)) if (e.service_sid === sid) api.removeEntity(e.sid);
        for (const w of Object.values(tables.state.webhooks)) if (w.service_sid === sid) api.remove('webhooks', w.sid);
        for (const t of Object.values(tables.state.accessTokens)) if (t.service_sid === sid) api.remove('accessTokens', t.sid);
        for (const v of Object.values(tables.state.verifications)) if (v.service_sid === sid) api.remove('verifications', v.sid);
        for (const c of Object.values(tables.state.passkeyChallenges)) if (c.service_sid === sid) api.remove('passkeyChallenges', c.sid);
        api.remove('services', sid);
      },
      removeAccessToken: (sid: string) => api.remove('accessTokens', sid),
      removeWebhook: (sid: string) => api.remove('webhooks', sid),
      /** Resolves once this view's changes are stored; rejects with a StorageError when they could not be (and are gone). */
      save: (): Promise<void> => Promise.resolve(),
    };
    return api;
  }

  const reader = view(stored);
  const memorySession = { ...view(stored, () => {}), saved: true, dirty: () => Promise.resolve(null) };
  return {
    /** What is stored: for requests that only read. */
    reader,
    /** A view over the latest state for one request that may change it. */
    session() {
      if (!storage) return memorySession;
      const began = epoch;
      let mine: Batch | null = null;
      let saved = false;
      const session = {
        ...view(latest, change => {
          // What this session read may have gone with a failed write: it must not build on it.
          if (epoch !== began && lastFailure) throw lastFailure;
          mine = open ??= newBatch();
          lastBatch = mine;
          mine.changes.push(change);
        }),
        save(): Promise<void> {
          saved = true;
          return mine ? schedule(mine) : Promise.resolve();
        },
        get saved() {
          return saved;
        },
        /**
         * Whether what this session read may not be stored: changes not yet stored, or a failed
         * write since it began. Resolves with the failure, or null once everything it saw is stored.
         */
        dirty: (): Promise<StorageError | null> => {
          if (epoch !== began) return Promise.resolve(lastFailure);
          const last = open ?? lastBatch;
          if (!last || last.settled) return Promise.resolve(null);
          return schedule(last).then(() => null, (failure: StorageError) => failure);
        },
      };
      return session;
    },
    /** Waits for the writes under way (on shutdown) and lets go of the storage. */
    async close(): Promise<void> {
      if (open) schedule(open);
      await chain;
      await storage?.close?.();
    },
  };
}

/** What routes use (`ctx.store`): the stored state's view for reads, or a session. */
export type Store = Awaited<ReturnType<typeof createStore>>['reader'];
