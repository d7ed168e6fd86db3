import type { VerifyError } from './errors.js';

export type PushConfig = { platform: 'fcm' | 'apn'; token: string } | { platform: 'none' };

/** A push factor enrolled in this browser (its key pair stays in the store, never here). */
export interface Factor {
  sid: string;
  accountSid: string;
  serviceSid: string;
  entitySid: string;
  identity: string;
  friendlyName: string;
  status: 'unverified' | 'verified';
  push: PushConfig;
}

/** What the store keeps per factor: the factor, its credential SID and its non-extractable keys. */
export interface FactorRecord extends Factor {
  credentialSid: string;
  keys: CryptoKeyPair;
}

export type ChallengeStatus = 'pending' | 'approved' | 'denied' | 'expired';

export interface Challenge {
  sid: string;
  factorSid: string;
  status: ChallengeStatus;
  respondedReason?: string;
  details: { message: string; fields: { label: string; value: string }[]; date?: string };
  hiddenDetails?: Record<string, string>;
  metadata?: Record<string, string>;
  /** RFC 3339 dates as the API sends them. */
  dateCreated: string;
  dateUpdated: string;
  dateResponded?: string;
  expirationDate: string;
}

export interface ChallengePage {
  challenges: Challenge[];
  /** Pass as `pageToken` for the next page; absent on the last page. */
  nextPageToken?: string;
}

export interface ListChallengesOptions {
  status?: ChallengeStatus;
  order?: 'asc' | 'desc';
  pageSize?: number;
  pageToken?: string;
}

export interface CreateFactorInput {
  /** From the site's backend (`POST Services/{VA}/AccessTokens`); used once, never stored. */
  accessToken: string;
  serviceSid: string;
  identity: string;
  friendlyName: string;
  push: PushConfig;
  metadata?: Record<string, string>;
}

/** A new-challenge push, already parsed by the transport. */
export interface ChallengePush {
  factorSid: string;
  challengeSid: string;
  message: string;
}

/** A push that was ignored or a transport failure: a `VerifyError` (`code`, `message`) with a stable `reason`. */
export type PushTransportError = VerifyError & { reason: string };

/** Delivers challenge pushes for one factor (`verify-elements/push/*`: fcm, emulator, polling). */
export interface PushTransport {
  /** `client` is the client subscribing, for transports that ask the API (polling). */
  subscribe(factor: Factor, onPayload: (payload: ChallengePush) => void, client?: VerifyPushClient): () => void;
  /** What to enroll with (`createFactor({ push })`); may ask for notification permission. */
  register?(): Promise<PushConfig>;
  /** Ignored pushes and transport failures, which are never thrown into the page. Returns an unsubscribe. */
  onError?(listener: (error: PushTransportError) => void): () => void;
  /** A factor's push token changed (FCM refresh); the client then calls `updateFactor`. Returns an unsubscribe. */
  onTokenChange?(listener: (factorSid: string, push: PushConfig) => void): () => void;
}

export interface VerifyPushClientOptions {
  /** `https://verify.twilio.com/v2/` or an emulator's `/v2/` URL. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Where factors and their keys live; default: IndexedDB. */
  storage?: FactorStore;
  transport?: PushTransport;
  /** Local time in ms (default `Date.now`); the `Date` of the server's answers corrects it. */
  clock?: () => number;
  /** Per request, default 10 000 ms. */
  timeoutMs?: number;
  /** Extra attempts for requests that are safe to repeat, default 3. */
  retries?: number;
}

export interface VerifyPushClient {
  createFactor(input: CreateFactorInput): Promise<Factor>;
  verifyFactor(factorSid: string): Promise<Factor>;
  updateFactor(factorSid: string, push: PushConfig): Promise<Factor>;
  listFactors(): Promise<Factor[]>;
  deleteFactor(factorSid: string): Promise<void>;
  getChallenge(factorSid: string, challengeSid: string): Promise<Challenge>;
  listChallenges(factorSid: string, options?: ListChallengesOptions): Promise<ChallengePage>;
  approveChallenge(factorSid: string, challengeSid: string, metadata?: Record<string, string>): Promise<Challenge>;
  denyChallenge(factorSid: string, challengeSid: string, metadata?: Record<string, string>): Promise<Challenge>;
  /** Forgets every local factor and key (the factors stay on the server). */
  clearLocalStorage(): Promise<void>;
  /**
   * The time in ms as the Verify API sees it: the device clock, corrected by the `Date` of the API's
   * answers. Countdowns to a challenge's expiry use it.
   */
  now(): number;
  onChallenge(listener: (payload: ChallengePush) => void): () => void;
  /** Pushes the transport ignored (malformed, unknown factor) and its failures, each with a `reason`. */
  onPushError(listener: (error: PushTransportError) => void): () => void;
}

/** Where the client keeps its factors (IndexedDB by default; any store with these methods will do). */
export interface FactorStore {
  get(sid: string): Promise<FactorRecord | undefined>;
  all(): Promise<FactorRecord[]>;
  put(record: FactorRecord): Promise<void>;
  delete(sid: string): Promise<void>;
  clear(): Promise<void>;
}
