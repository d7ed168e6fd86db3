import { rawToDer } from './der.js';
import { AUTHENTICATION_TOKEN_ERROR, KEY_STORAGE_ERROR } from '../protocol/codes.js';
import { VerifyError } from './errors.js';
import { DEVICE_JWT_CTY, type DeviceJwtClaims, type DeviceJwtHeader } from '../protocol/wire.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Standard base64 with padding. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** base64url without padding (RFC 7515), over bytes or the UTF-8 of a string. */
export const base64url = (data: Uint8Array | string) =>
  base64(typeof data === 'string' ? utf8(data) : data).replace(/[+/=]/g, c => (c === '+' ? '-' : c === '/' ? '_' : ''));

/** ECDSA P-256 / SHA-256 over the UTF-8 of `text`; a key that cannot sign is a VerifyError with `code`. */
async function sign(key: CryptoKey, text: string, code = KEY_STORAGE_ERROR): Promise<Uint8Array> {
  try {
    return new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, utf8(text)));
  } catch (error) {
    throw new VerifyError(code, `This factor's key could not sign (${(error as Error).name}). Remove the factor and enroll again.`);
  }
}

/** A compact ES256 JWS: the signature is WebCrypto's raw `r||s`, as RFC 7518 wants. */
export async function signJwt(key: CryptoKey, header: object, payload: object, code?: number): Promise<string> {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(await sign(key, input, code))}`;
}

/** The device JWT for every call after factor creation; `now` in seconds, valid ten minutes. */
export function deviceJwt(key: CryptoKey, credentialSid: string, accountSid: string, now: number): Promise<string> {
  const header: DeviceJwtHeader = { cty: DEVICE_JWT_CTY, kid: credentialSid, typ: 'JWT', alg: 'ES256' };
  const claims: DeviceJwtClaims = { sub: accountSid, exp: now + 600, nbf: now };
  return signJwt(key, header, claims, AUTHENTICATION_TOKEN_ERROR);
}

/**
 * The approve/deny `AuthPayload`: the named fields copied verbatim from the fetched challenge
 * JSON, then the new status.
 */
export function challengeJwt(key: CryptoKey, challenge: Record<string, unknown>, fields: string[], status: 'approved' | 'denied') {
  const payload: Record<string, unknown> = {};
  for (const field of fields) payload[field] = challenge[field];
  payload.status = status;
  return signJwt(key, { typ: 'JWT', alg: 'ES256' }, payload);
}

/** The factor verification `AuthPayload`: base64 of the DER signature over the factor SID (not a JWT). */
export const factorProof = async (key: CryptoKey, factorSid: string) => base64(rawToDer(await sign(key, factorSid)));
