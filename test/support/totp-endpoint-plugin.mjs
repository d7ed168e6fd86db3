// web-test-runner plugin: a site's backend for <verify-totp-enroll url="/test-totp">, as the backend
// contract of issue 14 has it: `POST /test-totp/start { friendlyName? }` creates a TOTP factor on the
// emulator for the session's identity and answers `{ factorSid, uri, secret }`; `POST /test-totp/confirm
// { factorSid, code }` verifies it and answers `{ status }`: "verified", or "unverified" (200) for a
// wrong code, as Verify itself answers. Errors pass on Verify's status and `{ code, message }`.
// The account credentials stay on this server side, as a real backend's do.
// A test sets its session up with the `totp-endpoint` server command:
//   executeServerCommand('totp-endpoint', { session, baseUrl, accountSid, authToken, serviceSid, identity, fail? })
// then `document.cookie = 'totp-session=<session>'`. `fail: { path: 'start' | 'confirm', status, body? }`
// makes that endpoint answer `status` with `body` instead (a site's server failing).
const PREFIX = '/test-totp/';
const COOKIE = 'totp-session';

/** The one call to Verify: POSTs a form under the session's entity and answers `{ status, body }`. */
async function verify(s, path, form) {
  const response = await fetch(`${s.baseUrl}Services/${s.serviceSid}/Entities/${encodeURIComponent(s.identity)}/${path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${btoa(`${s.accountSid}:${s.authToken}`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json() };
}

const ENDPOINTS = {
  async start(s, { friendlyName }) {
    const { status, body } = await verify(s, 'Factors', { FactorType: 'totp', FriendlyName: friendlyName ?? 'Authenticator app' });
    return status === 201 ? { status: 200, body: { factorSid: body.sid, uri: body.binding.uri, secret: body.binding.secret } } : { status, body };
  },
  async confirm(s, { factorSid, code }) {
    const { status, body } = await verify(s, `Factors/${encodeURIComponent(factorSid)}`, { AuthPayload: code });
    return status === 200 ? { status, body: { status: body.status } } : { status, body };
  },
};

/** The JSON body of a request (no body parser runs before plugins). */
async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

export function totpEndpointPlugin() {
  const sessions = new Map();
  return {
    name: 'verify-totp-endpoint',
    executeCommand({ command, payload }) {
      if (command !== 'totp-endpoint') return undefined;
      sessions.set(payload.session, payload);
      return true;
    },
    // Answers through the context, as token-endpoint-plugin.mjs does (a serve result is always 200).
    async serve(ctx) {
      if (!ctx.path.startsWith(PREFIX)) return undefined;
      const name = ctx.path.slice(PREFIX.length);
      const s = sessions.get(ctx.cookies.get(COOKIE));
      if (ctx.method !== 'POST' || !Object.hasOwn(ENDPOINTS, name) || !s) {
        ctx.status = ctx.method !== 'POST' ? 405 : s ? 404 : 401;
        ctx.body = { message: 'No such endpoint, or no session.' };
        return undefined;
      }
      const request = await readJson(ctx.req);
      const { status, body } = s.fail?.path === name ? { status: s.fail.status, body: s.fail.body ?? { message: 'Failing on purpose.' } } : await ENDPOINTS[name](s, request);
      ctx.status = status;
      ctx.body = body;
      return undefined;
    },
  };
}
