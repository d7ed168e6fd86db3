import { VERSION } from '../version.js';
import { ALREADY_RESPONDED, CHALLENGE_EXPIRED, INITIALIZATION_ERROR, INPUT_ERROR, KEY_STORAGE_ERROR, MAPPER_ERROR, NETWORK_ERROR } from '../protocol/codes.js';
import { CODES } from '../protocol/code-table.js';
import type { ChallengeJson, FactorJson, ListPage, NewFactorJson } from '../protocol/wire.js';
import { VerifyError } from './errors.js';
import { backOff, createHttp } from './http.js';
import { base64, challengeJwt, deviceJwt, factorProof } from './jwt.js';
import { createIndexedDbStore } from './key-store.js';
import type {
  Challenge,
  ChallengePush,
  Factor,
  FactorRecord,
  PushConfig,
  VerifyPushClient,
  VerifyPushClientOptions,
} from './types.js';

/** A fetched challenge: its JSON verbatim (what gets signed) and the fields to sign, when the API named them. */
interface Fetched {
  json: Record<string, unknown>;
  challenge: Challenge;
  fields?: string[];
}

const enc = encodeURIComponent;

const unexpected = (what: string) =>
  new VerifyError(MAPPER_ERROR, `The Verify API sent a ${what} this client cannot read. Check the base URL (it ends in /v2/).`);

const view = ({ keys, credentialSid, ...factor }: FactorRecord): Factor => factor;

/** The `Config.*` fields; a push token is required unless the platform is `none`. */
function config(push: PushConfig): [string, string | undefined][] {
  if (push?.platform !== 'none' && !push?.token) throw new VerifyError(INPUT_ERROR, 'push needs a token unless push.platform is "none".');
  return [
    ['Config.SdkVersion', VERSION],
    ['Config.AppId', location.origin],
    ['Config.NotificationPlatform', push.platform],
    ['Config.NotificationToken', push.platform === 'none' ? undefined : push.token],
  ];
}

/** The API's challenge JSON, checked field by field, in the client's shape. */
function toChallenge(body: unknown): Challenge {
  const json = body as Partial<ChallengeJson> | null;
  const details = json?.details;
  if (typeof json?.sid !== 'string' || typeof json.factor_sid !== 'string' || typeof json.status !== 'string' || typeof details?.message !== 'string') {
    throw unexpected('challenge');
  }
  return {
    sid: json.sid,
    factorSid: json.factor_sid,
    status: json.status,
    respondedReason: json.responded_reason ?? undefined,
    details: { message: details.message, fields: details.fields ?? [], date: details.date ?? undefined },
    hiddenDetails: json.hidden_details ?? undefined,
    metadata: json.metadata ?? undefined,
    dateCreated: json.date_created!,
    dateUpdated: json.date_updated!,
    dateResponded: json.date_responded ?? undefined,
    expirationDate: json.expiration_date!,
  };
}

async function generateKeys(): Promise<CryptoKeyPair> {
  try {
    // Not extractable: the private key can sign but never leave the browser.
    return (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])) as CryptoKeyPair;
  } catch {
    throw new VerifyError(KEY_STORAGE_ERROR, 'This browser could not create an ECDSA P-256 key with WebCrypto. Serve the page over https (or localhost) in a current browser.');
  }
}

