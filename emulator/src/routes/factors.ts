import { Hono } from 'hono';
import { type FactorJson, type NotificationPlatform, SID_PREFIX } from 'verify-elements/protocol';
import { auth, type Caller } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { importPublicKey, verifyFactorProof } from '../crypto.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, metadata as readMetadata, one, origin, type Params } from '../params.js';
import { newSid } from '../sid.js';
import type { FactorRow, PasskeyFactorRow, Store } from '../store.js';
import { checkTotpPayload, matchTotp, newTotpFactor, readTotpConfig, type TotpFactor, totpUri } from '../totp.js';
import { insertEntity } from './entities.js';
import { checkIdentity, ENTITY, entityOf, entityUrl, factorOf, serviceOf } from './lookup.js';
import { passkeyFactorAt, renderPasskeyFactor } from './passkeys.js';

const MAX_PUSH_FACTORS = 20;
const PLATFORMS: readonly string[] = ['fcm', 'apn', 'none'] satisfies NotificationPlatform[];
const isPlatform = (value: string | undefined): value is NotificationPlatform => value !== undefined && PLATFORMS.includes(value);

/** A totp factor as the API renders it: its `config` is the TOTP settings (the kit's wire types know push only). */
export type TotpFactorJson = Omit<FactorJson, 'factor_type' | 'config'> & {
  factor_type: 'totp';
  config: Pick<TotpFactor, 'alg' | 'skew' | 'code_length' | 'time_step'>;
};

export function renderFactor(base: string, f: FactorRow, accountSid: string): FactorJson | TotpFactorJson {
  const common = {
    sid: f.sid,
    account_sid: accountSid,
    service_sid: f.service_sid,
    entity_sid: f.entity_sid,
    identity: f.identity,
    friendly_name: f.friendly_name,
    status: f.status,
    metadata: f.metadata,
    date_created: rfc3339(f.date_created),
    date_updated: rfc3339(f.date_updated),
    url: `${entityUrl(base, f)}/Factors/${f.sid}`,
  };
  if (f.totp) {
    const { alg, skew, code_length, time_step } = f.totp;
    return { ...common, factor_type: 'totp', config: { alg, skew, code_length, time_step } };
  }
  return {
    ...common,
    factor_type: 'push',
    config: {
      sdk_version: f.sdk_version,
      app_id: f.app_id,
      notification_platform: f.notification_platform,
      notification_token: f.notification_token,
      credential_sid: f.credential_sid,
    },
  };
}

type Config = Pick<FactorRow, 'sdk_version' | 'app_id' | 'notification_platform' | 'notification_token'>;

/** Twilio's limits (its API description): a push token of 32–255 characters, an app id of at most 100. */
const TOKEN_LENGTH = { min: 32, max: 255 };
const MAX_APP_ID = 100;

/**
 * Reads and checks the `Config.*` parameters over `current`. Creation (no `current`) requires
 * `Config.AppId` and `Config.SdkVersion`; an update keeps the app id (not one of its parameters), and
 * factors created before these were required keep their nulls. Platform `none` takes no token, as
 * the official SDKs send it.
 */
function readConfig(p: Params, current?: Config): Config {
  const platform = one(p, 'Config.NotificationPlatform') ?? current?.notification_platform;
  if (!isPlatform(platform)) throw E.invalidParam('Config.NotificationPlatform must be fcm, apn or none.');
  const sent = one(p, 'Config.NotificationToken');
  if (platform !== 'none' && sent !== undefined && (sent.length < TOKEN_LENGTH.min || sent.length > TOKEN_LENGTH.max)) {
    throw E.invalidParam(`Config.NotificationToken must have ${TOKEN_LENGTH.min}–${TOKEN_LENGTH.max} characters; it has ${sent.length}.`);
  }
  const token = platform === 'none' ? null : sent ?? current?.notification_token;
  if (platform !== 'none' && !token) throw E.invalidParam(`Config.NotificationToken is required for platform ${platform}; use none for a device without pushes.`);
  if (current) return { sdk_version: one(p, 'Config.SdkVersion') || current.sdk_version, app_id: current.app_id, notification_platform: platform, notification_token: token ?? null };
  const appId = one(p, 'Config.AppId');
  if (!appId || appId.length > MAX_APP_ID) throw E.invalidParam(`Config.AppId is required and may have at most ${MAX_APP_ID} characters: the app's id in its store, or the web app's origin.`);
  const sdkVersion = one(p, 'Config.SdkVersion');
  if (!sdkVersion) throw E.invalidParam('Config.SdkVersion is required: the version of the SDK that creates the factor.');
  return { sdk_version: sdkVersion, app_id: appId, notification_platform: platform, notification_token: token ?? null };
}

