// `npm start`: the demo site. One port serves the page, the sample backend and (unless TWILIO_*
// variables point at the real service) an embedded Verify Push emulator: of it, only what a browser
// needs goes through this port (the device API under /v2/ and the push stream); its admin and test
// endpoints (state, faults, clock, outbox) never do.
//
//   PORT=3000 npm start                                    # embedded emulator
//   TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… PUBLIC_URL=https://… npm start   # the real Verify
//
// Test-only: DEMO_TEST_EMULATOR_PORT=0 also serves the whole emulator (admin included) on a port
// of its own, on 127.0.0.1 only; DEMO_TEST_EMULATOR_AUTH_TOKEN gives it a secret the test knows
// (to sign webhooks as Verify would). Never set them on a server others can reach.
//
// Users live in memory; the identity sent to Verify is a random UUID, never the user name.
// One-time codes go through Verify's Verifications and VerificationCheck, to the phone number given
// at sign-up: with Twilio credentials, real SMS. With the embedded emulator nothing leaves the
// machine: the emulator's outbox keeps the messages, and the page shows those sent to the number of
// the user who signed up in this browser in a development panel (GET /api/dev/outbox).
// The guards every site needs are in security.ts; docs/demo-security.md says what is left to the site.
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Context, MiddlewareHandler } from 'hono';
import type { CookieOptions } from 'hono/utils/cookie';
import { createEmulator } from 'verify-push-emulator/node';
import type { OutboxMessageJson } from 'verify-elements/protocol';
import { clientOf, HttpError, jsonObject, limitBody, phoneNumber, rateLimit, replayGuard, sameOriginJson, stringField, userName } from './security.js';
import { factorRoutes } from './factors.js';
import { createVerify, type Verify } from './verify.js';

const port = Number(process.env.PORT ?? 3000);
const real = Boolean(process.env.TWILIO_ACCOUNT_SID);
// Its auth token is a fresh secret, not the emulator's well-known default: webhook signatures are
// only as good as the secret behind them, and this server may be reachable through PUBLIC_URL.
const testAuthToken = process.env.DEMO_TEST_EMULATOR_AUTH_TOKEN;
const emulator = real ? undefined : await createEmulator({ authToken: testAuthToken || randomBytes(24).toString('base64url') });
const testEmulatorPort = process.env.DEMO_TEST_EMULATOR_PORT;
// The same from src/ (npm start) and from dist/ (the bundle of npm run build).
const publicDir = new URL('../public/', import.meta.url);

// The page's script, bundled from the kit's sources at start (chunks: transports load on use).
const bundle = await build({
  entryPoints: [new URL('app.ts', publicDir).pathname],
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: '/assets',
  write: false,
  minify: true,
  sourcemap: 'inline',
  logLevel: 'warning',
});
const assets = new Map(bundle.outputFiles.map(f => [f.path, f.text]));

interface User {
  name: string;
  identity: string;
  /** Where sign-in codes go by SMS, E.164. */
  phone: string;
}
interface PendingSignIn {
  id: string;
  name: string;
  identity: string;
  /** Absent for a name nobody has: the attempt runs like any other and never signs in. */
  user?: User;
  /**
   * The session id this browser got when it started the attempt, holding nobody until Verify says
   * the push was approved with the number shown: then the page is signed in without another request.
   */
  session: string;
  challengeSid?: string;
  /** The attempt's result once a webhook said its challenge was answered (Verify's word, fetched then). */
  result?: Promise<PushResult>;
  number?: string;
  /** Codes sent in this attempt. */
  codes: number;
  /** Checks of a name nobody has, counted here as Verify counts a user's, so both answer alike. */
  tries: number;
  /** The user's verified authenticator-app factor (factors.ts signs in with its codes). */
  totpFactorSid?: string;
  totpTries: number;
  expires: number;
}
/** How a push sign-in went, as the page is told. */
type PushResult =
  | { status: 'signed-in'; user: string }
  | { status: 'wrong-number' }
  | { status: 'denied'; reported: boolean }
  | { status: 'pending' | 'expired' | 'none' };

