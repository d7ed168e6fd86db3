// web-test-runner plugin: a site's backend for <verify-totp-enroll url="/test-totp">, as the backend
// contract of issue 14 has it (totp-backend.mjs): `POST /test-totp/start` and `POST /test-totp/confirm`
// against the emulator, for the identity of the session named by the cookie. The account credentials
// stay on this server side, as a real backend's do.
// A test sets its session up with the `totp-endpoint` server command:
//   executeServerCommand('totp-endpoint', { session, baseUrl, accountSid, authToken, serviceSid, identity, fail? })
// then `document.cookie = 'totp-session=<session>'`. `fail: { path: 'start' | 'confirm', status, body? }`
// makes that endpoint answer `status` with `body` instead (a site's server failing).
import { totpEndpoints } from './totp-backend.mjs';

const PREFIX = '/test-totp/';
const COOKIE = 'totp-session';

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
      const endpoints = s && totpEndpoints(s);
      if (ctx.method !== 'POST' || !s || !Object.hasOwn(endpoints, name)) {
        ctx.status = ctx.method !== 'POST' ? 405 : s ? 404 : 401;
        ctx.body = { message: 'No such endpoint, or no session.' };
        return undefined;
      }
      const request = await readJson(ctx.req);
      const { status, body } = s.fail?.path === name ? { status: s.fail.status, body: s.fail.body ?? { message: 'Failing on purpose.' } } : await endpoints[name](request);
      ctx.status = status;
      ctx.body = body;
      return undefined;
    },
  };
}