/** The headless Verify Push client: factors and keys in this browser, challenges on the API. */
export function createVerifyPushClient(options: VerifyPushClientOptions): VerifyPushClient {
  const { transport, retries = 3 } = options;
  if (!URL.canParse(options.baseUrl)) {
    throw new VerifyError(INITIALIZATION_ERROR, 'baseUrl must be an absolute URL such as https://verify.twilio.com/v2/ or an emulator\'s /v2/ URL.');
  }
  const store = options.storage ?? createIndexedDbStore();
  const http = createHttp(options);
  const fetched = new Map<string, Fetched>(); // by challenge SID, while it can be answered
  const listeners = new Set<(payload: ChallengePush) => void>();
  const subscriptions = new Map<string, () => void>(); // by factor SID

  const entityPath = (f: Factor) => `Services/${enc(f.serviceSid)}/Entities/${enc(f.identity)}`;
  const factorPath = (f: Factor) => `${entityPath(f)}/Factors/${enc(f.sid)}`;
  const challengePath = (f: Factor, sid: string) => `${entityPath(f)}/Challenges/${enc(sid)}`;
  const device = (r: FactorRecord) => (now: number) => deviceJwt(r.keys.privateKey, r.credentialSid, r.accountSid, now);

  async function record(sid: string): Promise<FactorRecord> {
    const found = await store.get(sid);
    if (!found) throw new VerifyError(INPUT_ERROR, `Factor ${sid} is not enrolled in this browser. List the local factors, or enroll again.`);
    return found;
  }

  async function save(r: FactorRecord): Promise<Factor> {
    await store.put(r);
    return view(r);
  }

  function watch(r: FactorRecord) {
    if (!transport || !listeners.size || subscriptions.has(r.sid)) return;
    const forward = (payload: ChallengePush) => payload.factorSid === r.sid && listeners.forEach(listener => listener(payload));
    subscriptions.set(r.sid, transport.subscribe(view(r), forward, api));
  }

  function unwatch(sid?: string) {
    for (const [key, stop] of subscriptions) {
      if (sid && key !== sid) continue;
      stop();
      subscriptions.delete(key);
    }
  }

  async function fetchChallenge(r: FactorRecord, sid: string): Promise<Fetched> {
    const { body, headers } = await http.send({ method: 'GET', path: challengePath(r, sid), token: device(r) });
    const fields = headers.get('Twilio-Verify-Signature-Fields')?.split(',').map(field => field.trim()).filter(Boolean);
    const challenge = toChallenge(body); // checks that body is a challenge's JSON
    const result: Fetched = { json: body as Record<string, unknown>, challenge, fields: fields?.length ? fields : undefined };
    // Challenges that expired unanswered go, so a tab left open for days does not pile them up.
    for (const [key, { challenge }] of fetched) if (Date.parse(challenge.expirationDate) <= http.now()) fetched.delete(key);
    if (result.fields) fetched.set(sid, result);
    else fetched.delete(sid);
    return result;
  }

  /** The checks the official SDKs make before signing an answer. */
  function assertAnswerable(r: FactorRecord, { challenge, fields }: Fetched) {
    if (challenge.factorSid !== r.sid) throw new VerifyError(INPUT_ERROR, `Challenge ${challenge.sid} belongs to another factor; answer it with factor ${challenge.factorSid}.`);
    // An answered challenge says so even once its expiration date has passed.
    if (challenge.status === 'approved' || challenge.status === 'denied') {
      throw new VerifyError(ALREADY_RESPONDED, `Challenge ${challenge.sid} was already ${challenge.status}. ${CODES[ALREADY_RESPONDED].advice}`);
    }
    if (challenge.status !== 'pending' || Date.parse(challenge.expirationDate) <= http.now()) {
      throw new VerifyError(CHALLENGE_EXPIRED, `Challenge ${challenge.sid}: ${CODES[CHALLENGE_EXPIRED].advice}`);
    }
    if (!fields) {
      throw new VerifyError(MAPPER_ERROR, 'The Verify API did not expose Twilio-Verify-Signature-Fields; a server for browsers must list it in Access-Control-Expose-Headers.');
    }
  }

  async function answer(factorSid: string, sid: string, status: 'approved' | 'denied', metadata?: Record<string, string>): Promise<Challenge> {
    const r = await record(factorSid);
    let known = fetched.get(sid) ?? (await fetchChallenge(r, sid));
    for (let attempt = 0; ; attempt++) {
      assertAnswerable(r, known);
      const authPayload = await challengeJwt(r.keys.privateKey, known.json, known.fields!, status);
      fetched.delete(sid); // answered once; anything after this fetches afresh
      try {
        const { body } = await http.send({
          method: 'POST',
          path: challengePath(r, sid),
          form: [['AuthPayload', authPayload], ['Metadata', metadata && JSON.stringify(metadata)]],
          token: device(r),
        });
        const challenge = toChallenge(body);
        if (challenge.status !== status) throw unexpected(`${challenge.status} challenge after the ${status} answer`);
        return challenge;
      } catch (error) {
        const transient = error instanceof VerifyError && (error.code === NETWORK_ERROR || (error.status ?? 0) >= 500);
        if (!transient || attempt >= retries) throw error;
        await backOff(attempt);
        // The answer may have landed: a fetch tells, and only a still pending challenge is answered again.
        known = await fetchChallenge(r, sid);
        if (known.challenge.status === status) return known.challenge;
      }
    }
  }

  const api: VerifyPushClient = {
    async createFactor({ accessToken, serviceSid, identity, friendlyName, push, metadata }) {
      // The access token goes into an ASCII header: anything else is not a token from the backend.
      if (![accessToken, serviceSid, identity, friendlyName].every(value => typeof value === 'string' && value) || !/^[!-~]+$/.test(accessToken)) {
        throw new VerifyError(INPUT_ERROR, 'createFactor needs serviceSid, identity, friendlyName and the accessToken from the backend, as strings.');
      }
      const form = config(push);
      await store.all(); // storage must work before a factor exists remotely
      const keys = await generateKeys();
      const publicKey = base64(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
      const { body } = await http.send({
        method: 'POST',
        path: `Services/${enc(serviceSid)}/Entities/${enc(identity)}/Factors`,
        form: [
          ['FriendlyName', friendlyName],
          ['FactorType', 'push'],
          ['Binding.PublicKey', publicKey],
          ['Binding.Alg', 'ES256'],
          ...form,
          ['Metadata', metadata && JSON.stringify(metadata)],
        ],
        token: () => accessToken,
      });
      const json = body as Partial<NewFactorJson> | null;
      const credentialSid = json?.config?.credential_sid;
      if (typeof json?.sid !== 'string' || typeof json.account_sid !== 'string' || typeof credentialSid !== 'string') throw unexpected('factor');
      const r: FactorRecord = {
        sid: json.sid,
        accountSid: json.account_sid,
        serviceSid,
        entitySid: json.entity_sid!,
        identity,
        friendlyName,
        status: json.status!,
        push,
        credentialSid,
        keys,
      };
      const factor = await save(r);
      watch(r);
      return factor;
    },

    async verifyFactor(sid) {
      const r = await record(sid);
      const form: [string, string][] = [['AuthPayload', await factorProof(r.keys.privateKey, r.sid)]];
      const { body } = await http.send({ method: 'POST', path: factorPath(r), form, token: device(r) });
      const status = (body as Partial<FactorJson> | null)?.status;
      if (typeof status !== 'string') throw unexpected('factor');
      return save({ ...r, status });
    },

    async updateFactor(sid, push) {
      const r = await record(sid);
      const { body } = await http.send({ method: 'POST', path: factorPath(r), form: [['FriendlyName', r.friendlyName], ...config(push)], token: device(r) });
      const next = { ...r, push, status: (body as Partial<FactorJson> | null)?.status ?? r.status };
      const factor = await save(next);
      // The transport listens by push token: follow the new one.
      unwatch(sid);
      watch(next);
      return factor;
    },

    listFactors: async () => (await store.all()).map(view),

    async deleteFactor(sid) {
      const r = await store.get(sid);
      if (!r) return;
      try {
        await http.send({ method: 'DELETE', path: factorPath(r), token: device(r) });
      } catch (error) {
        if ((error as VerifyError).status !== 404) throw error;
      }
      unwatch(sid);
      await store.delete(sid);
    },

    getChallenge: async (factorSid, sid) => (await fetchChallenge(await record(factorSid), sid)).challenge,

    async listChallenges(factorSid, { status, order, pageSize, pageToken } = {}) {
      const r = await record(factorSid);
      const query = Object.entries({ FactorSid: r.sid, Status: status, Order: order, PageSize: pageSize, PageToken: pageToken })
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${enc(value!)}`)
        .join('&');
      const { body } = await http.send({ method: 'GET', path: `${entityPath(r)}/Challenges?${query}`, token: device(r) });
      const page = body as Partial<ListPage<'challenges', unknown>> | null;
      if (!Array.isArray(page?.challenges)) throw unexpected('challenge list');
      const nextUrl = page.meta?.next_page_url;
      const next = nextUrl && new URL(nextUrl, options.baseUrl).searchParams;
      return {
        challenges: page.challenges.map(toChallenge),
        nextPageToken: (next && (next.get('PageToken') ?? next.get('pageToken'))) || undefined,
      };
    },

    approveChallenge: (factorSid, sid, metadata) => answer(factorSid, sid, 'approved', metadata),
    denyChallenge: (factorSid, sid, metadata) => answer(factorSid, sid, 'denied', metadata),

    now: http.now,

    async clearLocalStorage() {
      unwatch();
      fetched.clear();
      await store.clear();
    },

    onChallenge(listener) {
      listeners.add(listener);
      // A listener has no error channel: a storage failure surfaces on the next explicit call.
      if (listeners.size === 1) store.all().then(records => records.forEach(watch), () => {});
      return () => {
        listeners.delete(listener);
        if (!listeners.size) unwatch();
      };
    },

    onPushError: listener => transport?.onError?.(listener) ?? (() => {}),
  };
  // A failed update changes nothing locally, so the transport sees the old token and reports it again.
  transport?.onTokenChange?.((sid, push) => void api.updateFactor(sid, push).catch(() => {}));
  return api;
}
