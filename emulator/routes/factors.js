import { authenticate } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { importPublicKey, verifyFactorProof } from '../crypto.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, one, origin, stringMap } from '../params.js';
import { isSid, newSid } from '../sid.js';
import { insertEntity } from './entities.js';
import { entityOf, entityUrl, identityOf, serviceOf } from './lookup.js';

const MAX_PUSH_FACTORS = 20;
const PLATFORMS = ['fcm', 'apn', 'none'];

/** @param {string} base @param {Record<string, any>} f @param {string} accountSid */
export function renderFactor(base, f, accountSid) {
  return {
    sid: f.sid,
    account_sid: accountSid,
    service_sid: f.service_sid,
    entity_sid: f.entity_sid,
    identity: f.identity,
    friendly_name: f.friendly_name,
    status: f.status,
    factor_type: 'push',
    binding: { alg: 'ES256', public_key: f.public_key },
    config: {
      sdk_version: f.sdk_version,
      app_id: f.app_id,
      notification_platform: f.notification_platform,
      notification_token: f.notification_token,
      credential_sid: f.credential_sid,
    },
    metadata: f.metadata,
    date_created: rfc3339(f.date_created),
    date_updated: rfc3339(f.date_updated),
    url: `${entityUrl(base, f)}/Factors/${f.sid}`,
  };
}

/**
 * The factor named in the path, within the entity.
 * @param {import('../store.js').Store} store
 * @param {import('hono').Context} c
 */
export function factorOf(store, c) {
  const entity = entityOf(store, c);
  const sid = c.req.param('factor') ?? '';
  if (!isSid('YF', sid)) throw E.invalidFactorSid('The factor SID in the path must be YF followed by 32 hex digits.');
  const factor = store.get('factors', sid);
  if (!factor || factor.entity_sid !== entity.sid) throw E.notFound(`Factors/${sid}`);
  return factor;
}

/**
 * Reads and checks the `Config.*` parameters into `row` (creation, or an update that sends them).
 * @param {Record<string, string | string[]>} p
 * @param {Record<string, any>} row
 */
function applyConfig(p, row) {
  const platform = one(p, 'Config.NotificationPlatform') ?? row.notification_platform;
  if (!PLATFORMS.includes(platform)) throw E.invalidParam('Config.NotificationPlatform must be fcm, apn or none.');
  const token = platform === 'none' ? null : one(p, 'Config.NotificationToken') ?? row.notification_token;
  if (platform !== 'none' && !token) throw E.invalidParam(`Config.NotificationToken is required for platform ${platform}; use none for a device without pushes.`);
  for (const [key, field] of [['Config.SdkVersion', 'sdk_version'], ['Config.AppId', 'app_id']]) {
    const value = one(p, key);
    if (value !== undefined && value.length > 256) throw E.invalidParam(`${key} must be at most 256 characters.`);
    if (value !== undefined) row[field] = value;
  }
  row.notification_platform = platform;
  row.notification_token = token;
}

/** @param {string | undefined} name */
function checkFriendlyName(name) {
  if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
  return name;
}

