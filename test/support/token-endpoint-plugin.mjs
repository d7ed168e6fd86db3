// web-test-runner plugin: a site's token endpoint for <verify-enroll token-url>, as the
// sample-backend contract has it: `POST /test-token` answers `{ token, serviceSid, identity,
// factorType: 'push' }` for the session named by its cookie, creating the access token on the
// emulator with the account credentials (which stay on this server side, as a real backend's do).
// A test sets its session up with the `token-endpoint` server command:
//   executeServerCommand('token-endpoint', { session, baseUrl, accountSid, authToken, serviceSid, identity, failWith? })
// then `document.cookie = 'test-session=<session>'`. `failWith` (an HTTP status) makes the endpoint fail.
const TOKEN_PATH = '/test-token';
const COOKIE = 'test-session';

export function tokenEndpointPlugin() {
  const sessions = new Map();
  return {
    name: 'verify-token-endpoint',
    executeCommand({ command, payload }) {
      if (command !== 'token-endpoint') return undefined;
      sessions.set(payload.session, payload);
      return true;
    },
    // Answers through the context rather than a serve result, which would always be 200; with no
    // result the static-file middleware passes a POST on untouched.
    async serve(ctx) {
      if (ctx.path !== TOKEN_PATH) return undefined;
      const s = sessions.get(ctx.cookies.get(COOKIE));
      if (ctx.method !== 'POST' || !s || s.failWith) {
        ctx.status = ctx.method !== 'POST' ? 405 : s ? s.failWith : 401;
        ctx.body = { error: 'no token' };
        return undefined;
      }
      const response = await fetch(`${s.baseUrl}Services/${s.serviceSid}/AccessTokens`, {
        method: 'POST',
        headers: { Authorization: `Basic ${btoa(`${s.accountSid}:${s.authToken}`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Identity: s.identity, FactorType: 'push' }),
      });
      const body = await response.json();
      ctx.status = response.status;
      ctx.body = response.ok ? { token: body.token, serviceSid: s.serviceSid, identity: s.identity, factorType: 'push' } : body;
      return undefined;
    },
  };
}
