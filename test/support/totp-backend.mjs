// The site-server side of <verify-totp-enroll>'s backend contract (issue 14), for the test plugin
// (totp-endpoint-plugin.mjs, in Node) and the stories (in the page), against the emulator:
//   start   { friendlyName? }     -> { factorSid, uri, secret }  (the binding, as Verify gives it once)
//   confirm { factorSid, code }   -> { status: "verified" | "unverified" }  (200 either way, as Verify
//                                    answers a wrong code; the element maps "unverified" to "wrong-code")
// Verify's errors pass on with their status and `{ code, message }`. Each endpoint answers `{ status, body }`.

/**
 * The one call to Verify: POSTs a form under the signed-in user's entity with the account credentials
 * (which a real backend keeps on its server) and answers `{ status, body }`.
 * @param {{ baseUrl: string, accountSid: string, authToken: string, serviceSid: string, identity: string }} user
 */
const verify = user => async (path, form) => {
  const response = await fetch(`${user.baseUrl}Services/${user.serviceSid}/Entities/${encodeURIComponent(user.identity)}/${path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${btoa(`${user.accountSid}:${user.authToken}`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json() };
};

/** The endpoints for `user` (the session's identity, on the emulator `baseUrl` and service `serviceSid`). */
export function totpEndpoints(user) {
  const call = verify(user);
  return {
    async start({ friendlyName }) {
      const { status, body } = await call('Factors', { FactorType: 'totp', FriendlyName: friendlyName ?? 'Authenticator app' });
      return status === 201 ? { status: 200, body: { factorSid: body.sid, uri: body.binding.uri, secret: body.binding.secret } } : { status, body };
    },
    async confirm({ factorSid, code }) {
      const { status, body } = await call(`Factors/${encodeURIComponent(factorSid)}`, { AuthPayload: code });
      return status === 200 ? { status, body: { status: body.status } } : { status, body };
    },
  };
}