/** @param {import('../app.js').Resource} resource @param {import('../app.js').Context} ctx */
export default function factors(resource, ctx) {
  const { store, clock, accountSid, limits } = ctx;
  const render = (/** @type {import('hono').Context} */ c, /** @type {Record<string, any>} */ f) => renderFactor(origin(c), f, accountSid);
  /** @type {Map<string, number[]>} creation times per entity key, for 60326 */
  const creations = new Map();

  /** A device may act only on its own factor. @param {import('../auth.js').Caller} caller @param {Record<string, any>} factor */
  const ownFactor = (caller, factor) => {
    if (caller.kind === 'device' && caller.factor.sid !== factor.sid) throw E.unauthorized('The device JWT belongs to another factor than the one in the path.');
  };

  resource('/v2/Services/:service/Entities/:identity/Factors', {
    GET: async c => {
      await authenticate(c, ctx, ['account', 'device']);
      const entity = entityOf(store, c);
      return c.json(page(c, store.factorsOf(entity.sid), 'factors', {}, f => render(c, f)));
    },
    POST: async c => {
      const caller = await authenticate(c, ctx, ['account', 'access']);
      const service = serviceOf(store, c);
      const identity = identityOf(c);
      const p = await formBody(c);
      if (one(p, 'FactorType') !== 'push') throw E.invalidParam('FactorType must be push.');
      const friendlyName = checkFriendlyName(one(p, 'FriendlyName') ?? (caller.kind === 'access' ? caller.token.factor_friendly_name : undefined));
      if (one(p, 'Binding.Alg') !== 'ES256') throw E.invalidBinding('Binding.Alg must be ES256.');
      const publicKey = one(p, 'Binding.PublicKey') ?? '';
      if (!(await importPublicKey(publicKey))) throw E.invalidBinding('Binding.PublicKey must be the standard base64 of a P-256 SubjectPublicKeyInfo (crypto.subtle.exportKey("spki", key)).');
      const row = { sdk_version: null, app_id: null, notification_platform: null, notification_token: null };
      applyConfig(p, row);
      const metadata = stringMap(one(p, 'Metadata'), 'Metadata', E.invalidParam) ?? null;

      const now = clock.now();
      const key = `${service.sid}\n${identity}`;
      const recent = (creations.get(key) ?? []).filter(t => t > now - 60_000);
      if (recent.length >= limits.factorCreationsPerMinute) throw E.tooManyCreations();
      const entity = store.entity(service.sid, identity);
      const existing = entity ? store.factorsOf(entity.sid) : [];
      if (existing.length >= MAX_PUSH_FACTORS) throw E.tooManyFactors();
      if (Object.values(store.state.factors).some(f => f.service_sid === service.sid && f.public_key === publicKey)) {
        throw E.factorExists('A factor with this public key already exists in the service. Generate a new key pair for each factor.');
      }
      recent.push(now);
      creations.set(key, recent);

      const owner = entity ?? insertEntity(store, service.sid, identity, now);
      const factor = store.insert('factors', {
        sid: newSid('YF'),
        service_sid: service.sid,
        entity_sid: owner.sid,
        identity,
        friendly_name: friendlyName,
        status: 'unverified',
        public_key: publicKey,
        credential_sid: newSid('CR'),
        ...row,
        metadata,
        date_created: now,
        date_updated: now,
      });
      await store.save();
      ctx.emitFactorEvent('factor.created', factor);
      return c.json(render(c, factor), 201);
    },
  });

  resource('/v2/Services/:service/Entities/:identity/Factors/:factor', {
    GET: async c => {
      const caller = await authenticate(c, ctx, ['account', 'device']);
      const factor = factorOf(store, c);
      ownFactor(caller, factor);
      return c.json(render(c, factor));
    },
    POST: async c => {
      const caller = await authenticate(c, ctx, ['account', 'device']);
      const factor = factorOf(store, c);
      ownFactor(caller, factor);
      const p = await formBody(c);
      const authPayload = one(p, 'AuthPayload');
      const key = await importPublicKey(factor.public_key);
      if (authPayload !== undefined && !(key && await verifyFactorProof(key, factor.sid, authPayload))) {
        throw E.verificationFailed('AuthPayload is not a valid signature of the factor SID. Sign the UTF-8 factor SID with the factor key (ECDSA P-256, SHA-256) and send the DER signature in standard base64.');
      }
      const updated = { ...factor };
      if (one(p, 'FriendlyName') !== undefined) updated.friendly_name = checkFriendlyName(one(p, 'FriendlyName'));
      applyConfig(p, updated);
      const verifiedNow = authPayload !== undefined && factor.status === 'unverified';
      if (verifiedNow) updated.status = 'verified';
      updated.date_updated = clock.now();
      Object.assign(factor, updated);
      await store.save();
      if (verifiedNow) ctx.emitFactorEvent('factor.verified', factor);
      return c.json(render(c, factor));
    },
    DELETE: async c => {
      const caller = await authenticate(c, ctx, ['account', 'device']);
      const factor = factorOf(store, c);
      ownFactor(caller, factor);
      store.removeFactor(factor.sid);
      await store.save();
      ctx.emitFactorEvent('factor.deleted', factor);
      return c.body(null, 204);
    },
  });
}