function checkFriendlyName(name: string | undefined): string {
  if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
  return name;
}

/** `Binding.*` and `Config.*` of a new push factor. */
async function readPush(p: Params): Promise<Config & { public_key: string; totp?: TotpFactor }> {
  if (one(p, 'Binding.Alg') !== 'ES256') throw E.invalidBinding('Binding.Alg must be ES256.');
  const publicKey = one(p, 'Binding.PublicKey') ?? '';
  if (!(await importPublicKey(publicKey))) throw E.invalidBinding('Binding.PublicKey must be the standard base64 of a P-256 SubjectPublicKeyInfo (crypto.subtle.exportKey("spki", key)).');
  return { ...readConfig(p), public_key: publicKey };
}

/** What a totp factor's row holds in the push columns: no key, no app, no pushes. */
const TOTP_WITHOUT_PUSH: Config & { public_key: string } = { public_key: '', sdk_version: null, app_id: null, notification_platform: 'none', notification_token: null };

/** A device may act only on its own factor. */
function ownFactor(caller: Caller, factor: FactorRow): FactorRow {
  if (caller.kind === 'device' && caller.factor.sid !== factor.sid) throw E.unauthorized('The device JWT belongs to another factor than the one in the path.');
  return factor;
}

/**
 * Updates a totp factor: its name and `Config.*`, and with `AuthPayload` its first verification. A
 * wrong code is no error: Twilio answers 200 with the factor still unverified (docs/emulator-fidelity.md).
 */
async function updateTotp(c: RouteContext, factor: FactorRow, totp: TotpFactor, p: Params): Promise<FactorRow> {
  const { store, clock, emitFactorEvent } = c.var.ctx;
  const authPayload = one(p, 'AuthPayload');
  if (authPayload !== undefined) checkTotpPayload(authPayload);
  const friendlyName = one(p, 'FriendlyName') === undefined ? factor.friendly_name : checkFriendlyName(one(p, 'FriendlyName'));
  const config = { ...totp, ...readTotpConfig(p, totp) };
  const now = clock.now();
  const counter = authPayload !== undefined && factor.status === 'unverified' ? matchTotp(config, authPayload, now) : null;
  const updated = store.update('factors', factor, {
    friendly_name: friendlyName,
    totp: counter === null ? config : { ...config, last_counter: counter },
    status: counter === null ? factor.status : 'verified',
    date_updated: now,
  });
  await store.save();
  if (counter !== null) emitFactorEvent('factor.verified', updated);
  return updated;
}

const render = (c: RouteContext, f: FactorRow) => renderFactor(origin(c), f, c.var.ctx.accountSid);
const FACTORS = `${ENTITY}/Factors` as const;
const FACTOR = `${FACTORS}/:factor` as const;

// Passkey factors (routes/passkeys.ts) are listed, fetched and deleted here too, as the entity's factors.
const isPasskey = (f: FactorRow | PasskeyFactorRow): f is PasskeyFactorRow => 'credential' in f;
const renderAny = (c: RouteContext, f: FactorRow | PasskeyFactorRow) => (isPasskey(f) ? renderPasskeyFactor(origin(c), f, c.var.ctx.accountSid) : render(c, f));
/** A passkey factor of the path, for the account (a device holds only its push factor). */
const passkeyOf = (store: Store, caller: Caller, path: { service: string; identity: string; factor: string }) =>
  (caller.kind === 'account' ? passkeyFactorAt(store, path) : undefined);

