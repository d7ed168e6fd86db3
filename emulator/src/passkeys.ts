import {
  type AuthenticationResponseJSON, generateAuthenticationOptions, generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON, verifyAuthenticationResponse, verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isSid, SID_PREFIX } from 'verify-elements/protocol';
import { formatOtpSms } from 'verify-elements/sms';
import { fromBase64, randomBytes, toBase64Url, utf8 } from './bytes.js';
import { E } from './errors.js';
import type { PasskeyConfig, PasskeyCredential, PasskeySettings, ServiceRow } from './store.js';

// WebAuthn for the Passkeys operations: the settings and factor config they are held to, the options
// a browser takes, and the real verification of attestations and assertions (@simplewebauthn/server).

export const ATTACHMENTS: ReadonlyArray<PasskeyConfig['authenticator_attachment']> = ['platform', 'cross-platform', 'any'];
export const REQUIREMENTS: ReadonlyArray<PasskeyConfig['user_verification']> = ['required', 'preferred', 'discouraged'];
/** How long a browser may take (Twilio's example options say 600000 ms); a challenge expires with it. */
export const TIMEOUT_MS = 600_000;

/** The relying party id: a domain browsers accept (no scheme, port or path), lower case. */
export function checkRpId(id: unknown, name: string): string {
  if (typeof id !== 'string' || !id) throw E.relyingPartyIdInvalid(`${name} is required: the site's domain, e.g. example.com (no scheme, port or path).`);
  try {
    // The same domain binds the service's SMS codes: it must be one browsers read there.
    formatOtpSms({ code: '123456', host: id });
  } catch (error) {
    throw E.relyingPartyIdInvalid(`${name} must be the site's domain, e.g. example.com (no scheme, port or path): ${error instanceof Error ? error.message : error}`);
  }
  return id.toLowerCase();
}

/** An origin a passkey may be used from; a bare host means its https origin (the description's example of the Service setting lists hosts). */
function checkOrigin(value: string, name: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.origin !== text.replace(/\/$/, '')) {
    throw E.relyingPartyInvalid(`${name} must list origins such as https://example.com (scheme, host and port only); ${JSON.stringify(value.slice(0, 100))} is not one.`);
  }
  return url.origin;
}

export function checkOrigins(values: unknown, name: string): string[] {
  if (!Array.isArray(values) || !values.length || !values.every(v => typeof v === 'string' && v)) {
    throw E.relyingPartyInvalid(`${name} must list at least one origin, e.g. ["https://example.com"].`);
  }
  return values.map((v: string) => checkOrigin(v, name));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  const found = allowed.find(a => a === value);
  if (!found) throw E.invalidParam(`${name} must be one of ${allowed.join(', ')}.`);
  return found;
}

/** The Service's `Passkeys.*` form parameters over `current` (an empty value clears a setting). */
export function readServicePasskeys(get: (key: string) => string | undefined, current: Pick<ServiceRow, 'relying_party_id' | 'passkeys'>): Pick<ServiceRow, 'relying_party_id' | 'passkeys'> {
  const was = current.passkeys ?? { relying_party_name: null, relying_party_origins: null, authenticator_attachment: null, discoverable_credentials: null, user_verification: null };
  const setting = <T>(key: string, fallback: T, read: (value: string) => T): T => {
    const value = get(key);
    return value === undefined ? fallback : value === '' ? (null as T) : read(value);
  };
  const passkeys: PasskeySettings = {
    relying_party_name: setting('Passkeys.RelyingParty.Name', was.relying_party_name, v => v),
    relying_party_origins: setting('Passkeys.RelyingParty.Origins', was.relying_party_origins, v => checkOrigins(v.split(',').map(o => o.trim()), 'Passkeys.RelyingParty.Origins')),
    authenticator_attachment: setting('Passkeys.AuthenticatorAttachment', was.authenticator_attachment, v => oneOf(v, ATTACHMENTS, 'Passkeys.AuthenticatorAttachment')),
    discoverable_credentials: setting('Passkeys.DiscoverableCredentials', was.discoverable_credentials, v => oneOf(v, REQUIREMENTS, 'Passkeys.DiscoverableCredentials')),
    user_verification: setting('Passkeys.UserVerification', was.user_verification, v => oneOf(v, REQUIREMENTS, 'Passkeys.UserVerification')),
  };
  const relyingPartyId = setting('Passkeys.RelyingParty.Id', current.relying_party_id ?? null, v => checkRpId(v, 'Passkeys.RelyingParty.Id'));
  return { relying_party_id: relyingPartyId, passkeys };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A factor's `config` (the JSON body's), each field over the Service's setting. Missing relying
 * party fields answer 60371/60372, missing authenticator criteria 60393 (listing them).
 */
