// web-test-runner plugin: a site's passkey endpoints for <verify-passkey url="/test-passkeys">, as
// the backend contract of issue 14 has them, mapped 1:1 onto the emulator's Passkeys operations
// (the account credentials stay on this server side, as a real backend's do):
//   POST /test-passkeys/register/options {}                         -> Passkeys/Factors            -> { publicKey }
//   POST /test-passkeys/register/verify  RegistrationResponseJSON   -> Passkeys/VerifyFactor       -> { factorSid, status }
//   POST /test-passkeys/sign-in/options  { identity? }              -> Passkeys/Challenges         -> { publicKey }
//   POST /test-passkeys/sign-in/verify   AuthenticationResponseJSON -> Passkeys/ApproveChallenge   -> { status, identity }
// Errors pass Verify's `{ code, message }` on with its HTTP status.
// A test sets its session up with the `passkey-endpoint` server command, then sets the cookie:
//   executeServerCommand('passkey-endpoint', { session, emulator: { baseUrl, accountSid, authToken }, origin, identity, userVerification? })
//     -> { serviceSid }  (a fresh Service with Passkeys.* settings for localhost and the page's origin)
//   document.cookie = 'test-passkey-session=<session>'
const BASE = '/test-passkeys';
const COOKIE = 'test-passkey-session';
const OPERATIONS = {
  '/register/options': 'Factors',
  '/register/verify': 'VerifyFactor',
  '/sign-in/options': 'Challenges',
  '/sign-in/verify': 'ApproveChallenge',
};

const basic = ({ accountSid, authToken }) => `Basic ${btoa(`${accountSid}:${authToken}`)}`;

async function createService({ emulator, origin, userVerification = 'preferred' }) {
  const response = await fetch(`${emulator.baseUrl}Services`, {
    method: 'POST',
    headers: { Authorization: basic(emulator), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      FriendlyName: 'verify-elements passkey tests',
      'Passkeys.RelyingParty.Id': new URL(origin).hostname,
      'Passkeys.RelyingParty.Name': 'verify-elements tests',
      'Passkeys.RelyingParty.Origins': origin,
      'Passkeys.AuthenticatorAttachment': 'platform',
      'Passkeys.DiscoverableCredentials': 'required',
      'Passkeys.UserVerification': userVerification,
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`passkey-endpoint: the emulator refused the Service: ${body.message}`);
  return body.sid;
}

/** What the site's server sends to Verify for each call: the session's identity, never the browser's word for it. */
function request(path, s, body) {
  if (path === '/register/options') return { identity: s.identity, friendly_name: 'Passkey on this browser' };
  if (path === '/sign-in/options') return typeof body.identity === 'string' && body.identity ? { identity: body.identity } : {};
  return body;
}

/** What the element gets back: only what the contract names (the challenge sid stays here). */
function answer(path, verify) {
  if (path === '/register/options' || path === '/sign-in/options') return { publicKey: verify.options.publicKey };
  if (path === '/register/verify') return { factorSid: verify.sid, status: verify.status };
  return { status: verify.status, identity: verify.identity };
}

export function passkeyEndpointPlugin() {
  const sessions = new Map();
  return {
    name: 'verify-passkey-endpoint',
    async executeCommand({ command, payload }) {
      if (command !== 'passkey-endpoint') return undefined;
      const serviceSid = await createService(payload);
      sessions.set(payload.session, { ...payload, serviceSid });
      return { serviceSid };
    },
    // Answers through the context (a serve result would always be 200).
    async serve(ctx) {
      if (!ctx.path.startsWith(`${BASE}/`)) return undefined;
      const path = ctx.path.slice(BASE.length);
      const s = sessions.get(ctx.cookies.get(COOKIE));
      if (ctx.method !== 'POST' || !OPERATIONS[path] || !s) {
        ctx.status = ctx.method !== 'POST' ? 405 : s ? 404 : 401;
        ctx.body = { message: s ? `No passkey endpoint ${ctx.path}.` : 'Not signed in.' };
        return undefined;
      }
      let body = {};
      try {
        const chunks = [];
        for await (const chunk of ctx.req) chunks.push(chunk);
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        ctx.status = 400;
        ctx.body = { message: 'The body must be JSON.' };
        return undefined;
      }
      const response = await fetch(`${s.emulator.baseUrl}Services/${s.serviceSid}/Passkeys/${OPERATIONS[path]}`, {
        method: 'POST',
        headers: { Authorization: basic(s.emulator), 'Content-Type': 'application/json' },
        body: JSON.stringify(request(path, s, body)),
      });
      const verify = await response.json();
      ctx.status = response.status;
      ctx.body = response.ok ? answer(path, verify) : { code: verify.code, message: verify.message };
      return undefined;
    },
  };
}