export default new Hono<Env>()
  .get(FACTORS, auth('account', 'device'), c => {
    const { store } = c.var.ctx;
    const entity = entityOf(store, c.req.param());
    return c.json(page(c, [...store.factorsOf(entity.sid), ...store.passkeyFactorsOf(entity.sid)], 'factors', {}, f => renderAny(c, f)));
  })
  .post(FACTORS, auth('account', 'access'), async c => {
    const { store, clock, limits, factorCreations, emitFactorEvent } = c.var.ctx;
    const { caller } = c.var;
    const service = serviceOf(store, c.req.param());
    const identity = checkIdentity(c.req.param('identity'));
    const p = await formBody(c);
    const factorType = one(p, 'FactorType');
    if (factorType !== 'push' && factorType !== 'totp') throw E.invalidParam('FactorType must be push or totp.');
    const friendlyName = checkFriendlyName(one(p, 'FriendlyName') ?? (caller.kind === 'access' ? caller.token.factor_friendly_name ?? undefined : undefined));
    const kind = factorType === 'push' ? await readPush(p) : { ...TOTP_WITHOUT_PUSH, totp: newTotpFactor(p, service) };
    const metadata = readMetadata(p) ?? null;

    const now = clock.now();
    const key = `${service.sid}\n${identity}`;
    const recent = (factorCreations.get(key) ?? []).filter(t => t > now - 60_000);
    if (recent.length >= limits.factorCreationsPerMinute) throw E.tooManyCreations();
    const entity = store.entity(service.sid, identity);
    const existing = entity ? store.factorsOf(entity.sid) : [];
    if (existing.length >= MAX_PUSH_FACTORS) throw E.tooManyFactors();
    if (!kind.totp && Object.values(store.state.factors).some(f => f.service_sid === service.sid && f.public_key === kind.public_key)) {
      throw E.factorExists('A factor with this public key already exists in the service. Generate a new key pair for each factor.');
    }
    // Counted now, so that creations under way count too; uncounted again when it could not be stored.
    recent.push(now);
    factorCreations.set(key, recent);

    const owner = entity ?? insertEntity(store, service.sid, identity, now);
    const factor = store.insert('factors', {
      sid: newSid(SID_PREFIX.factor),
      service_sid: service.sid,
      entity_sid: owner.sid,
      identity,
      friendly_name: friendlyName,
      status: 'unverified',
      credential_sid: newSid(SID_PREFIX.credential),
      ...kind,
      metadata,
      date_created: now,
      date_updated: now,
    });
    await store.save().catch((err: unknown) => {
      recent.splice(recent.lastIndexOf(now), 1);
      throw err;
    });
    emitFactorEvent('factor.created', factor);
    // Only this answer carries the binding.
    const binding = factor.totp
      ? { secret: factor.totp.secret, uri: totpUri(factor.totp, service.totp_issuer || service.friendly_name, friendlyName) }
      : { alg: 'ES256', public_key: factor.public_key };
    return c.json({ ...render(c, factor), binding, options: null }, 201);
  })
  .get(FACTOR, auth('account', 'device'), c => {
    const passkey = passkeyOf(c.var.ctx.store, c.var.caller, c.req.param());
    return c.json(passkey ? renderAny(c, passkey) : render(c, ownFactor(c.var.caller, factorOf(c.var.ctx.store, c.req.param()))));
  })
  .post(FACTOR, auth('account', 'device'), async c => {
    const { store, clock, emitFactorEvent } = c.var.ctx;
    const factor = ownFactor(c.var.caller, factorOf(store, c.req.param()));
    const p = await formBody(c);
    if (factor.totp) return c.json(render(c, await updateTotp(c, factor, factor.totp, p)));
    const authPayload = one(p, 'AuthPayload');
    const key = await importPublicKey(factor.public_key);
    if (authPayload !== undefined && !(key && await verifyFactorProof(key, factor.sid, authPayload))) {
      throw E.verificationFailed('AuthPayload is not a valid signature of the factor SID. Sign the UTF-8 factor SID with the factor key (ECDSA P-256, SHA-256) and send the DER signature in standard base64.');
    }
    // Every check passes before anything changes.
    const friendlyName = one(p, 'FriendlyName') === undefined ? factor.friendly_name : checkFriendlyName(one(p, 'FriendlyName'));
    const config = readConfig(p, factor);
    const verifiedNow = authPayload !== undefined && factor.status === 'unverified';
    const updated = store.update('factors', factor, { ...config, friendly_name: friendlyName, status: verifiedNow ? 'verified' : factor.status, date_updated: clock.now() });
    await store.save();
    if (verifiedNow) emitFactorEvent('factor.verified', updated);
    return c.json(render(c, updated));
  })
  .delete(FACTOR, auth('account', 'device'), async c => {
    const { store, emitFactorEvent, emitPasskeyFactorEvent } = c.var.ctx;
    const passkey = passkeyOf(store, c.var.caller, c.req.param());
    if (passkey) {
      store.remove('passkeyFactors', passkey.sid);
      await store.save();
      emitPasskeyFactorEvent('factor.deleted', passkey);
      return c.body(null, 204);
    }
    const factor = ownFactor(c.var.caller, factorOf(store, c.req.param()));
    store.removeFactor(factor.sid);
    await store.save();
    emitFactorEvent('factor.deleted', factor);
    return c.body(null, 204);
  });
