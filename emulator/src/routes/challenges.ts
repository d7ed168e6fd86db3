import { Hono } from 'hono';
import {
  type ChallengeJson, type ChallengeStatus, type DetailField, isSid, type NotificationJson, SID_PREFIX, SIGNATURE_FIELDS,
} from 'verify-elements/protocol';
import { auth, type Caller } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { importPublicKey, verifyAnswerJwt } from '../crypto.js';
import type { EmulatorContext, Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { all, formBody, intParam, metadata as readMetadata, one, origin, type Params, queryParams, stringMap } from '../params.js';
import { newSid } from '../sid.js';
import type { ChallengeRow, FactorRow, Store } from '../store.js';
import { checkTotpPayload, matchTotp, type TotpFactor } from '../totp.js';
import { ENTITY, entityOf, entityUrl } from './lookup.js';

const STATUSES: readonly string[] = ['pending', 'approved', 'denied', 'expired'] satisfies ChallengeStatus[];
const DEFAULT_EXPIRY_MS = 5 * 60_000;
const MAX_EXPIRY_MS = 60 * 60_000;
/** Twilio's limit of a push answer's `AuthPayload` (its API description). */
const MAX_AUTH_PAYLOAD = 5456;

/** A challenge as the API renders it: a totp challenge's `details` may be null (the kit's wire types know push only). */
export type AnyChallengeJson = ChallengeJson | (Omit<ChallengeJson, 'factor_type' | 'details'> & { factor_type: 'totp'; details: ChallengeJson['details'] | null });

export function renderChallenge(base: string, ch: ChallengeRow, accountSid: string): AnyChallengeJson {
  const url = `${entityUrl(base, ch)}/Challenges/${ch.sid}`;
  return {
    sid: ch.sid,
    account_sid: accountSid,
    service_sid: ch.service_sid,
    entity_sid: ch.entity_sid,
    identity: ch.identity,
    factor_sid: ch.factor_sid,
    date_created: rfc3339(ch.date_created),
    date_updated: rfc3339(ch.date_updated),
    date_responded: ch.date_responded === null ? null : rfc3339(ch.date_responded),
    expiration_date: rfc3339(ch.expiration_date),
    status: ch.status,
    responded_reason: ch.responded_reason,
    hidden_details: ch.hidden_details,
    metadata: ch.metadata,
    url,
    links: { notifications: `${url}/Notifications` },
    ...(ch.factor_type === 'totp' ? { factor_type: 'totp', details: ch.details } : { factor_type: 'push', details: ch.details ?? NO_DETAILS }),
  };
}

/** Push challenges always have details (their creation requires `Details.Message`). */
const NO_DETAILS = { message: '', fields: null };

/** Deep equality of JSON values, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const entries = Object.entries(a);
  return entries.length === Object.keys(b).length && entries.every(([k, v]) => Object.hasOwn(b, k) && sameJson(v, Reflect.get(b, k)));
}

/** A pending challenge past its expiration date becomes `expired` (lazily, on every read). */
function refresh(ch: ChallengeRow, now: number): ChallengeRow {
  if (ch.status === 'pending' && now >= ch.expiration_date) {
    ch.status = 'expired';
    ch.date_updated = ch.expiration_date;
  }
  return ch;
}

/** One `Details.Fields` entry: a JSON `{label, value}`, or null. */
function detailField(raw: string): DetailField | null {
  let field: unknown;
  try {
    field = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!field || typeof field !== 'object' || !('label' in field) || !('value' in field)) return null;
  const { label, value } = field;
  return typeof label === 'string' && typeof value === 'string' ? { label, value } : null;
}

/** Checks `Details.Message`, `Details.Fields` and `HiddenDetails`. */
function readDetails(p: Params): Pick<ChallengeRow, 'details' | 'hidden_details'> {
  const message = one(p, 'Details.Message');
  if (!message) throw E.invalidDetails('Details.Message is required for push challenges: the text the user approves.');
  if (message.length > 256) throw E.invalidDetails(`Details.Message must be at most 256 characters; it has ${message.length}.`);
  const rawFields = all(p, 'Details.Fields');
  if (rawFields.length > 20) throw E.invalidDetails(`Details.Fields may hold at most 20 fields; it has ${rawFields.length}.`);
  const fields = rawFields.map((raw, i) => {
    const field = detailField(raw);
    if (!field) throw E.invalidDetails(`Details.Fields[${i}] must be a JSON object {"label": string, "value": string}.`);
    if (field.label.length > 36 || field.value.length > 128) throw E.invalidDetails(`Details.Fields[${i}]: the label may have 36 characters and the value 128.`);
    return field;
  });
  const rawHidden = one(p, 'HiddenDetails');
  if (rawHidden !== undefined && rawHidden.length > 1024) throw E.invalidDetails('HiddenDetails must be at most 1024 characters.');
  return { details: { message, fields }, hidden_details: stringMap(rawHidden, 'HiddenDetails', E.invalidDetails) ?? null };
}

/** The challenge in the path; a device sees only its own factor's challenges. */
function challengeOf(store: Store, now: number, caller: Caller, path: { service: string; identity: string; challenge: string }): ChallengeRow {
  const entity = entityOf(store, path);
  if (!isSid(SID_PREFIX.challenge, path.challenge)) throw E.invalidChallengeSid('The challenge SID in the path must be YC followed by 32 hex digits.');
  const ch = store.get('challenges', path.challenge);
  if (!ch || ch.entity_sid !== entity.sid || (caller.kind === 'device' && caller.factor.sid !== ch.factor_sid)) throw E.challengeNotFound();
  return refresh(ch, now);
}

/** A challenge can be answered, or its push resent, only while pending. */
function checkPending(ch: ChallengeRow): void {
  if (ch.status === 'expired') throw E.expired();
  if (ch.status !== 'pending') throw E.alreadyResponded(ch.status);
}

/**
 * Checks a totp challenge's code: the right code approves it (and uses up its time step), a wrong
 * one leaves it pending, as Twilio answers (docs/emulator-fidelity.md). Saves either way.
 */
async function answerTotp(ctx: EmulatorContext, ch: ChallengeRow, factor: FactorRow, totp: TotpFactor, code: string): Promise<ChallengeRow> {
  const { store, clock, emitChallengeEvent } = ctx;
  const now = clock.now();
  const counter = matchTotp(totp, code, now);
  if (counter === null) {
    await store.save();
    return ch;
  }
  store.update('factors', factor, { totp: { ...totp, last_counter: counter } });
  const approved = store.update('challenges', ch, { status: 'approved', date_responded: now, date_updated: now });
  await store.save();
  emitChallengeEvent('challenge.approved', approved);
  return approved;
}

const render = (c: RouteContext, ch: ChallengeRow) => renderChallenge(origin(c), ch, c.var.ctx.accountSid);
const CHALLENGES = `${ENTITY}/Challenges` as const;
const CHALLENGE = `${CHALLENGES}/:challenge` as const;

export default new Hono<Env>()
  .get(CHALLENGES, auth('account', 'device'), c => {
    const { store, clock } = c.var.ctx;
    const { caller } = c.var;
    const entity = entityOf(store, c.req.param());
    const q = queryParams(c);
    const factorSid = one(q, 'FactorSid');
    if (factorSid !== undefined && !isSid(SID_PREFIX.factor, factorSid)) throw E.invalidFactorSid('FactorSid must be YF followed by 32 hex digits.');
    if (caller.kind === 'device' && factorSid !== undefined && factorSid !== caller.factor.sid) throw E.invalidFactorSid('FactorSid must be the factor that signed the device JWT.');
    const status = one(q, 'Status');
    if (status !== undefined && !STATUSES.includes(status)) throw E.invalidParam(`Status must be one of ${STATUSES.join(', ')}.`);
    // Oldest first unless asked, as Twilio's description and the official SDKs (Order=asc) have it.
    const order = one(q, 'Order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw E.invalidParam('Order must be asc or desc.');
    const own = caller.kind === 'device' ? caller.factor.sid : factorSid;
    const now = clock.now();
    const rows = store.challengesOf(entity.sid).filter(ch => (!own || ch.factor_sid === own) && (!status || refresh(ch, now).status === status));
    const filters: Record<string, string> = { Order: order };
    if (factorSid) filters.FactorSid = factorSid;
    if (status) filters.Status = status;
    return c.json(page(c, rows, 'challenges', filters, ch => render(c, refresh(ch, now)), order === 'desc'));
  })
  .post(CHALLENGES, auth('account'), async c => {
    const { store, clock, push } = c.var.ctx;
    const entity = entityOf(store, c.req.param());
    const p = await formBody(c);
    const factorSid = one(p, 'FactorSid');
    if (!isSid(SID_PREFIX.factor, factorSid)) throw E.invalidFactorSid('FactorSid is required: YF followed by 32 hex digits.');
    const factor = store.get('factors', factorSid);
    if (!factor || factor.entity_sid !== entity.sid) throw E.notFound(`Factors/${factorSid}`);
    if (factor.status !== 'verified') throw E.factorUnverified();
    const code = factor.totp && checkTotpPayload(one(p, 'AuthPayload'));
    // Push challenges show their message; a totp challenge's details are optional context.
    const details = factor.totp && one(p, 'Details.Message') === undefined ? { details: null, hidden_details: stringMap(one(p, 'HiddenDetails'), 'HiddenDetails', E.invalidDetails) ?? null } : readDetails(p);
    const now = clock.now();
    let expiration = now + DEFAULT_EXPIRY_MS;
    const rawExpiry = one(p, 'ExpirationDate');
    if (rawExpiry !== undefined) {
      expiration = Date.parse(rawExpiry);
      if (!Number.isFinite(expiration) || expiration <= now || expiration > now + MAX_EXPIRY_MS + 1000) {
        throw E.invalidParam('ExpirationDate must be an RFC 3339 date in the future and at most 60 minutes from now.');
      }
    }
    const ch = store.insert('challenges', {
      sid: newSid(SID_PREFIX.challenge),
      service_sid: entity.service_sid,
      entity_sid: entity.sid,
      identity: entity.identity,
      factor_sid: factor.sid,
      status: 'pending',
      responded_reason: 'none',
      ...details,
      metadata: null,
      date_created: now,
      date_updated: now,
      date_responded: null,
      expiration_date: Math.floor(expiration / 1000) * 1000,
      ...(factor.totp && { factor_type: 'totp' }),
    });
    if (factor.totp && code) {
      const approved = await answerTotp(c.var.ctx, ch, factor, factor.totp, code);
      return c.json(render(c, approved), 201);
    }
    await store.save();
    if (factor.notification_platform !== 'none') push.send(factor, ch, 300);
    return c.json(render(c, ch), 201);
  })
  .get(CHALLENGE, auth('account', 'device'), c => {
    const ch = challengeOf(c.var.ctx.store, c.var.ctx.clock.now(), c.var.caller, c.req.param());
    if (ch.status === 'pending') c.header('Twilio-Verify-Signature-Fields', SIGNATURE_FIELDS.join(','));
    return c.json(render(c, ch));
  })
  .post(CHALLENGE, auth('account', 'device'), async c => {
    const { store, clock, accountSid, emitChallengeEvent } = c.var.ctx;
    const ch = challengeOf(store, clock.now(), c.var.caller, c.req.param());
    const p = await formBody(c);
    checkPending(ch);
    const totpFactor = ch.factor_type === 'totp' ? store.get('factors', ch.factor_sid) : undefined;
    if (totpFactor?.totp) return c.json(render(c, await answerTotp(c.var.ctx, ch, totpFactor, totpFactor.totp, checkTotpPayload(one(p, 'AuthPayload')))));
    const authPayload = one(p, 'AuthPayload');
    if (!authPayload) throw E.invalidParam('AuthPayload is required: the ES256 JWT of the signature fields and the new status.');
    if (authPayload.length > MAX_AUTH_PAYLOAD) throw E.invalidParam(`AuthPayload may have at most ${MAX_AUTH_PAYLOAD} characters; it has ${authPayload.length}.`);
    const metadata = readMetadata(p);
    const factor = store.get('factors', ch.factor_sid);
    const key = factor && await importPublicKey(factor.public_key);
    const claims = key && await verifyAnswerJwt(authPayload, key);
    if (!claims) throw E.badChallengeSignature('AuthPayload is not an ES256 JWT signed by the challenge\'s factor key.');
    const record = renderChallenge('', ch, accountSid);
    const changed = SIGNATURE_FIELDS.filter(f => !sameJson(claims[f], record[f]));
    if (changed.length) throw E.badChallengeSignature(`The signed ${changed.join(', ')} differ from the challenge. Fetch the challenge and copy the fields named in Twilio-Verify-Signature-Fields verbatim.`);
    const answer = claims.status;
    if (answer !== 'approved' && answer !== 'denied') throw E.badChallengeSignature('The signed status must be approved or denied.');
    // The JWT was checked asynchronously: answer only if nothing answered, expired or deleted it meanwhile.
    const current = store.get('challenges', ch.sid);
    if (!current) throw E.challengeNotFound();
    checkPending(refresh(current, clock.now()));
    const now = clock.now();
    const answered = store.update('challenges', current, { status: answer, date_responded: now, date_updated: now, metadata: metadata ?? current.metadata });
    await store.save();
    emitChallengeEvent(`challenge.${answer}`, answered);
    return c.json(render(c, answered));
  })
  .post(`${CHALLENGE}/Notifications`, auth('account'), async c => {
    const { store, clock, accountSid, push } = c.var.ctx;
    const ch = challengeOf(store, clock.now(), c.var.caller, c.req.param());
    const ttl = intParam(one(await formBody(c), 'Ttl'), 'Ttl', 0, 300, 300);
    checkPending(ch);
    const factor = store.get('factors', ch.factor_sid);
    if (!factor) throw E.notFound(`Factors/${ch.factor_sid}`);
    if (factor.notification_platform === 'none') throw E.noNotificationPlatform();
    const sent = push.send(factor, ch, ttl);
    const notification: NotificationJson = {
      sid: newSid(SID_PREFIX.notification),
      account_sid: accountSid,
      service_sid: ch.service_sid,
      entity_sid: ch.entity_sid,
      identity: ch.identity,
      challenge_sid: ch.sid,
      priority: 'high',
      ttl,
      date_created: rfc3339(sent.date_created),
    };
    return c.json(notification, 201);
  });