interface VerifyEvent {
  identity?: string;
  type?: string;
  factor?: string;
  challenge?: string;
  at: string;
}

const users = new Map<string, User>();
/** Session id → user name. */
const sessions = new Map<string, string>();
const pendingSignIns = new Map<string, PendingSignIn>();
/** Development only: this browser's cookie demo_phone → the phone number of the user who signed up in it. */
const phones = new Map<string, string>();
/** Says `challenge` when a webhook brought news of a challenge: the sign-in page waiting for it is told at once. */
const challengeNews = new EventEmitter().setMaxListeners(0);
/** Webhook events the backend received and validated, newest first; each user's page sees its own. */
const events: VerifyEvent[] = [];

const app = new Hono();
// Known once the server listens (the twilio library talks to this very server).
let verify: Verify;
let baseUrl: string;
let webhookUrl: string;
let cookieOptions: CookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/', secure: false };
/** The origins of the site's own page: PUBLIC_URL's and the one it listens on. */
let siteOrigins: string[] = [];

const userOf = (c: Context) => users.get(sessions.get(getCookie(c, 'demo_session') ?? '') ?? '');
/** A new session id on every sign-in (never one the browser brought: no fixation); the old session and the pending attempt end. */
const signIn = (c: Context, name: string) => {
  sessions.delete(getCookie(c, 'demo_session') ?? '');
  pendingSignIns.delete(getCookie(c, 'demo_pending') ?? '');
  const id = randomUUID();
  sessions.set(id, name);
  setCookie(c, 'demo_session', id, cookieOptions);
  deleteCookie(c, 'demo_pending', cookieOptions);
};
/** The sign-in attempt this browser started (its cookie is the only way to name one), while it lasts. */
const pendingOf = (c: Context) => {
  const pending = pendingSignIns.get(getCookie(c, 'demo_pending') ?? '');
  return pending && pending.expires > Date.now() ? pending : undefined;
};
/**
 * The attempt's result as Verify has it, never as a webhook said (a webhook only says when to ask).
 * An approval with the number shown binds the attempt's session to the user, and ends the attempt.
 */
async function settle(pending: PendingSignIn): Promise<PushResult> {
  if (!pending.challengeSid) return { status: 'none' };
  const challenge = await verify.challenge(pending.identity, pending.challengeSid);
  const metadata: Record<string, unknown> = challenge.metadata ?? {};
  if (challenge.status === 'approved' && metadata.match_choice === pending.number && pending.user) {
    sessions.set(pending.session, pending.name);
    pendingSignIns.delete(pending.id);
    return { status: 'signed-in', user: pending.name };
  }
  if (challenge.status === 'approved') return { status: 'wrong-number' };
  if (challenge.status === 'denied') return { status: 'denied', reported: metadata.reported === 'true' };
  return { status: challenge.status === 'pending' ? 'pending' : 'expired' };
}
/** The result for a browser with no attempt (any more): signed in when its attempt was approved. */
const noAttempt = (c: Context): PushResult => {
  const user = userOf(c);
  return user ? { status: 'signed-in', user: user.name } : { status: 'none' };
};
/** "Firefox on Linux": enough for the user to recognise the sign-in, nothing more. */
const describeBrowser = (ua: string) => {
  const browser = [['Edg/', 'Edge'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']].find(([mark]) => ua.includes(mark))?.[1];
  const os = [['Android', 'Android'], ['iPhone', 'iOS'], ['Mac OS', 'macOS'], ['Windows', 'Windows'], ['Linux', 'Linux']].find(([mark]) => ua.includes(mark))?.[1];
  return `${browser ?? 'A browser'} on ${os ?? 'an unknown system'}`;
};
/**
 * Now, as the user reads a time: in the time zone of the page that signs in (an IANA name it sends;
 * UTC when it sends none or one Intl does not know), with the zone's name, e.g. "Dec 2, 2026, 3:20 PM GMT+1".
 */
function timeIn(timeZone: string): string {
  const options = { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: timeZone || 'UTC' }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(new Date());
  }
}
// Whether Verify's webhooks reach this server (Twilio cannot reach a loopback address).
const webhooksReach = !real || Boolean(process.env.PUBLIC_URL);

// Per client (address) and per user name: enough for a person, too few to spam pushes or codes.
const MINUTE = 60_000;
const limits = {
  signUpsPerClient: rateLimit(30, 15 * MINUTE, 'Too many sign-ups from here. Try again later.'),
  signInsPerClient: rateLimit(100, 15 * MINUTE, 'Too many sign-ins from here. Try again later.'),
  signInsPerUser: rateLimit(10, 10 * MINUTE, 'Too many sign-ins for this user. Try again later.'),
  codesPerClient: rateLimit(30, 15 * MINUTE, 'Too many codes asked from here. Try again later.'),
  codesPerUser: rateLimit(10, 10 * MINUTE, 'Too many codes for this user. Try again later.'),
};
/** A webhook event is acted on once: its signed uuid (and Twilio's idempotency token) are remembered for a day. */
const webhookReplays = replayGuard(24 * 60 * MINUTE);

// Every API answer is the caller's alone, and no state changes come from another site.
const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};
for (const path of ['/api/*', '/access-token']) app.use(path, noStore, limitBody(16 * 1024), sameOriginJson(() => siteOrigins));
app.use('/webhooks/*', limitBody(64 * 1024));

