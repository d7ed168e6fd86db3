import { compactVerify, decodeProtectedHeader, jwtVerify } from 'jose';
import { DEVICE_JWT_CTY } from 'verify-elements/protocol';
import { fromBase64, utf8 } from './bytes.js';

/** Seconds of clock difference tolerated on a device JWT's `nbf` and `exp`. */
export const JWT_LEEWAY_SECONDS = 30;

const P256 = { name: 'ECDSA', namedCurve: 'P-256' };

/** Imported keys by their base64 SPKI. */
const keys = new Map<string, CryptoKey>();

/**
 * Imports `Binding.PublicKey`: standard base64 of a DER SubjectPublicKeyInfo of a P-256 key.
 * @returns null when it is not such a key
 */
export async function importPublicKey(spkiBase64: string): Promise<CryptoKey | null> {
  const cached = keys.get(spkiBase64);
  if (cached) return cached;
  const der = /^[A-Za-z0-9+/]+={0,2}$/.test(spkiBase64) && fromBase64(spkiBase64);
  if (!der) return null;
  let key;
  try {
    // WebCrypto refuses any other key type or curve.
    key = await crypto.subtle.importKey('spki', der, P256, false, ['verify']);
  } catch {
    return null;
  }
  keys.set(spkiBase64, key);
  return key;
}

/**
 * A DER `ECDSA-Sig-Value` (SEQUENCE of INTEGER r and s) as WebCrypto's raw `r||s` for P-256. Only
 * strict DER passes (positive, minimal integers, nothing after them), as OpenSSL verifies it.
 */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] >= 0x80 || der[1] !== der.length - 2) return null;
  const raw = new Uint8Array(64);
  let at = 2;
  for (const offset of [0, 32]) {
    const length = der[at + 1];
    const start = at + 2;
    if (der[at] !== 0x02 || !length || start + length > der.length || der[start] & 0x80) return null;
    if (length > 1 && der[start] === 0 && !(der[start + 1] & 0x80)) return null;
    const value = der.subarray(der[start] === 0 ? start + 1 : start, start + length);
    if (value.length > 32) return null;
    raw.set(value, offset + 32 - value.length);
    at = start + length;
  }
  return at === der.length ? raw : null;
}

/** Checks a factor proof: base64 of a DER ECDSA-SHA256 signature over the UTF-8 factor SID. */
export async function verifyFactorProof(key: CryptoKey, factorSid: string, authPayload: string): Promise<boolean> {
  const der = fromBase64(authPayload);
  const signature = der && derToRaw(der);
  if (!signature) return false;
  try {
    return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, utf8(factorSid));
  } catch {
    return false;
  }
}

/** The `kid` of a compact JWS, or null when the token is not one. */
export function jwtKid(token: string): string | null {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a device JWT (ES256, `cty`, `sub` = account SID, `nbf`/`exp` against the emulator clock).
 * @returns null when valid, else why it is not
 */
export async function verifyDeviceJwt(token: string, key: CryptoKey, { accountSid, now }: { accountSid: string; now: number }): Promise<string | null> {
  try {
    const { protectedHeader } = await jwtVerify(token, key, {
      algorithms: ['ES256'],
      subject: accountSid,
      requiredClaims: ['exp', 'nbf'],
      clockTolerance: JWT_LEEWAY_SECONDS,
      currentDate: new Date(now),
    });
    return protectedHeader.cty === DEVICE_JWT_CTY ? null : `its header must have "cty": "${DEVICE_JWT_CTY}"`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Verifies a challenge answer JWT over the received `header.payload` bytes and decodes its payload.
 * @returns the payload (a JSON object, not yet checked against `AnswerJwtClaims`), or null when the signature is invalid
 */
export async function verifyAnswerJwt(token: string, key: CryptoKey): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await compactVerify(token, key, { algorithms: ['ES256'] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? Object.fromEntries(Object.entries(claims)) : null;
  } catch {
    return null;
  }
}