export function resolveConfig(config: unknown, service: ServiceRow): PasskeyConfig {
  if (config !== undefined && !isRecord(config)) throw E.invalidParam('config must be a JSON object.');
  const rp = config?.relying_party;
  if (rp !== undefined && !isRecord(rp)) throw E.relyingPartyInvalid('config.relying_party must be an object {"id", "name", "origins"}.');
  const settings = service.passkeys;
  const id = rp?.id ?? service.relying_party_id ?? undefined;
  const name = rp?.name ?? settings?.relying_party_name ?? undefined;
  const origins = rp?.origins ?? settings?.relying_party_origins ?? undefined;
  if (typeof name !== 'string' || !name) throw E.relyingPartyInvalid('The relying party needs a name (config.relying_party.name, or the Service\'s Passkeys.RelyingParty.Name): the site name authenticators show.');
  const criteria = {
    authenticator_attachment: config?.authenticator_attachment ?? settings?.authenticator_attachment ?? undefined,
    discoverable_credentials: config?.discoverable_credentials ?? settings?.discoverable_credentials ?? undefined,
    user_verification: config?.user_verification ?? settings?.user_verification ?? undefined,
  };
  const missing = Object.entries(criteria).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length) {
    throw E.authenticatorCriteriaMissing(`Authenticator criteria are missing: ${missing.join(', ')}. Send them in config, or set the Service's Passkeys.AuthenticatorAttachment, Passkeys.DiscoverableCredentials and Passkeys.UserVerification.`);
  }
  return {
    relying_party: { id: checkRpId(id, 'config.relying_party.id (or the Service\'s Passkeys.RelyingParty.Id)'), name, origins: checkOrigins(origins, 'config.relying_party.origins (or the Service\'s Passkeys.RelyingParty.Origins)') },
    authenticator_attachment: oneOf(criteria.authenticator_attachment, ATTACHMENTS, 'config.authenticator_attachment'),
    discoverable_credentials: oneOf(criteria.discoverable_credentials, REQUIREMENTS, 'config.discoverable_credentials'),
    user_verification: oneOf(criteria.user_verification, REQUIREMENTS, 'config.user_verification'),
  };
}

/** What a sign-in is held to. */
export interface SignInParty {
  rpId: string;
  origins: string[];
  userVerification: PasskeyConfig['user_verification'];
}

/** The Service's relying party, for a discoverable sign-in (60372, 60371 when it has none). */
export const serviceParty = (service: ServiceRow): SignInParty => ({
  rpId: checkRpId(service.relying_party_id, 'A sign-in without identity takes the Service\'s Passkeys.RelyingParty.Id, which'),
  origins: checkOrigins(service.passkeys?.relying_party_origins, 'A sign-in without identity takes the Service\'s Passkeys.RelyingParty.Origins, which'),
  userVerification: service.passkeys?.user_verification ?? 'preferred',
});

/**
 * A challenge for `sid` (a factor's registration, or a passkeys challenge): the SID's bytes, as in
 * Twilio's examples (their challenges decode to a SID), then 32 random bytes, so the answer names
 * what it answers and cannot be guessed.
 */
export const newChallenge = (sid: string): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(34 + 32);
  bytes.set(utf8(sid));
  bytes.set(randomBytes(32), 34);
  return bytes;
};

/** The SID a challenge (base64url) was issued for, or null when it is none of this emulator's. */
export function sidOfChallenge(challenge: string, prefix: typeof SID_PREFIX.factor | typeof SID_PREFIX.challenge): string | null {
  const bytes = fromBase64(challenge);
  const sid = bytes && bytes.length === 66 ? new TextDecoder().decode(bytes.subarray(0, 34)) : '';
  return isSid(prefix, sid) ? sid : null;
}

/** The options of navigator.credentials.create() for a new factor. */
export const registrationOptions = ({ config, challenge, entitySid, friendlyName, exclude }: {
  config: PasskeyConfig; challenge: Uint8Array<ArrayBuffer>; entitySid: string; friendlyName: string; exclude: PasskeyCredential[];
}): Promise<PublicKeyCredentialCreationOptionsJSON> => generateRegistrationOptions({
  rpName: config.relying_party.name,
  rpID: config.relying_party.id,
  // The user handle is the entity SID, as in Twilio's examples: a discoverable sign-in names the entity by it.
  userID: utf8(entitySid),
  userName: friendlyName,
  userDisplayName: friendlyName,
  challenge,
  timeout: TIMEOUT_MS,
  attestationType: 'none',
  excludeCredentials: exclude.map(c => ({ id: c.id, transports: transportsOf(c) })),
  authenticatorSelection: {
    ...(config.authenticator_attachment === 'any' ? {} : { authenticatorAttachment: config.authenticator_attachment }),
    residentKey: config.discoverable_credentials,
    userVerification: config.user_verification,
  },
  // ES256, the one algorithm of Twilio's example options.
  supportedAlgorithmIDs: [-7],
});

type Transports = NonNullable<PublicKeyCredentialRequestOptionsJSON['allowCredentials']>[number]['transports'];
const transportsOf = (c: PasskeyCredential) => c.transports as Transports;