app.get('/', async c => c.html(await readFile(new URL('index.html', publicDir), 'utf8')));
app.get('/style.css', async c => c.body(await readFile(new URL('style.css', publicDir), 'utf8'), 200, { 'Content-Type': 'text/css' }));
// Also at /favicon.ico, which some browsers ask for whatever the page links.
for (const path of ['/favicon.svg', '/favicon.ico']) {
  app.get(path, async c => c.body(await readFile(new URL('favicon.svg', publicDir), 'utf8'), 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }));
}
app.get('/assets/:file', c => {
  const text = assets.get(`/assets/${c.req.param('file')}`);
  return text ? c.body(text, 200, { 'Content-Type': 'text/javascript' }) : c.notFound();
});

app.get('/api/config', c => c.json({ verifyBaseUrl: baseUrl, emulator: !real }));

app.get('/api/me', c => c.json({ user: userOf(c)?.name ?? null }));

app.post('/api/signup', async c => {
  const body = await jsonObject(c);
  const name = userName(stringField(body, 'name'));
  const phone = phoneNumber(stringField(body, 'phone'));
  limits.signUpsPerClient.take(clientOf(c));
  // A name is unique, so a taken one must be refused: the 409 is the one thing it tells (docs/demo-security.md).
  if (users.has(name)) return c.json({ error: 'This name is not available. Pick another one.' }, 409);
  users.set(name, { name, identity: randomUUID(), phone });
  if (emulator) {
    // Development only: this browser may read the emulator's outbox for this number (an opaque id, not the number, in the cookie).
    const id = randomUUID();
    phones.set(id, phone);
    setCookie(c, 'demo_phone', id, { ...cookieOptions, maxAge: 30 * 24 * 3600 });
  }
  signIn(c, name);
  return c.json({ user: name });
});

// Development only (the embedded emulator): what the emulator would have sent to the phone number
// of the user who signed up in this browser. Not part of signing in: no answer of it carries a code.
app.get('/api/dev/outbox', async c => {
  const phone = phones.get(getCookie(c, 'demo_phone') ?? '');
  if (!emulator) return c.json({ error: 'Not found.' }, 404);
  if (!phone) return c.json({ phone: null, messages: [] });
  const admin = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;
  const answer = await emulator.app.fetch(new Request(`http://localhost/emulator/outbox?to=${encodeURIComponent(phone)}`, { headers: { Authorization: admin } }));
  const { messages } = (await answer.json()) as { messages: OutboxMessageJson[] };
  return c.json({ phone, messages: messages.reverse().slice(0, 10).map(({ channel, body, date_created }) => ({ channel, body, date: date_created })) });
});

