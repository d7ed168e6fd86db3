import { authenticate } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { importPublicKey, verifyAnswerJwt } from '../crypto.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, intParam, one, all, origin, queryParams, stringMap } from '../params.js';
import { isSid, newSid } from '../sid.js';
import { entityOf, entityUrl } from './lookup.js';

/** The fields a device copies into its answer JWT (listed in `Twilio-Verify-Signature-Fields`). */
export const SIGNATURE_FIELDS = ['sid', 'factor_sid', 'details', 'hidden_details', 'expiration_date', 'date_created'];
const STATUSES = ['pending', 'approved', 'denied', 'expired'];
const DEFAULT_EXPIRY_MS = 5 * 60_000;
const MAX_EXPIRY_MS = 60 * 60_000;

/** @param {string} base @param {Record<string, any>} ch @param {string} accountSid */
export function renderChallenge(base, ch, accountSid) {
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
    details: ch.details,
    hidden_details: ch.hidden_details,
    metadata: ch.metadata,
    factor_type: 'push',
    url,
    links: { notifications: `${url}/Notifications` },
  };
}

/**
 * Deep equality of JSON values, whatever the order of object keys.
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
function sameJson(a, b) {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every(k => Object.hasOwn(b, k) && sameJson(/** @type {any} */ (a)[k], /** @type {any} */ (b)[k]));
}

/**
 * A pending challenge past its expiration date becomes `expired` (lazily, on every read).
 * @param {Record<string, any>} ch
 * @param {number} now
 */
function refresh(ch, now) {
  if (ch.status === 'pending' && now >= ch.expiration_date) {
    ch.status = 'expired';
    ch.date_updated = ch.expiration_date;
  }
  return ch;
}

/**
 * Checks `Details.Message`, `Details.Fields` (each a JSON `{label, value}`) and `HiddenDetails`.
 * @param {Record<string, string | string[]>} p
 */
function readDetails(p) {
  const message = one(p, 'Details.Message');
  if (!message) throw E.invalidDetails('Details.Message is required for push challenges: the text the user approves.');
  if (message.length > 256) throw E.invalidDetails(`Details.Message must be at most 256 characters; it has ${message.length}.`);
  const rawFields = all(p, 'Details.Fields');
  if (rawFields.length > 20) throw E.invalidDetails(`Details.Fields may hold at most 20 fields; it has ${rawFields.length}.`);
  const fields = rawFields.map((raw, i) => {
    let field;
    try {
      field = JSON.parse(raw);
    } catch {
      field = null;
    }
    if (!field || typeof field.label !== 'string' || typeof field.value !== 'string') {
      throw E.invalidDetails(`Details.Fields[${i}] must be a JSON object {"label": string, "value": string}.`);
    }
    if (field.label.length > 36 || field.value.length > 128) throw E.invalidDetails(`Details.Fields[${i}]: the label may have 36 characters and the value 128.`);
    return { label: field.label, value: field.value };
  });
  const rawHidden = one(p, 'HiddenDetails');
  if (rawHidden !== undefined && rawHidden.length > 1024) throw E.invalidDetails('HiddenDetails must be at most 1024 characters.');
  const hidden = stringMap(rawHidden, 'HiddenDetails', E.invalidDetails) ?? null;
  return { details: { message, fields }, hidden };
}

