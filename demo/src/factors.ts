// The factors beyond push: passkeys and authenticator apps (TOTP), as the backend contract of
// <verify-passkey> and <verify-totp-enroll> has them (JSON, same origin, the session says who), sign-in
// by an authenticator code within the sign-in flow of server.ts, and the settings list of factors.
// Every Verify call goes through verify.ts; the guards (same-origin JSON, body limit) are the ones
// server.ts puts on all of /api/*.
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CookieOptions } from 'hono/utils/cookie';
import twilio from 'twilio';
import { clientOf, HttpError, jsonObject, rateLimit, stringField } from './security.js';
import type { Verify } from './verify.js';

/** What these routes need of a user. */
export interface Account {
  name: string;
  identity: string;
}
/** What they need of a sign-in attempt of server.ts. */
export interface SignInAttempt {
  name: string;
  identity: string;
  /** Absent for a name nobody has. */
  user?: Account;
  /** The user's verified authenticator-app factor, when there is one. */
  totpFactorSid?: string;
  /** Authenticator codes tried in this attempt. */
  totpTries: number;
}
export interface FactorRoutesOptions {
  /** Known once the server listens, hence getters. */
  verify: () => Verify;
  cookieOptions: () => CookieOptions;
  userOf: (c: Context) => Account | undefined;
  userByIdentity: (identity: string) => Account | undefined;
  attemptOf: (c: Context) => SignInAttempt | undefined;
  /** Signs this browser in as `name`, in a new session. */
  signIn: (c: Context, name: string) => void;
}

const MINUTE = 60_000;
const limits = {
  /** Passkey sign-ins need no name, so they are counted per client only. */
  passkeySignInsPerClient: rateLimit(100, 15 * MINUTE, 'Too many sign-ins from here. Try again later.'),
  /** Adding and removing factors: a person does it a few times, a script many. */
  factorChangesPerUser: rateLimit(30, 10 * MINUTE, 'Too many changes to your factors. Try again later.'),
  totpCodesPerUser: rateLimit(10, 10 * MINUTE, 'Too many authenticator codes for this user. Try again later.'),
  totpCodesPerClient: rateLimit(30, 15 * MINUTE, 'Too many authenticator codes from here. Try again later.'),
};
/** An authenticator app's code: 6 to 8 digits (Totp.CodeLength). */
const TOTP_CODE = /^[0-9]{6,8}$/;
const FACTOR_SID = /^YF[0-9a-f]{32}$/;
/** Wrong authenticator codes allowed in one sign-in attempt, as Verify allows for SMS codes. */
const MAX_TOTP_TRIES = 5;

/** Verify's refusal of what the browser sent (a 4xx of Verify), in the contract's words, with Verify's code. */
const refusedBy = (error: unknown, message: string) => {
  if (error instanceof twilio.RestException && error.status >= 400 && error.status < 500) throw Object.assign(new HttpError(400, message), { code: error.code });
  throw error;
};

