import type { HonoRequest } from 'hono';
import { createMiddleware } from 'hono/factory';
import { fromBase64, sameSecret } from './bytes.js';
import { importPublicKey, jwtKid, verifyDeviceJwt } from './crypto.js';
import type { EmulatorContext, Env } from './env.js';
import { E } from './errors.js';
import type { AccessTokenRow, FactorRow } from './store.js';

export type Caller = { kind: 'account' } | { kind: 'device'; factor: FactorRow } | { kind: 'access'; token: AccessTokenRow };

/**
 * Authenticates a request. Backend calls send `AccountSid:AuthToken`; device calls send the literal
 * user `token` with an access token (factor creation) or a device JWT (everything after it).
 * A device credential is good only for the service and identity in the path.
 */
async function authenticate(req: HonoRequest, ctx: EmulatorContext, allowed: Array<Caller['kind']>): Promise<Caller> {
  const { store, clock, accountSid, authToken } = ctx;
  const header = req.header('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  const bytes = match && fromBase64(match[1]);
  const decoded = bytes ? new TextDecoder().decode(bytes) : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) throw E.unauthorized('Send HTTP Basic credentials: AccountSid:AuthToken from a backend, or token:<access token or device JWT> from a device.');
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);

  if (user !== 'token') {
    if (!sameSecret(user, accountSid) || !sameSecret(secret, authToken)) throw E.unauthorized('The account SID or auth token is wrong. Use the ones the emulator printed on start.');
    if (!allowed.includes('account')) throw E.unauthorized('This operation is for devices; send token:<device JWT>.');
    return { kind: 'account' };
  }

  const service = req.param('service');
  const identity = req.param('identity');
  if (secret.split('.').length === 3) {
    if (!allowed.includes('device')) throw E.unauthorized('This operation needs the account credentials (AccountSid:AuthToken), not a device JWT.');
    const kid = jwtKid(secret) ?? '';
    const factor = store.factorByCredential(kid);
    const retired = factor ? undefined : store.get('retiredCredentials', kid);
    const publicKey = factor?.public_key ?? retired?.public_key;
    if (!publicKey) throw E.unauthorized('The device JWT names no known credential in its kid. Enroll again.');
    const key = await importPublicKey(publicKey);
    const reason = key && await verifyDeviceJwt(secret, key, { accountSid, now: clock.now() });
    if (reason !== null) throw E.unauthorized(`The device JWT is not valid (${reason}). Re-sign it with the factor key, correcting the clock from the Date header.`);
    // The device proved itself with the key of a deleted factor: tell it the factor is gone.
    if (!factor) throw E.notFound(`Factors/${retired?.factor_sid}`);
    if (factor.service_sid !== service || factor.identity !== identity) throw E.unauthorized('The device JWT belongs to another service or identity than the one in the path.');
    return { kind: 'device', factor };
  }

  if (!allowed.includes('access')) throw E.unauthorized('This operation needs a device JWT (token:<JWT>) or the account credentials.');
  const token = store.accessToken(secret);
  if (!token) throw E.unauthorized('The access token is unknown. Ask the backend for a new one.');
  if (clock.now() >= token.date_created + token.ttl * 1000) throw E.unauthorized('The access token has expired. Ask the backend for a new one.');
  if (token.service_sid !== service || token.entity_identity !== identity) throw E.unauthorized('The access token was issued for another service or identity than the one in the path.');
  return { kind: 'access', token };
}

/**
 * Middleware of the admin endpoints: they show and change everything, so they take the account
 * credentials, as the API does, unless the emulator was started with them open.
 */
export const adminAuth = createMiddleware<Env>(async (c, next) => {
  const { ctx } = c.var;
  if (!ctx.openAdmin) {
    if (!c.req.header('authorization')) {
      // A browser opening the outbox page then asks for the credentials.
      c.header('WWW-Authenticate', 'Basic realm="verify-push-emulator"');
      throw E.unauthorized('The emulator\'s admin endpoints take the account credentials, as the API does (HTTP Basic AccountSid:AuthToken); or start it with --open-admin.');
    }
    await authenticate(c.req, ctx, ['account']);
  }
  await next();
});

/** Middleware: only the `allowed` kinds of caller pass; the handler finds the caller in `c.var.caller`. */
export const auth = (...allowed: Array<Caller['kind']>) =>
  createMiddleware<Env & { Variables: { caller: Caller } }>(async (c, next) => {
    c.set('caller', await authenticate(c.req, c.var.ctx, allowed));
    await next();
  });