/** The options of navigator.credentials.get(): `allow` empty for a discoverable sign-in. */
export const authenticationOptions = ({ rpId, challenge, allow, userVerification }: {
  rpId: string; challenge: Uint8Array<ArrayBuffer>; allow: PasskeyCredential[]; userVerification: PasskeyConfig['user_verification'];
}): Promise<PublicKeyCredentialRequestOptionsJSON> => generateAuthenticationOptions({
  rpID: rpId,
  challenge,
  timeout: TIMEOUT_MS,
  allowCredentials: allow.map(c => ({ id: c.id, transports: transportsOf(c) })),
  userVerification,
});

/** What the library's message says failed, for the error that names it. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}

/** The parts of a credential response, each checked (60376, 60380, 60386, 60379, 60381) before the library reads them; returns the client data's challenge. */
export function checkCredentialResponse(body: Record<string, unknown>, expectedType: 'webauthn.create' | 'webauthn.get'): string {
  const { id, rawId, response } = body;
  if (typeof rawId !== 'string' || !rawId || !fromBase64(rawId) || (id !== undefined && id !== rawId)) {
    throw E.invalidRawId('rawId must be the base64url credential id the browser returned, and id the same value. Send the credential\'s toJSON() as it is.');
  }
  if (!isRecord(response)) throw E.clientDataInvalid('response is required: the credential\'s response object (its toJSON()).');
  const bytes = typeof response.clientDataJSON === 'string' ? fromBase64(response.clientDataJSON) : null;
  let clientData: unknown = null;
  try {
    clientData = bytes && JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // reported below
  }
  if (!isRecord(clientData) || typeof clientData.challenge !== 'string') {
    throw E.clientDataInvalid('response.clientDataJSON must be the base64url client data of the browser, with its challenge.');
  }
  if (clientData.type !== expectedType) {
    throw E.clientDataInvalid(`response.clientDataJSON is of a ${String(clientData.type)} ceremony; this operation takes the result of navigator.credentials.${expectedType === 'webauthn.create' ? 'create' : 'get'}().`);
  }
  const present = (field: string) => typeof response[field] === 'string' && fromBase64(response[field]) !== null;
  if (expectedType === 'webauthn.create' && !present('attestationObject')) {
    throw E.attestationObjectInvalid('response.attestationObject must be the base64url attestation object the browser returned.');
  }
  if (expectedType === 'webauthn.get' && !present('authenticatorData')) {
    throw E.authenticatorDataInvalid('response.authenticatorData must be the base64url authenticator data the browser returned.');
  }
  if (expectedType === 'webauthn.get' && !present('signature')) {
    throw E.passkeySignatureInvalid('response.signature must be the base64url assertion signature the browser returned.');
  }
  return clientData.challenge;
}

/** Verifies an attestation (`none`, or any format the library knows) against the factor's registration. */
export async function verifyRegistration(body: Record<string, unknown>, config: PasskeyConfig, challenge: string): Promise<PasskeyCredential> {
  let result;
  try {
    result = await verifyRegistrationResponse({
      response: { type: 'public-key', clientExtensionResults: {}, ...body } as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: config.relying_party.origins,
      expectedRPID: config.relying_party.id,
      requireUserVerification: config.user_verification === 'required',
    });
  } catch (error) {
    throw E.verificationFailed(`The passkey registration does not verify: ${reasonOf(error)}`);
  }
  if (!result.verified) throw E.verificationFailed('The passkey registration does not verify.');
  const { credential } = result.registrationInfo;
  return { id: credential.id, public_key: toBase64Url(credential.publicKey), counter: credential.counter, transports: credential.transports ?? [] };
}

/** A sign counter that did not grow: two authenticators hold the key (a cloned authenticator). */
const CLONED = /counter/i;

/**
 * Verifies an assertion against the stored credential; returns the new sign counter. A counter
 * that does not grow is refused as a cloned authenticator (60324, saying so), a bad signature 60381.
 */
export async function verifyAssertion(body: Record<string, unknown>, { credential, rpId, origins, userVerification, challenge }: {
  credential: PasskeyCredential; rpId: string; origins: string[]; userVerification: PasskeyConfig['user_verification']; challenge: string;
}): Promise<number> {
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: { type: 'public-key', clientExtensionResults: {}, ...body } as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: origins,
      expectedRPID: rpId,
      credential: { id: credential.id, publicKey: fromBase64(credential.public_key) ?? new Uint8Array(), counter: credential.counter, transports: transportsOf(credential) },
      requireUserVerification: userVerification === 'required',
    });
  } catch (error) {
    if (CLONED.test(reasonOf(error))) {
      throw E.badChallengeSignature(`The authenticator's sign counter did not grow (stored ${credential.counter}): the passkey may have been cloned, so the sign-in is refused. Remove this passkey and register a new one.`);
    }
    if (/signature/i.test(reasonOf(error))) throw E.passkeySignatureInvalid(`response.signature does not verify: ${reasonOf(error)}`);
    throw E.badChallengeSignature(`The passkey assertion does not verify: ${reasonOf(error)}`);
  }
  if (!result.verified) throw E.passkeySignatureInvalid('response.signature does not verify with the passkey\'s public key.');
  return result.authenticationInfo.newCounter;
}