app.post('/api/signout', c => {
  sessions.delete(getCookie(c, 'demo_session') ?? '');
  deleteCookie(c, 'demo_session', cookieOptions);
  return c.json({ user: null });
});

// The sample-backend contract (docs/protocol.md): an access token for the signed-in user's browser.
app.post('/access-token', async c => {
  const user = userOf(c);
  if (!user) return c.json({ error: 'Sign in first: only a signed-in user can enroll a browser.' }, 401);
  return c.json(await verify.accessToken(user.identity));
});

// Step 1 of signing in: a push to the user's enrolled browser with number matching, or a code.
// A name nobody has gets the answer of a user without an enrolled browser, after the same call to
// Verify (for an identity nobody has): the same status, shape and about the same time.
app.post('/api/signin', async c => {
  const body = await jsonObject(c);
  const name = userName(stringField(body, 'name'));
  const time = timeIn(stringField(body, 'timeZone'));
  limits.signInsPerUser.take(name);
  limits.signInsPerClient.take(clientOf(c));
  const user = users.get(name);
  // A new attempt replaces this browser's previous one; attempts nobody finished are dropped.
  pendingSignIns.delete(getCookie(c, 'demo_pending') ?? '');
  for (const [id, p] of pendingSignIns) if (p.expires <= Date.now()) pendingSignIns.delete(id);
  const id = randomUUID();
  const pending: PendingSignIn = { id, name, identity: user?.identity ?? randomUUID(), user, session: randomUUID(), codes: 0, tries: 0, totpTries: 0, expires: Date.now() + 5 * 60_000 };
  pendingSignIns.set(id, pending);
  setCookie(c, 'demo_pending', id, cookieOptions);
  // Signing in ends the old session; the new one holds nobody until the push is approved.
  sessions.delete(getCookie(c, 'demo_session') ?? '');
  setCookie(c, 'demo_session', pending.session, cookieOptions);
  // The ways, strongest first: push, then an authenticator code, then an SMS code (always there).
  // (A passkey signs in before all of them, without a name: factors.ts.)
  const factors = await verify.verifiedFactors(pending.identity);
  const push = factors.find(f => f.factorType === 'push');
  pending.totpFactorSid = factors.find(f => f.factorType === 'totp')?.sid;
  const methods = [...(push ? ['push'] : []), ...(pending.totpFactorSid ? ['totp'] : []), 'code'];
  if (!push) return c.json({ method: methods[0], methods });
  Object.assign(pending, await verify.signInChallenge(pending.identity, push.sid, { browser: describeBrowser(c.req.header('User-Agent') ?? ''), time }));
  return c.json({ method: 'push', methods, number: pending.number });
});

// Step 2 (push): the page waits on this stream, which sends the `result` as soon as Verify's webhook
// brings news of the challenge (or, when webhooks cannot reach this server, once the backend's own
// check of Verify, every second, sees it answered). An approval has then already signed in the
// session this browser got at step 1: the page shows it without another request.
app.get('/api/signin/events', c => {
  const pending = pendingOf(c);
  return streamSSE(c, async stream => {
    const challengeSid = pending?.challengeSid;
    const result = await new Promise<PushResult | undefined>(resolve => {
      const timers: NodeJS.Timeout[] = [];
      const done = (result?: PushResult) => {
        challengeNews.off(challengeSid ?? '', news);
        timers.forEach(clearInterval);
        resolve(result);
      };
      const news = () => void pending?.result?.then(done, () => done());
      if (!pending || !challengeSid) return done(noAttempt(c));
      challengeNews.on(challengeSid, news);
      stream.onAbort(() => done());
      timers.push(setTimeout(() => done({ status: 'expired' }), Math.max(0, pending.expires - Date.now())));
      timers.push(setInterval(() => void stream.write(': keep-alive\n\n'), 15_000));
      if (!webhooksReach) {
        timers.push(setInterval(() => settle(pending).then(r => r.status !== 'pending' && done(r), () => {}), 1000));
      }
    });
    // Without a result (a failure to reach Verify) the page asks /api/signin/status itself.
    if (!stream.aborted) await stream.writeSSE({ event: 'result', data: JSON.stringify(result ?? { status: 'unknown' }) });
  });
});

