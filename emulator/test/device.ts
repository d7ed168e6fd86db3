// A device as the official SDKs behave on the wire (docs/protocol.md, "Device JWT" and "Signing an answer"), in WebCrypto.
const { subtle } = globalThis.crypto;
const b64 = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');
const b64url = (data: ArrayBuffer | Uint8Array | string) => Buffer.from(typeof data === 'string' ? data : new Uint8Array(data)).toString('base64url');

/** WebCrypto's raw `r||s` ECDSA signature as DER `SEQUENCE { INTEGER r, INTEGER s }`. */
export function rawToDer(raw: ArrayBuffer): Uint8Array {
  const bytes = new Uint8Array(raw);
  const int = (part: Uint8Array): number[] => {
    let i = 0;
    while (i < part.length - 1 && part[i] === 0 && part[i + 1] < 0x80) i++;
    const trimmed = part.slice(i);
    const body = trimmed[0] >= 0x80 ? [0, ...trimmed] : [...trimmed];
    return [0x02, body.length, ...body];
  };
  const seq = [...int(bytes.slice(0, 32)), ...int(bytes.slice(32))];
  return new Uint8Array([0x30, seq.length, ...seq]);
}

export interface Device {
  keys: CryptoKeyPair;
  /** `Binding.PublicKey`: base64 SPKI. */
  publicKey: string;
}

/** A new P-256 key pair (private key non-extractable) and its `Binding.PublicKey`. */
export async function createDevice(): Promise<Device> {
  const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { keys, publicKey: b64(await subtle.exportKey('spki', keys.publicKey)) };
}

const sign = (privateKey: CryptoKey, data: string) => subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(data));

/** The factor verification `AuthPayload`: base64 DER signature of the factor SID. */
export const factorProof = async (privateKey: CryptoKey, factorSid: string) => b64(rawToDer(await sign(privateKey, factorSid)));

export async function signJwt(privateKey: CryptoKey, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(await sign(privateKey, input))}`;
}

/** The device JWT of every call after enrollment; `now` in seconds. */
export function deviceJwt(
  privateKey: CryptoKey,
  { credentialSid, accountSid, now = Math.floor(Date.now() / 1000), exp = now + 600 }: { credentialSid: string; accountSid: string; now?: number; exp?: number },
): Promise<string> {
  return signJwt(privateKey, { cty: 'twilio-pba;v=1', kid: credentialSid, typ: 'JWT', alg: 'ES256' }, { sub: accountSid, exp, nbf: now });
}

/**
 * The approve/deny `AuthPayload`: the signature fields copied from the fetched challenge, plus status.
 * @param challenge the fetched JSON
 * @param fieldsHeader `Twilio-Verify-Signature-Fields` (as `Headers.get` gives it: a missing header throws)
 */
export function answerJwt(privateKey: CryptoKey, challenge: object, fieldsHeader: string | null, status: 'approved' | 'denied'): Promise<string> {
  if (fieldsHeader === null) throw new TypeError('answerJwt: no Twilio-Verify-Signature-Fields header');
  const values = new Map<string, unknown>(Object.entries(challenge));
  const payload = Object.fromEntries(fieldsHeader.split(',').map(f => [f, values.get(f)]));
  return signJwt(privateKey, { typ: 'JWT', alg: 'ES256' }, { ...payload, status });
}

/** `Authorization` for a device call. */
export const tokenAuth = (token: string) => `Basic ${Buffer.from(`token:${token}`).toString('base64')}`;
