import { Hono } from 'hono';
import { isSid, SID_PREFIX } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { origin } from '../params.js';
import {
  authenticationOptions, checkCredentialResponse, newChallenge, registrationOptions, resolveConfig, serviceParty, sidOfChallenge, type SignInParty,
  TIMEOUT_MS, verifyAssertion, verifyRegistration,
} from '../passkeys.js';
import { toBase64Url } from '../bytes.js';
import { newSid } from '../sid.js';
import type { PasskeyChallengeRow, PasskeyCredential, PasskeyFactorRow, ServiceRow, Store } from '../store.js';
import { insertEntity } from './entities.js';
import { checkIdentity, entityOf, entityUrl, SERVICE, serviceOf, serviceUrl } from './lookup.js';

// Verify's Passkeys API: the four operations of its description (JSON bodies), each verified for
// real (passkeys.ts). Factors and challenges are rows of their own kinds (store.ts).

const PASSKEYS = `${SERVICE}/Passkeys` as const;
const MAX_FRIENDLY_NAME = 64;

export function renderPasskeyFactor(base: string, f: PasskeyFactorRow, accountSid: string) {
  return {
    sid: f.sid,
    account_sid: accountSid,
    service_sid: f.service_sid,
    entity_sid: f.entity_sid,
    identity: f.identity,
    date_created: rfc3339(f.date_created),
    date_updated: rfc3339(f.date_updated),
    friendly_name: f.friendly_name,
    status: f.status,
    factor_type: 'passkeys' as const,
    config: f.config,
    metadata: null,
    url: `${entityUrl(base, f)}/Factors/${f.sid}`,
  };
}

export function renderPasskeyChallenge(base: string, ch: PasskeyChallengeRow, accountSid: string) {
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
    responded_reason: 'none' as const,
    details: null,
    hidden_details: null,
    metadata: null,
    factor_type: 'passkeys' as const,
    // The collection it was created in, as the description's examples show: it has no fetch of its own.
    url: `${serviceUrl(base, ch.service_sid)}/Passkeys/Challenges`,
    links: null,
    options: { publicKey: ch.options },
  };
}

/**
 * The JSON object body of a Passkeys operation. Another content type answers `unsupported` (the
 * codes Twilio's pages give VerifyFactor and ApproveChallenge) or 60306; malformed JSON 60306.
 */
async function jsonBody(c: RouteContext, unsupported: (message: string) => Error = E.invalidParam): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw unsupported(`The body must be JSON (Content-Type: application/json), as the Passkeys operations take it; it was sent as ${JSON.stringify(type.slice(0, 100)) || 'nothing'}.`);
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw E.invalidParam('The body is not valid JSON. Send a JSON object, e.g. the credential\'s toJSON().');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw E.invalidParam('The body must be a JSON object.');
  return Object.fromEntries(Object.entries(body));
}

/** The verified credentials of an entity's passkey factors. */
const credentialsOf = (store: Store, entitySid: string): Array<{ factor: PasskeyFactorRow; credential: PasskeyCredential }> =>
  store.passkeyFactorsOf(entitySid).flatMap(factor => (factor.credential && factor.status === 'verified' ? [{ factor, credential: factor.credential }] : []));

/** Where a sign-in's assertion is held to: the factor's config, else (a discoverable sign-in knows no factor yet) the Service's settings. */
const signInParty = (service: ServiceRow, factor: PasskeyFactorRow | undefined): SignInParty => (factor
  ? { rpId: factor.config.relying_party.id, origins: factor.config.relying_party.origins, userVerification: factor.config.user_verification }
  : serviceParty(service));

/** The passkey factor in an `Entities/{Identity}/Factors/{Sid}` path, if it names one (routes/factors.ts serves them with push factors). */
export function passkeyFactorAt(store: Store, path: { service: string; identity: string; factor: string }): PasskeyFactorRow | undefined {
  const factor = store.get('passkeyFactors', path.factor);
  return factor && factor.entity_sid === entityOf(store, path).sid ? factor : undefined;
}

const renderFactor = (c: RouteContext, f: PasskeyFactorRow) => renderPasskeyFactor(origin(c), f, c.var.ctx.accountSid);
const renderChallenge = (c: RouteContext, ch: PasskeyChallengeRow) => renderPasskeyChallenge(origin(c), ch, c.var.ctx.accountSid);