// The same result on request: the page asks once its stream is open, for news that came before.
app.get('/api/signin/status', async c => {
  const pending = pendingOf(c);
  if (!pending) return c.json(noAttempt(c));
  const result = await (pending.result ?? settle(pending));
  if (result.status === 'signed-in') deleteCookie(c, 'demo_pending', cookieOptions);
  return c.json(result);
});

// The fallback: a one-time code, sent by Verify to the user's phone number, never to the caller.
// Within 10 minutes Verify sends the same code again, at most five times; a name nobody has gets
// the same answers without a message.
const TOO_MANY_CODES = 'Too many codes. Wait 10 minutes, then sign in again.';
// Verify keeps a verification (its sends and checks) for 10 minutes: the longest wait it can ask.
const waitForVerify = (c: Context, error: string) => c.json({ error }, 429, { 'Retry-After': '600' });
app.post('/api/signin/code', async c => {
  const pending = pendingOf(c);
  if (!pending) return c.json({ error: 'Start signing in again: this attempt expired.' }, 400);
  if (++pending.codes > 5) return waitForVerify(c, TOO_MANY_CODES);
  limits.codesPerUser.take(pending.name);
  limits.codesPerClient.take(clientOf(c));
  if (pending.user && !(await verify.sendCode(pending.user.phone))) return waitForVerify(c, TOO_MANY_CODES);
  return c.json({ sent: true });
});

const TOO_MANY_TRIES = 'Too many wrong codes. Wait 10 minutes, then sign in again.';
app.post('/api/signin/code/check', async c => {
  const pending = pendingOf(c);
  const code = stringField(await jsonObject(c), 'code');
  if (!pending) return c.json({ error: 'Start signing in again: this attempt expired.' }, 400);
  if (!pending.codes) return c.json({ error: 'Ask for a code first.' }, 400);
  if (!/^[0-9]{4,10}$/.test(code)) return c.json({ error: 'Type the digits of the code from the message.' }, 400);
  const result = pending.user ? await verify.checkCode(pending.user.phone, code) : ++pending.tries > 5 ? 'too-many-tries' : 'wrong';
  if (result === 'too-many-tries') return waitForVerify(c, TOO_MANY_TRIES);
  if (result === 'expired') return c.json({ error: 'This code expired. Send a new code.' }, 400);
  if (result === 'wrong') return c.json({ error: 'That code is not right. Check the message and try again.' }, 400);
  signIn(c, pending.name);
  return c.json({ status: 'signed-in', user: pending.name });
});

// Verify's webhooks, accepted only with a valid X-Twilio-Signature, and each event only once.
app.post('/webhooks/verify', async c => {
  const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
  if (!verify.validWebhook(c.req.header('X-Twilio-Signature') ?? '', webhookUrl, params)) {
    return c.text('Invalid signature', 403);
  }
  // The uuid is signed (a replay cannot change it); the idempotency token marks Twilio's own retries.
  // Both answer 200 without acting again: a retry of a delivery that went through must not be retried on.
  if (!params.uuid) return c.text('No event id', 400);
  const token = c.req.header('I-Twilio-Idempotency-Token');
  const fresh = webhookReplays.firstTime(`uuid:${params.uuid}`);
  if (!fresh || (token && !webhookReplays.firstTime(`token:${token}`))) return c.text('Already received', 200);
  events.unshift({ identity: params.entity_identity, type: params.type, factor: params.factor_sid, challenge: params.challenge_sid, at: new Date().toISOString() });
  events.length = Math.min(events.length, 100);
  if (params.challenge_sid) {
    // Verify is asked at once; the waiting page gets the result as soon as it has it.
    for (const pending of pendingSignIns.values()) {
      if (pending.challengeSid !== params.challenge_sid) continue;
      pending.result = settle(pending);
      pending.result.catch(() => (pending.result = undefined)); // a later ask fetches it again
    }
    challengeNews.emit(params.challenge_sid);
  }
  return c.body(null, 204);
});
app.route(
  '/',
  factorRoutes({
    verify: () => verify,
    cookieOptions: () => cookieOptions,
    userOf,
    userByIdentity: identity => [...users.values()].find(u => u.identity === identity),
    attemptOf: pendingOf,
    signIn,
  }),
);

