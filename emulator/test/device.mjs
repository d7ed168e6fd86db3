// A device as the official SDKs behave on the wire (docs/protocol.md, "Device JWT" and "Signing an answer"), in WebCrypto.
const { subtle } = globalThis.crypto;
const b64 = (/** @type {ArrayBuffer | Uint8Array} */ bytes) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');
const b64url = (/** @type {ArrayBuffer | Uint8Array | string} */ data) => Buffer.from(typeof data === 'string' ? data : new Uint8Array(data)).toString('base64url');

/**
 * WebCrypto's raw `r||s` ECDSA signature as DER `SEQUENCE { INTEGER r, INTEGER s }`.
 * @param {ArrayBuffer} raw
 */
export function rawToDer(raw) {
  const bytes = new Uint8Array(raw);
  const int = (/** @type {Uint8Array} */ part) => {
    let i = 0;
    while (i < part.length - 1 && part[i] === 0 && part[i + 1] < 0x80) i++;
    const trimmed = part.slice(i);
    const body = trimmed[0] >= 0x80 ? [0, ...trimmed] : [...trimmed];
    return [0x02, body.length, ...body];
  };
  const seq = [...int(bytes.slice(0, 32)), ...int(bytes.slice(32))];
  return new Uint8Array([0x30, seq.length, ...seq]);
}

/** A new P-256 key pair (private key non-extractable) and its `Binding.PublicKey`. */
export async function createDevice() {
  const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { keys, publicKey: b64(await subtle.exportKey('spki', keys.publicKey)) };
}

/** @param {CryptoKey} privateKey @param {string} data */
const sign = (privateKey, data) => subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(data));

/**
 * The factor verification `AuthPayload`: base64 DER signature of the factor SID.
 * @param {CryptoKey} privateKey
 * @param {string} factorSid
 */
export const factorProof = async (privateKey, factorSid) => b64(rawToDer(await sign(privateKey, factorSid)));

/**
 * @param {CryptoKey} privateKey
 * @param {Record<string, unknown>} header
 * @param {Record<string, unknown>} payload
 */
export async function signJwt(privateKey, header, payload) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(await sign(privateKey, input))}`;
}

/**
 * The device JWT of every call after enrollment.
 * @param {CryptoKey} privateKey
 * @param {{ credentialSid: string, accountSid: string, now?: number, exp?: number }} claims `now` in seconds
 */
export function deviceJwt(privateKey, { credentialSid, accountSid, now = Math.floor(Date.now() / 1000), exp = now + 600 }) {
  return signJwt(privateKey, { cty: 'twilio-pba;v=1', kid: credentialSid, typ: 'JWT', alg: 'ES256' }, { sub: accountSid, exp, nbf: now });
}

/**
 * The approve/deny `AuthPayload`: the signature fields copied from the fetched challenge, plus status.
 * @param {CryptoKey} privateKey
 * @param {Record<string, unknown>} challenge the fetched JSON
 * @param {string} fieldsHeader `Twilio-Verify-Signature-Fields`
 * @param {'approved' | 'denied'} status
 */
export function answerJwt(privateKey, challenge, fieldsHeader, status) {
  const payload = Object.fromEntries(fieldsHeader.split(',').map(f => [f, challenge[f]]));
  return signJwt(privateKey, { typ: 'JWT', alg: 'ES256' }, { ...payload, status });
}

/** `Authorization` for a device call. @param {string} token */
export const tokenAuth = token => `Basic ${Buffer.from(`token:${token}`).toString('base64')}`;