export default new Hono<Env>()
  .post(`${PASSKEYS}/Factors`, auth('account'), async c => {
    const { store, clock, emitPasskeyFactorEvent } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const body = await jsonBody(c);
    const identity = checkIdentity(typeof body.identity === 'string' ? body.identity : '');
    const friendlyName = body.friendly_name;
    if (typeof friendlyName !== 'string' || !friendlyName || friendlyName.length > MAX_FRIENDLY_NAME) {
      // The library's typings say friendlyName, but it sends the object as given: say which name counts.
      const camel = 'friendlyName' in body ? ' (not friendlyName: the body takes the description\'s snake_case names)' : '';
      throw E.invalidParam(`friendly_name is required${camel} and may have at most ${MAX_FRIENDLY_NAME} characters: the name of the passkey the user sees.`);
    }
    const config = resolveConfig(body.config, service);
    const now = clock.now();
    const entity = store.entity(service.sid, identity) ?? insertEntity(store, service.sid, identity, now);
    const sid = newSid(SID_PREFIX.factor);
    const challenge = newChallenge(sid);
    const options = await registrationOptions({
      config, challenge, entitySid: entity.sid, friendlyName, exclude: credentialsOf(store, entity.sid).map(x => x.credential),
    });
    const factor = store.insert('passkeyFactors', {
      sid, service_sid: service.sid, entity_sid: entity.sid, identity, friendly_name: friendlyName, status: 'unverified', config,
      challenge: toBase64Url(challenge), credential: null, date_created: now, date_updated: now,
    });
    await store.save();
    emitPasskeyFactorEvent('factor.created', factor);
    // Only this answer carries the options (a passkey factor has no binding).
    return c.json({ ...renderFactor(c, factor), binding: null, options: { publicKey: options } }, 201);
  })
  .post(`${PASSKEYS}/VerifyFactor`, auth('account'), async c => {
    const { store, clock, emitPasskeyFactorEvent } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const body = await jsonBody(c, E.unsupportedVerificationContentType);
    const challenge = checkCredentialResponse(body, 'webauthn.create');
    const sid = sidOfChallenge(challenge, SID_PREFIX.factor);
    const factor = sid ? store.get('passkeyFactors', sid) : undefined;
    if (!factor || factor.service_sid !== service.sid || factor.challenge !== challenge) {
      throw E.verificationFailed('The client data\'s challenge is not the pending registration challenge of a passkey factor of this service (it was already used, or never issued). Create a new factor and register with its options.');
    }
    const credential = await verifyRegistration(body, factor.config, challenge);
    // Verified asynchronously: read the factor again (another request may have verified or removed it).
    const current = store.get('passkeyFactors', factor.sid);
    if (!current || current.challenge !== challenge) throw E.verificationFailed('The factor was verified or removed meanwhile. Fetch it, or create a new one.');
    const owner = store.passkeyFactorByCredential(credential.id);
    if (owner && owner.service_sid === service.sid) throw E.factorExists('This passkey is already registered as another factor of the service. Use it to sign in, or remove that factor first.');
    const verified = store.update('passkeyFactors', current, { status: 'verified', challenge: null, credential, date_updated: clock.now() });
    await store.save();
    emitPasskeyFactorEvent('factor.verified', verified);
    return c.json(renderFactor(c, verified));
  })
  .post(`${PASSKEYS}/Challenges`, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const body = await jsonBody(c);
    let allowed: Array<{ factor: PasskeyFactorRow; credential: PasskeyCredential }> = [];
    let entity = null;
    if (body.identity !== undefined) {
      const identity = checkIdentity(typeof body.identity === 'string' ? body.identity : '');
      entity = store.entity(service.sid, identity);
      if (!entity) throw E.entityNotFound();
      allowed = credentialsOf(store, entity.sid);
      if (body.factor_sid !== undefined) {
        if (typeof body.factor_sid !== 'string' || !isSid(SID_PREFIX.factor, body.factor_sid)) throw E.invalidFactorSid('factor_sid must be YF followed by 32 hex digits.');
        const factorSid = body.factor_sid;
        if (!store.passkeyFactorsOf(entity.sid).some(f => f.sid === factorSid)) throw E.notFound(`Factors/${factorSid}`);
        allowed = allowed.filter(x => x.factor.sid === factorSid);
      }
      if (!allowed.length) throw E.factorUnverified('The user has no verified passkey (of this factor_sid). Register one (Passkeys/Factors, then Passkeys/VerifyFactor), or sign in without identity.');
    } else if (body.factor_sid !== undefined) {
      throw E.invalidIdentity('identity is required with factor_sid: the entity the factor belongs to.');
    }
    // Every allowed factor shares the first one's relying party (a factor of another is left out).
    const party = signInParty(service, allowed[0]?.factor);
    allowed = allowed.filter(x => x.factor.config.relying_party.id === party.rpId);
    const sid = newSid(SID_PREFIX.challenge);
    const options = await authenticationOptions({ rpId: party.rpId, challenge: newChallenge(sid), allow: allowed.map(x => x.credential), userVerification: party.userVerification });
    const now = clock.now();
    const factorSid = allowed.length === 1 ? allowed[0].factor.sid : null;
    const challenge = store.insert('passkeyChallenges', {
      sid, service_sid: service.sid, entity_sid: entity?.sid ?? null, identity: entity?.identity ?? null, factor_sid: factorSid, status: 'pending',
      options, origins: party.origins, date_created: now, date_updated: now, date_responded: null, expiration_date: now + TIMEOUT_MS,
    });
    await store.save();
    return c.json(renderChallenge(c, challenge), 201);
  })
  .post(`${PASSKEYS}/ApproveChallenge`, auth('account'), async c => {
    const { store, clock, emitPasskeyChallengeEvent } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const body = await jsonBody(c, E.unsupportedApprovalContentType);
    const challenge = checkCredentialResponse(body, 'webauthn.get');
    const sid = sidOfChallenge(challenge, SID_PREFIX.challenge);
    const ch = sid ? store.get('passkeyChallenges', sid) : undefined;
    if (!ch || ch.service_sid !== service.sid || ch.options.challenge !== challenge) {
      throw E.challengeNotFound('The client data\'s challenge is no passkeys challenge of this service. Create a challenge and sign in with its options.');
    }
    const checkPending = (row: PasskeyChallengeRow) => {
      if (row.status !== 'pending') throw E.alreadyResponded(row.status);
      if (clock.now() >= row.expiration_date) throw E.expired();
    };
    checkPending(ch);
    const factor = store.passkeyFactorByCredential(String(body.rawId));
    if (!factor || factor.service_sid !== service.sid || !factor.credential || factor.status !== 'verified') {
      throw E.invalidRawId('rawId names no verified passkey of this service. Register the passkey first (Passkeys/Factors, then Passkeys/VerifyFactor).');
    }
    const allowedIds = ch.options.allowCredentials?.map(a => a.id) ?? [];
    if ((ch.entity_sid && ch.entity_sid !== factor.entity_sid) || (allowedIds.length && !allowedIds.includes(factor.credential.id))) {
      throw E.badChallengeSignature('The passkey is not one this challenge allows: it belongs to another user than the challenge\'s identity.');
    }
    if (factor.config.relying_party.id !== ch.options.rpId) {
      throw E.relyingPartyMismatch(`The passkey was registered for ${factor.config.relying_party.id}, the challenge is for ${ch.options.rpId}.`);
    }
    const counter = await verifyAssertion(body, {
      credential: factor.credential, rpId: ch.options.rpId ?? factor.config.relying_party.id, origins: ch.origins, userVerification: factor.config.user_verification, challenge,
    });
    // Verified asynchronously: answer only if nothing answered the challenge or used the passkey meanwhile.
    const currentChallenge = store.get('passkeyChallenges', ch.sid);
    const currentFactor = store.get('passkeyFactors', factor.sid);
    if (!currentChallenge) throw E.challengeNotFound('The challenge was removed meanwhile. Create a new one.');
    checkPending(currentChallenge);
    if (!currentFactor?.credential || currentFactor.credential.counter !== factor.credential.counter) {
      throw E.badChallengeSignature('The passkey was used or removed meanwhile: sign in again.');
    }
    const now = clock.now();
    store.update('passkeyFactors', currentFactor, { credential: { ...currentFactor.credential, counter }, date_updated: now });
    const approved = store.update('passkeyChallenges', currentChallenge, {
      status: 'approved', entity_sid: factor.entity_sid, identity: factor.identity, factor_sid: factor.sid, date_responded: now, date_updated: now,
    });
    await store.save();
    emitPasskeyChallengeEvent('challenge.approved', approved, factor);
    return c.json(renderChallenge(c, approved));
  });