/** @param {import('../app.js').Resource} resource @param {import('../app.js').Context} ctx */
export default function challenges(resource, ctx) {
  const { store, clock, accountSid, push } = ctx;
  const render = (/** @type {import('hono').Context} */ c, /** @type {Record<string, any>} */ ch) => renderChallenge(origin(c), ch, accountSid);

  /**
   * The challenge in the path; a device sees only its own factor's challenges.
   * @param {import('hono').Context} c
   * @param {import('../auth.js').Caller} caller
   */
  function challengeOf(c, caller) {
    const entity = entityOf(store, c);
    const sid = c.req.param('challenge') ?? '';
    if (!isSid('YC', sid)) throw E.invalidChallengeSid('The challenge SID in the path must be YC followed by 32 hex digits.');
    const ch = store.get('challenges', sid);
    if (!ch || ch.entity_sid !== entity.sid || (caller.kind === 'device' && caller.factor.sid !== ch.factor_sid)) throw E.challengeNotFound();
    return refresh(ch, clock.now());
  }

  resource('/v2/Services/:service/Entities/:identity/Challenges', {
    GET: async c => {
      const caller = await authenticate(c, ctx, ['account', 'device']);
      const entity = entityOf(store, c);
      const q = queryParams(c);
      const factorSid = one(q, 'FactorSid');
      if (factorSid !== undefined && !isSid('YF', factorSid)) throw E.invalidFactorSid('FactorSid must be YF followed by 32 hex digits.');
      if (caller.kind === 'device' && factorSid !== undefined && factorSid !== caller.factor.sid) throw E.invalidFactorSid('FactorSid must be the factor that signed the device JWT.');
      const status = one(q, 'Status');
      if (status !== undefined && !STATUSES.includes(status)) throw E.invalidParam(`Status must be one of ${STATUSES.join(', ')}.`);
      const order = one(q, 'Order') ?? 'desc';
      if (order !== 'asc' && order !== 'desc') throw E.invalidParam('Order must be asc or desc.');
      const own = caller.kind === 'device' ? caller.factor.sid : factorSid;
      const now = clock.now();
      const rows = store.challengesOf(entity.sid).filter(ch => (!own || ch.factor_sid === own) && (!status || refresh(ch, now).status === status));
      if (order === 'desc') rows.reverse();
      /** @type {Record<string, string>} */
      const filters = { Order: order };
      if (factorSid) filters.FactorSid = factorSid;
      if (status) filters.Status = status;
      return c.json(page(c, rows, 'challenges', filters, ch => render(c, refresh(ch, now))));
    },
    POST: async c => {
      await authenticate(c, ctx, ['account']);
      const entity = entityOf(store, c);
      const p = await formBody(c);
      const factorSid = one(p, 'FactorSid');
      if (!isSid('YF', factorSid)) throw E.invalidFactorSid('FactorSid is required: YF followed by 32 hex digits.');
      const factor = store.get('factors', /** @type {string} */ (factorSid));
      if (!factor || factor.entity_sid !== entity.sid) throw E.notFound(`Factors/${factorSid}`);
      if (factor.status !== 'verified') throw E.factorUnverified();
      const { details, hidden } = readDetails(p);
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
        sid: newSid('YC'),
        service_sid: entity.service_sid,
        entity_sid: entity.sid,
        identity: entity.identity,
        factor_sid: factor.sid,
        status: 'pending',
        responded_reason: 'none',
        details,
        hidden_details: hidden,
        metadata: null,
        date_created: now,
        date_updated: now,
        date_responded: null,
        expiration_date: Math.floor(expiration / 1000) * 1000,
      });
      await store.save();
      if (factor.notification_platform !== 'none') push.send(factor, ch, 300);
      return c.json(render(c, ch), 201);
    },
  });

  resource('/v2/Services/:service/Entities/:identity/Challenges/:challenge', {
    GET: async c => {
      const caller = await authenticate(c, ctx, ['account', 'device']);
      const ch = challengeOf(c, caller);
      if (ch.status === 'pending') c.header('Twilio-Verify-Signature-Fields', SIGNATURE_FIELDS.join(','));
      return c.json(render(c, ch));
    },
    POST: async c => {
      const caller = await authenticate(c, ctx, ['account', 'device']);
      const ch = challengeOf(c, caller);
      const p = await formBody(c);
      if (ch.status === 'expired') throw E.expired();
      if (ch.status !== 'pending') throw E.alreadyResponded(ch.status);
      const authPayload = one(p, 'AuthPayload');
      if (!authPayload) throw E.invalidParam('AuthPayload is required: the ES256 JWT of the signature fields and the new status.');
      const metadata = stringMap(one(p, 'Metadata'), 'Metadata', E.invalidParam);
      const factor = store.get('factors', ch.factor_sid);
      const key = factor && await importPublicKey(factor.public_key);
      const claims = key && await verifyAnswerJwt(authPayload, key);
      if (!claims) throw E.badChallengeSignature('AuthPayload is not an ES256 JWT signed by the challenge\'s factor key.');
      const record = renderChallenge('', ch, accountSid);
      const changed = SIGNATURE_FIELDS.filter(f => !sameJson(claims[f], record[/** @type {keyof typeof record} */ (f)]));
      if (changed.length) throw E.badChallengeSignature(`The signed ${changed.join(', ')} differ from the challenge. Fetch the challenge and copy the fields named in Twilio-Verify-Signature-Fields verbatim.`);
      if (claims.status !== 'approved' && claims.status !== 'denied') throw E.badChallengeSignature('The signed status must be approved or denied.');
      // The JWT was checked asynchronously: answer only if nothing answered or expired it meanwhile.
      refresh(ch, clock.now());
      if (ch.status === 'expired') throw E.expired();
      if (ch.status !== 'pending') throw E.alreadyResponded(ch.status);
      const now = clock.now();
      Object.assign(ch, { status: claims.status, date_responded: now, date_updated: now, metadata: metadata ?? ch.metadata });
      await store.save();
      ctx.emitChallengeEvent(`challenge.${claims.status}`, ch);
      return c.json(render(c, ch));
    },
  });

  resource('/v2/Services/:service/Entities/:identity/Challenges/:challenge/Notifications', {
    POST: async c => {
      const caller = await authenticate(c, ctx, ['account']);
      const ch = challengeOf(c, caller);
      const ttl = intParam(one(await formBody(c), 'Ttl'), 'Ttl', 0, 300, 300);
      if (ch.status === 'expired') throw E.expired();
      if (ch.status !== 'pending') throw E.alreadyResponded(ch.status);
      const factor = store.get('factors', ch.factor_sid);
      if (!factor || factor.notification_platform === 'none') throw E.invalidParam('The challenge\'s factor has no push channel (platform none or deleted); the app lists pending challenges instead.');
      const sent = push.send(factor, ch, ttl);
      return c.json({
        sid: newSid('NT'),
        account_sid: accountSid,
        service_sid: ch.service_sid,
        entity_sid: ch.entity_sid,
        identity: ch.identity,
        challenge_sid: ch.sid,
        priority: 'high',
        ttl,
        date_created: rfc3339(sent.date_created),
      }, 201);
    },
  });
}
