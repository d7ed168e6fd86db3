// A software WebAuthn authenticator, for tests that register and sign in with passkeys without a
// browser: a WebCrypto P-256 key, authenticator data built as the WebAuthn spec lays it out, `none`
// attestation CBOR-encoded by @simplewebauthn/server's own CBOR helper, and the client data a
// browser would write. It answers what navigator.credentials.create()/get() answer, in their
// toJSON() form (RegistrationResponseJSON, AuthenticationResponseJSON); the `tamper` options make
// it answer the way a broken, foreign or cloned authenticator would.
import type {
  AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { rawToDer } from '../device.js';

const { subtle } = globalThis.crypto;
const b64url = (bytes: Uint8Array | ArrayBuffer | string) => Buffer.from(typeof bytes === 'string' ? bytes : new Uint8Array(bytes)).toString('base64url');
const sha256 = async (data: BufferSource) => new Uint8Array(await subtle.digest('SHA-256', data));
const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Authenticator data flags (WebAuthn §6.1). */
const USER_PRESENT = 0x01;
const USER_VERIFIED = 0x04;
const ATTESTED_CREDENTIAL = 0x40;

/** A passkey the authenticator holds. */
export interface Passkey {
  /** The credential id (base64url), as `rawId` carries it. */
  id: string;
  keys: CryptoKeyPair;
  rpId: string;
  /** The user handle of the creation options (base64url): the entity SID's bytes, for Verify. */
  userHandle: string;
  /** The sign counter the next assertion reports (it grows by one per assertion). */
  counter: number;
}

/** What a ceremony may be told to do wrong, as a foreign page, a broken or a cloned authenticator would. */
export interface Tamper {
  /** The page's origin the browser writes into the client data. */
  origin?: string;
  /** The RP id whose hash goes into the authenticator data (the options' by default). */
  rpId?: string;
  /** The challenge the client data carries (the options' by default). */
  challenge?: string;
  /** The sign counter reported instead of the passkey's next one (a cloned authenticator's lags). */
  counter?: number;
  /** Sign other bytes than the ones sent. */
  badSignature?: boolean;
  /** Report the user as verified (default true). */
  userVerified?: boolean;
}

function authenticatorData(rpIdHash: Uint8Array, flags: number, counter: number, attested?: Uint8Array): Uint8Array {
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, counter);
  return concat(rpIdHash, Uint8Array.of(flags), count, attested ?? new Uint8Array());
}

const flagsOf = (tamper: Tamper) => USER_PRESENT | (tamper.userVerified === false ? 0 : USER_VERIFIED);

/** The COSE_Key (RFC 9053) of a P-256 public key: kty EC2, alg ES256, crv P-256, x, y. */
async function coseKey(publicKey: CryptoKey): Promise<Uint8Array> {
  const raw = new Uint8Array(await subtle.exportKey('raw', publicKey));
  return isoCBOR.encode(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, raw.slice(1, 33)], [-3, raw.slice(33, 65)]]));
}

const clientData = (type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) =>
  new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

/**
 * navigator.credentials.create() on a page at `origin`: a new passkey for the options' relying party,
 * and the response as its toJSON() gives it.
 */
export async function register(options: PublicKeyCredentialCreationOptionsJSON, origin: string, tamper: Tamper = {}): Promise<{ passkey: Passkey; response: RegistrationResponseJSON }> {
  const rpId = options.rp.id ?? new URL(origin).hostname;
  const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const credentialId = crypto.getRandomValues(new Uint8Array(32));
  const idLength = Uint8Array.of(0, credentialId.length);
  const attested = concat(new Uint8Array(16), idLength, credentialId, await coseKey(keys.publicKey));
  const data = authenticatorData(await sha256(new TextEncoder().encode(tamper.rpId ?? rpId)), flagsOf(tamper) | ATTESTED_CREDENTIAL, tamper.counter ?? 0, attested);
  const attestationObject = isoCBOR.encode(new Map<string, string | Map<number, number> | Uint8Array>([['fmt', 'none'], ['attStmt', new Map<number, number>()], ['authData', data]]));
  const id = b64url(credentialId);
  const passkey: Passkey = { id, keys, rpId, userHandle: options.user.id, counter: (tamper.counter ?? 0) + 1 };
  return {
    passkey,
    response: {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        attestationObject: b64url(attestationObject),
        clientDataJSON: b64url(clientData('webauthn.create', tamper.challenge ?? options.challenge, tamper.origin ?? origin)),
        transports: ['internal'],
      },
    },
  };
}

/** navigator.credentials.get() on a page at `origin` with `passkey`: the assertion as its toJSON() gives it. */
export async function signIn(passkey: Passkey, options: PublicKeyCredentialRequestOptionsJSON, origin: string, tamper: Tamper = {}): Promise<AuthenticationResponseJSON> {
  const counter = tamper.counter ?? passkey.counter;
  if (tamper.counter === undefined) passkey.counter += 1;
  const data = authenticatorData(await sha256(new TextEncoder().encode(tamper.rpId ?? options.rpId ?? passkey.rpId)), flagsOf(tamper), counter);
  const client = clientData('webauthn.get', tamper.challenge ?? options.challenge, tamper.origin ?? origin);
  const signed = concat(data, await sha256(client));
  if (tamper.badSignature) signed[0] ^= 0xff;
  const signature = rawToDer(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, passkey.keys.privateKey, signed));
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response: { authenticatorData: b64url(data), clientDataJSON: b64url(client), signature: b64url(signature), userHandle: passkey.userHandle },
  };
}
