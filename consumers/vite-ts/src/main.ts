// Plain DOM in strict TypeScript: every tag's entry, the tags, their properties and their events typed
// by the kit's own declarations (HTMLElementTagNameMap, GlobalEventHandlersEventMap), with no cast.
import 'verify-elements/otp-input.js';
import 'verify-elements/verify-enroll.js';
import 'verify-elements/verify-challenge-prompt.js';
import 'verify-elements/verify-passkey.js';
import 'verify-elements/verify-totp-enroll.js';
import type {
  OtpCompleteEvent,
  TotpEnrollProvider,
  VerifyPasskeyErrorEvent,
  VerifyPasskeySignedInEvent,
  VerifyTotpEnrolledEvent,
  VerifyTotpErrorEvent,
} from 'verify-elements';

const section = document.querySelector<HTMLElement>('[data-flow]');
const field = section?.querySelector('otp-input');
const model = section?.querySelector('.model');
const completed = section?.querySelector('.completed');
if (!field || !model || !completed) throw new Error('index.html lost its <otp-input>, .model or .completed');

field.length = 6;
field.addEventListener('input', () => {
  model.textContent = field.value;
});
field.addEventListener('otp-complete', (event: OtpCompleteEvent) => {
  const { value, source } = event.detail;
  completed.textContent = value;
  completed.setAttribute('data-source', source);
});

// Push: <verify-enroll> and <verify-challenge-prompt> configured by their attributes; their events
// reach the document typed.
const answer = document.querySelector('.answer');
if (!answer) throw new Error('index.html lost its .answer');
document.addEventListener('verify-enrolled', event => {
  answer.textContent = `enrolled ${event.detail.factorSid}`;
});
document.addEventListener('verify-approved', event => {
  answer.textContent = `approved ${event.detail.challengeSid}`;
});

// Passkeys: the endpoints' URL as a property; the flow checks the first state (the sign-in button).
const passkey = document.querySelector('verify-passkey');
const passkeyAnswer = document.querySelector('.passkey-answer');
if (!passkey || !passkeyAnswer) throw new Error('index.html lost its <verify-passkey> or .passkey-answer');
passkey.url = '/api/passkeys';
passkey.addEventListener('verify-passkey-signed-in', (event: VerifyPasskeySignedInEvent) => {
  passkeyAnswer.textContent = `signed in ${event.detail.identity}`;
});
passkey.addEventListener('verify-passkey-error', (event: VerifyPasskeyErrorEvent) => {
  passkeyAnswer.textContent = `error ${event.detail.reason}`;
});

// An authenticator app, set up through a provider. Here the page plays the site's server (which would
// create the factor with Verify and check the code there): it makes a key and checks codes itself.
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const base32 = (bytes: Uint8Array) => {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    for (; bits >= 5; bits -= 5) out += BASE32.charAt((value >>> (bits - 5)) & 31);
  }
  return bits ? out + BASE32.charAt((value << (5 - bits)) & 31) : out;
};
/** RFC 6238 with SHA-1, 6 digits: the code for `step` (30-second steps since the epoch). */
async function totp(key: Uint8Array<ArrayBuffer>, step: number): Promise<string> {
  const counter = new DataView(new ArrayBuffer(8));
  counter.setUint32(0, Math.floor(step / 2 ** 32));
  counter.setUint32(4, step >>> 0);
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new DataView(await crypto.subtle.sign('HMAC', hmac, counter));
  const offset = mac.getUint8(19) & 15;
  return String((mac.getUint32(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const keys = new Map<string, Uint8Array<ArrayBuffer>>();
const provider: TotpEnrollProvider = {
  async start({ friendlyName }) {
    const key = crypto.getRandomValues(new Uint8Array(20));
    const factorSid = `YF${Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('')}`;
    keys.set(factorSid, key);
    const secret = base32(key);
    const label = encodeURIComponent(`Consumer app:${friendlyName ?? 'ada@example.com'}`);
    return { factorSid, secret, uri: `otpauth://totp/${label}?secret=${secret}&issuer=Consumer%20app&algorithm=SHA1&digits=6&period=30` };
  },
  async confirm({ factorSid, code }) {
    const key = keys.get(factorSid);
    if (!key) throw Object.assign(new Error('No such factor'), { status: 404 });
    const step = Math.floor(Date.now() / 30_000);
    // The step before and after too: the app's clock and ours may differ by a few seconds.
    const valid = await Promise.all([step - 1, step, step + 1].map(s => totp(key, s)));
    return { status: valid.includes(code) ? 'verified' : 'unverified' };
  },
};
const totpEnroll = document.querySelector('verify-totp-enroll');
const totpAnswer = document.querySelector('.totp-answer');
if (!totpEnroll || !totpAnswer) throw new Error('index.html lost its <verify-totp-enroll> or .totp-answer');
totpEnroll.provider = provider;
totpEnroll.friendlyName = 'ada@example.com';
totpEnroll.addEventListener('verify-totp-enrolled', (event: VerifyTotpEnrolledEvent) => {
  totpAnswer.textContent = `enrolled ${event.detail.factorSid}`;
});
totpEnroll.addEventListener('verify-totp-error', (event: VerifyTotpErrorEvent) => {
  totpAnswer.textContent = `error ${event.detail.reason}`;
});