app.get('/api/events', c => {
  const user = userOf(c);
  return c.json(user ? events.filter(e => e.identity === user.identity).slice(0, 20).map(({ identity, ...e }) => e) : []);
});

// The details stay in the server's log; the page gets no internals of the backend or of Verify.
app.onError((error, c) => {
  if (error instanceof HttpError) return c.json({ error: error.message }, error.status as ContentfulStatusCode, error.headers);
  console.error(`demo: ${c.req.method} ${c.req.path}: ${error.message}`);
  return c.json({ error: 'The demo backend could not complete this request. Try again in a moment.' }, 500);
});

// Of the embedded emulator, only what a browser uses: the Verify Push API and the push stream.
// Its admin and test endpoints (/emulator/state shows live access tokens) are not served here.
if (emulator) {
  app.all('/v2/*', c => emulator.app.fetch(c.req.raw));
  app.get('/emulator/push/:token', c => emulator.app.fetch(c.req.raw));
}
app.notFound(c => c.json({ error: 'Not found.' }, 404));

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, async info => {
  const origin = `http://${info.address === '::1' ? '[::1]' : info.address}:${info.port}`;
  const publicUrl = (process.env.PUBLIC_URL ?? origin).replace(/\/+$/, '');
  cookieOptions = { ...cookieOptions, secure: publicUrl.startsWith('https:') };
  siteOrigins = [...new Set([new URL(publicUrl).origin, origin])];
  baseUrl = real ? 'https://verify.twilio.com/v2/' : `${origin}/v2/`;
  webhookUrl = `${publicUrl}/webhooks/verify`;
  // The site's own URL (not a request's Host header): passkeys and WebOTP codes are bound to the page's origin.
  verify = createVerify(
    emulator
      ? { accountSid: emulator.accountSid, authToken: emulator.authToken, apiOrigin: origin, siteUrl: publicUrl }
      : { accountSid: process.env.TWILIO_ACCOUNT_SID ?? '', authToken: process.env.TWILIO_AUTH_TOKEN ?? '', serviceSid: process.env.VERIFY_SERVICE_SID, siteUrl: publicUrl },
  );
  if (!webhooksReach) console.log('demo: no PUBLIC_URL, so no webhook is subscribed (sign-in still works: the backend polls Verify).');
  try {
    await verify.setUp(webhooksReach ? webhookUrl : undefined);
  } catch (error) {
    console.error(`demo: could not set up Verify (check TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, VERIFY_SERVICE_SID): ${error instanceof Error ? error.message : error}`);
    server.close();
    await emulator?.close();
    process.exit(1);
  }
  if (emulator && testEmulatorPort !== undefined) {
    // Test-only, loopback only: the emulator whole, admin included, for a test to inject faults.
    const listening = await emulator.listen(Number(testEmulatorPort), '127.0.0.1');
    console.log(`demo: test-only emulator admin on ${new URL(listening.url).origin}/`);
  }
  console.log(`verify-elements demo on ${publicUrl}/ (listening on ${origin}/; Verify: ${real ? 'Twilio' : `embedded emulator at ${baseUrl}`})`);
  if (isIP(new URL(publicUrl).hostname.replace(/^\[|\]$/g, ''))) console.log(`demo: passkeys need a domain, not an IP address: open http://localhost:${info.port}/ (or set PUBLIC_URL).`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    await emulator?.close();
    process.exit(0);
  });
}