export function factorRoutes({ verify, cookieOptions, userOf, userByIdentity, attemptOf, signIn }: FactorRoutesOptions) {
  const signedIn = (c: Context) => {
    const user = userOf(c);
    if (!user) throw new HttpError(401, 'Sign in first: only a signed-in user can change their factors.');
    return user;
  };
  /** Passkey sign-ins started, by the opaque id in this browser's `demo_passkey` cookie: the challenge sid never leaves the server. */
  const passkeySignIns = new Map<string, { challengeSid: string; expires: number }>();
  /** Passkey registrations started, by user identity: the factor a verification must turn out to be. */
  const registrations = new Map<string, string>();

  // The elements' contract: errors are `{ code?, message }` (code: Verify's, when it refused).
  const elements = new Hono();
  elements.onError((error, c) => {
    if (!(error instanceof HttpError)) {
      // As server.ts does: the details stay in the log, the page gets no internals.
      console.error(`demo: ${c.req.method} ${c.req.path}: ${error.message}`);
      return c.json({ message: 'The demo backend could not complete this request. Try again in a moment.' }, 500);
    }
    const code = 'code' in error && typeof error.code === 'number' ? { code: error.code } : {};
    return c.json({ ...code, message: error.message }, error.status as ContentfulStatusCode, error.headers);
  });

  elements.post('/api/passkeys/register/options', async c => {
    const user = signedIn(c);
    limits.factorChangesPerUser.take(user.identity);
    const { factorSid, publicKey } = await verify().newPasskey(user.identity, `Passkey of ${user.name}`.slice(0, 64));
    registrations.set(user.identity, factorSid);
    return c.json({ publicKey });
  });

  elements.post('/api/passkeys/register/verify', async c => {
    const user = signedIn(c);
    const body = await jsonObject(c);
    limits.factorChangesPerUser.take(user.identity);
    const expected = registrations.get(user.identity);
    if (!expected) throw new HttpError(400, 'Start adding the passkey again: this attempt is over.');
    const factor = await verify().verifyPasskey(body).catch(error => refusedBy(error, 'Verify did not accept this passkey. Try adding it again.'));
    if (factor.factorSid !== expected || factor.identity !== user.identity) throw new HttpError(400, 'Start adding the passkey again: this attempt is over.');
    registrations.delete(user.identity);
    return c.json({ factorSid: factor.factorSid, status: factor.status });
  });

  // Sign-in asks for any passkey of this site (discoverable): an `identity` the page sends is not
  // used, so the answer is the same for every name, known or not, and lists no credentials.
  elements.post('/api/passkeys/sign-in/options', async c => {
    await jsonObject(c);
    limits.passkeySignInsPerClient.take(clientOf(c));
    const now = Date.now();
    for (const [id, p] of passkeySignIns) if (p.expires <= now) passkeySignIns.delete(id);
    passkeySignIns.delete(getCookie(c, 'demo_passkey') ?? '');
    const { challengeSid, publicKey } = await verify().passkeyChallenge();
    const id = randomUUID();
    passkeySignIns.set(id, { challengeSid, expires: now + 5 * MINUTE });
    setCookie(c, 'demo_passkey', id, cookieOptions());
    return c.json({ publicKey });
  });

  elements.post('/api/passkeys/sign-in/verify', async c => {
    const body = await jsonObject(c);
    limits.passkeySignInsPerClient.take(clientOf(c));
    const id = getCookie(c, 'demo_passkey') ?? '';
    const started = passkeySignIns.get(id);
    // One assertion per challenge: the attempt ends here whatever Verify says.
    passkeySignIns.delete(id);
    deleteCookie(c, 'demo_passkey', cookieOptions());
    if (!started || started.expires <= Date.now()) throw new HttpError(400, 'Start signing in again: this attempt expired.');
    const challenge = await verify().approvePasskey(body).catch(error => refusedBy(error, 'This passkey did not sign you in. Try again, or use another way.'));
    const user = challenge.status === 'approved' && challenge.challengeSid === started.challengeSid ? userByIdentity(challenge.identity) : undefined;
    if (!user) throw new HttpError(400, 'This passkey did not sign you in. Try again, or use another way.');
    signIn(c, user.name);
    return c.json({ status: 'approved', identity: user.name });
  });

  // The binding (secret, URI) is the user's own, shown once to set up the app: it is in this answer
  // (no-store) and nowhere else, never logged or kept by the backend.
  elements.post('/api/totp/start', async c => {
    const user = signedIn(c);
    const friendlyName = stringField(await jsonObject(c), 'friendlyName').trim().slice(0, 64) || 'Authenticator app';
    limits.factorChangesPerUser.take(user.identity);
    return c.json(await verify().newTotp(user.identity, friendlyName));
  });

  // Verify answers a wrong first code with 200 and the factor still unverified, and so does this
  // route (<verify-totp-enroll> reads `unverified` as a wrong code). A sid not of this user is a 404.
  elements.post('/api/totp/confirm', async c => {
    const user = signedIn(c);
    const body = await jsonObject(c);
    const factorSid = stringField(body, 'factorSid');
    const code = stringField(body, 'code');
    limits.totpCodesPerUser.take(user.identity);
    if (!TOTP_CODE.test(code)) throw new HttpError(400, 'Type the 6 digits your authenticator app shows.');
    const status = FACTOR_SID.test(factorSid) ? await verify().confirmTotp(user.identity, factorSid, code) : false;
    if (status === false) throw new HttpError(404, 'Start adding the authenticator app again: this setup is not known.');
    return c.json({ status });
  });

  // The page's own routes: errors are `{ error }`, as for the rest of server.ts.
  const page = new Hono();

  // Within the sign-in flow of server.ts: a challenge with the code on the user's authenticator app.
  page.post('/api/signin/totp', async c => {
    const attempt = attemptOf(c);
    const code = stringField(await jsonObject(c), 'code');
    if (!attempt) throw new HttpError(400, 'Start signing in again: this attempt expired.');
    if (!TOTP_CODE.test(code)) throw new HttpError(400, 'Type the 6 digits your authenticator app shows.');
    if (++attempt.totpTries > MAX_TOTP_TRIES) throw new HttpError(429, 'Too many wrong codes. Sign in again.');
    limits.totpCodesPerUser.take(attempt.name);
    limits.totpCodesPerClient.take(clientOf(c));
    const status = attempt.user && attempt.totpFactorSid ? await verify().totpChallenge(attempt.identity, attempt.totpFactorSid, code) : 'pending';
    if (status !== 'approved') throw new HttpError(400, 'That code is not right. Type the code your app shows now.');
    signIn(c, attempt.name);
    return c.json({ status: 'signed-in', user: attempt.name });
  });

  page.get('/api/factors', async c => {
    const user = signedIn(c);
    return c.json({ factors: await verify().factors(user.identity) });
  });

  // Only the user's own: Verify is asked under the user's identity, so another's sid is as unknown as a made-up one.
  page.delete('/api/factors/:sid', async c => {
    const user = signedIn(c);
    limits.factorChangesPerUser.take(user.identity);
    const sid = c.req.param('sid');
    if (!FACTOR_SID.test(sid) || !(await verify().removeFactor(user.identity, sid))) throw new HttpError(404, 'Not found.');
    return c.json({ removed: sid });
  });

  return new Hono().route('/', elements).route('/', page);
}
