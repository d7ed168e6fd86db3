import { createPublicKey, verify } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, jwtVerify } from 'jose';

/** Seconds of clock difference tolerated on a device JWT's `nbf` and `exp`. */
export const JWT_LEEWAY_SECONDS = 30;

/** @type {Map<string, import('node:crypto').KeyObject>} parsed keys by their base64 SPKI */
const keys = new Map();

/**
 * Imports `Binding.PublicKey`: standard base64 of a DER SubjectPublicKeyInfo of a P-256 key.
 * @param {string} spkiBase64
 * @returns {import('node:crypto').KeyObject | null} null when it is not such a key
 */
export function importPublicKey(spkiBase64) {
  const cached = keys.get(spkiBase64);
  if (cached) return cached;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(spkiBase64)) return null;
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return null;
  keys.set(spkiBase64, key);
  return key;
}

/**
 * Checks a factor proof: base64 of a DER ECDSA-SHA256 signature over the UTF-8 factor SID.
 * @param {import('node:crypto').KeyObject} key
 * @param {string} factorSid
 * @param {string} authPayload
 */
export function verifyFactorProof(key, factorSid, authPayload) {
  try {
    return verify('sha256', Buffer.from(factorSid, 'utf8'), { key, dsaEncoding: 'der' }, Buffer.from(authPayload, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The `kid` of a compact JWS, or null when the token is not one.
 * @param {string} token
 */
export function jwtKid(token) {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

/** The content type every device JWT header carries (PROTOCOL.md "Keys and signatures"). */
const DEVICE_JWT_CTY = 'twilio-pba;v=1';

/**
 * Verifies a device JWT (ES256, `cty`, `sub` = account SID, `nbf`/`exp` against the emulator clock).
 * @param {string} token
 * @param {import('node:crypto').KeyObject} key
 * @param {{ accountSid: string, now: number }} expected
 * @returns {Promise<string | null>} null when valid, else why it is not
 */
export async function verifyDeviceJwt(token, key, { accountSid, now }) {
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
    return /** @type {Error} */ (err).message;
  }
}

/**
 * Verifies a challenge answer JWT over the received `header.payload` bytes and decodes its payload.
 * @param {string} token
 * @param {import('node:crypto').KeyObject} key
 * @returns {Promise<Record<string, unknown> | null>} the payload, or null when the signature is invalid
 */
export async function verifyAnswerJwt(token, key) {
  try {
    const { payload } = await compactVerify(token, key, { algorithms: ['ES256'] });
    const claims = JSON.parse(new TextDecoder().decode(payload));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}
