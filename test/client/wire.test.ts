import { expect } from '@open-wc/testing';
import { rawToDer } from '../../src/client/der.js';
import { base64, base64url, challengeJwt, deviceJwt, factorProof } from '../../src/client/jwt.js';

const ES256 = { name: 'ECDSA', hash: 'SHA-256' };
const keyPair = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
const bytes = (b64: string) => Uint8Array.from(atob(b64), c => c.charCodeAt(0));
const fromUrl = (b64url: string) => bytes(b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4));
const json = (part: string) => JSON.parse(new TextDecoder().decode(fromUrl(part)));

/** DER `SEQUENCE { INTEGER r, INTEGER s }` back to raw r||s, checking the encoding on the way. */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> {
  expect(der[0]).to.equal(0x30);
  expect(der[1]).to.equal(der.length - 2);
  const raw = new Uint8Array(64);
  let at = 2;
  for (const half of [0, 32]) {
    expect(der[at]).to.equal(0x02);
    const length = der[at + 1];
    const value = der.subarray(at + 2, at + 2 + length);
    // Minimal: no leading 0x00 unless the next byte has its top bit set.
    if (value.length > 1 && value[0] === 0) expect(value[1] & 0x80).to.equal(0x80);
    expect(value[0] & 0x80).to.equal(0);
    const trimmed = value[0] === 0 && value.length > 1 ? value.subarray(1) : value;
    raw.set(trimmed, half + 32 - trimmed.length);
    at += 2 + length;
  }
  expect(at).to.equal(der.length);
  return raw;
}

async function verifyJws(publicKey: CryptoKey, jwt: string) {
  const [header, payload, signature] = jwt.split('.');
  return crypto.subtle.verify(ES256, publicKey, fromUrl(signature), new TextEncoder().encode(`${header}.${payload}`));
}

describe('client wire format', () => {
  describe('rawToDer', () => {
    it('encodes small values minimally and pads values with the top bit set', () => {
      const raw = new Uint8Array(64);
      raw[31] = 0x05; // r = 5
      raw[32] = 0x80; // s has its top bit set
      raw[63] = 0x01;
      const der = rawToDer(raw);
      expect([...der.subarray(0, 5)]).to.deep.equal([0x30, der.length - 2, 0x02, 0x01, 0x05]);
      expect([...der.subarray(5, 9)]).to.deep.equal([0x02, 0x21, 0x00, 0x80]);
      expect(der.length).to.equal(2 + 3 + 2 + 33);
      expect([...derToRaw(der)]).to.deep.equal([...raw]);
    });

    it('keeps one zero byte for a zero integer', () => {
      expect([...rawToDer(new Uint8Array(64))]).to.deep.equal([0x30, 6, 0x02, 1, 0, 0x02, 1, 0]);
    });

    it('round-trips real WebCrypto signatures', async () => {
      const { privateKey } = await keyPair();
      for (let i = 0; i < 20; i++) {
        const raw = new Uint8Array(await crypto.subtle.sign(ES256, privateKey, new Uint8Array([i])));
        expect([...derToRaw(rawToDer(raw))]).to.deep.equal([...raw]);
      }
    });
  });

  it('base64 pads; base64url has no padding and uses - and _ over UTF-8', () => {
    expect(base64(new Uint8Array([0xfb, 0xff]))).to.equal('+/8=');
    expect(base64url(new Uint8Array([0xfb, 0xff]))).to.equal('-_8');
    expect(base64url('é')).to.equal('w6k');
  });

  it('signs the device JWT with cty, kid, typ, alg and sub, exp = nbf + 600, no iat', async () => {
    const { privateKey, publicKey } = await keyPair();
    const jwt = await deviceJwt(privateKey, 'CR0123', 'AC0456', 1_800_000_000);
    const [header, payload, signature] = jwt.split('.');
    expect(json(header)).to.deep.equal({ cty: 'twilio-pba;v=1', kid: 'CR0123', typ: 'JWT', alg: 'ES256' });
    expect(json(payload)).to.deep.equal({ sub: 'AC0456', exp: 1_800_000_600, nbf: 1_800_000_000 });
    expect(fromUrl(signature).length).to.equal(64);
    expect(jwt).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await verifyJws(publicKey, jwt)).to.equal(true);
  });

  it('signs the challenge JWT over the named fields, verbatim, then the status', async () => {
    const { privateKey, publicKey } = await keyPair();
    const challenge = {
      sid: 'YC1',
      factor_sid: 'YF1',
      details: { message: 'Sign in? <img src=x onerror=alert(1)> \u202e 🦊', fields: [{ label: 'IP', value: '127.0.0.1' }] },
      hidden_details: { ip: '::1' },
      date_created: '2026-11-21T10:00:00Z',
      status: 'pending',
      not_signed: 'x',
    };
    const jwt = await challengeJwt(privateKey, challenge, ['sid', 'details', 'hidden_details', 'date_created', 'status'], 'denied');
    const [header, payload] = jwt.split('.');
    expect(json(header)).to.deep.equal({ typ: 'JWT', alg: 'ES256' });
    const decoded = json(payload);
    expect(decoded).to.deep.equal({ sid: 'YC1', details: challenge.details, hidden_details: { ip: '::1' }, date_created: '2026-11-21T10:00:00Z', status: 'denied' });
    expect(await verifyJws(publicKey, jwt)).to.equal(true);
  });

  it('proves the factor with a base64 DER signature over the factor SID', async () => {
    const { privateKey, publicKey } = await keyPair();
    const proof = await factorProof(privateKey, 'YF0123456789abcdef0123456789abcdef');
    expect(proof).to.match(/^[A-Za-z0-9+/]+=*$/);
    const raw = derToRaw(bytes(proof));
    expect(await crypto.subtle.verify(ES256, publicKey, raw, new TextEncoder().encode('YF0123456789abcdef0123456789abcdef'))).to.equal(true);
  });

  it('exports the public key as SPKI with the P-256 prefix the API expects', async () => {
    const { publicKey } = await keyPair();
    expect(base64(new Uint8Array(await crypto.subtle.exportKey('spki', publicKey)))).to.match(/^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/);
  });
});
