// `npm start`: the demo site. One port serves the page, the sample backend and (unless TWILIO_*
// variables point at the real service) an embedded Verify Push emulator under /v2/ and /emulator/.
//
//   PORT=3000 npm start                                    # embedded emulator
//   TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… PUBLIC_URL=https://… npm start   # the real Verify
//
// Users live in memory; the identity sent to Verify is a random UUID, never the user name.
import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { CookieOptions } from 'hono/utils/cookie';
import { createEmulator } from 'verify-push-emulator/node';
// The kit's source, as the page's bundle below: the demo runs without a build of the kit.
import { formatOtpSms } from '../../src/sms/index.js';
import { createVerify, type Verify } from './verify.js';

const port = Number(process.env.PORT ?? 3000);
const real = Boolean(process.env.TWILIO_ACCOUNT_SID);
// Its auth token is a fresh secret, not the emulator's well-known default: webhook signatures are
// only as good as the secret behind them, and this server may be reachable through PUBLIC_URL.
const emulator = real ? undefined : await createEmulator({ authToken: randomBytes(24).toString('base64url') });
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
}
interface PendingSignIn {
  name: string;
  identity: string;
  challengeSid?: string;
  number?: string;
  code?: string;
  codes: number;
  tries: number;
  expires: number;
}
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
/** Webhook events the backend received and validated, newest first; each user's page sees its own. */
const events: VerifyEvent[] = [];

const app = new Hono();
// Known once the server listens (the twilio library talks to this very server).
let verify: Verify;
let baseUrl: string;
let webhookUrl: string;
let cookieOptions: CookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/', secure: false };

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
/** "Firefox on Linux": enough for the user to recognise the sign-in, nothing more. */
const describeBrowser = (ua: string) => {
  const browser = [['Edg/', 'Edge'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']].find(([mark]) => ua.includes(mark))?.[1];
  const os = [['Android', 'Android'], ['iPhone', 'iOS'], ['Mac OS', 'macOS'], ['Windows', 'Windows'], ['Linux', 'Linux']].find(([mark]) => ua.includes(mark))?.[1];
  return `${browser ?? 'A browser'} on ${os ?? 'an unknown system'}`;
};
/** A string field of the request's JSON body ('' when absent or not JSON). */
const field = async (c: Context, key: string): Promise<string> => {
  const body: unknown = await c.req.json().catch(() => ({}));
  const value = typeof body === 'object' && body !== null && key in body ? Reflect.get(body, key) : undefined;
  return value === undefined || value === null ? '' : String(value);
};
const nameOf = async (c: Context) => (await field(c, 'name')).trim().slice(0, 64);

app.get('/', async c => c.html(await readFile(new URL('index.html', publicDir), 'utf8')));
app.get('/style.css', async c => c.body(await readFile(new URL('style.css', publicDir), 'utf8'), 200, { 'Content-Type': 'text/css' }));
app.get('/assets/:file', c => {
  const text = assets.get(`/assets/${c.req.param('file')}`);
  return text ? c.body(text, 200, { 'Content-Type': 'text/javascript' }) : c.notFound();
});

app.get('/api/config', c => c.json({ verifyBaseUrl: baseUrl, emulator: !real }));

app.get('/api/me', c => c.json({ user: userOf(c)?.name ?? null }));

app.post('/api/signup', async c => {
  const name = await nameOf(c);
  if (!name) return c.json({ error: 'Choose a user name.' }, 400);
  if (users.has(name)) return c.json({ error: `"${name}" is taken. Sign in instead, or pick another name.` }, 409);
  users.set(name, { name, identity: randomUUID() });
  signIn(c, name);
  return c.json({ user: name });
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
app.post('/api/signin', async c => {
  const name = await nameOf(c);
  const user = users.get(name);
  if (!user) return c.json({ error: `No user "${name}". Sign up first.` }, 404);
  // A new attempt replaces this browser's previous one; attempts nobody finished are dropped.
  pendingSignIns.delete(getCookie(c, 'demo_pending') ?? '');
  for (const [id, p] of pendingSignIns) if (p.expires <= Date.now()) pendingSignIns.delete(id);
  const id = randomUUID();
  const pending: PendingSignIn = { name, identity: user.identity, codes: 0, tries: 0, expires: Date.now() + 5 * 60_000 };
  pendingSignIns.set(id, pending);
  setCookie(c, 'demo_pending', id, cookieOptions);
  const [factor] = await verify.verifiedFactors(user.identity);
  if (!factor) return c.json({ method: 'code' });
  Object.assign(pending, await verify.signInChallenge(user.identity, factor.sid, { browser: describeBrowser(c.req.header('User-Agent') ?? '') }));
  return c.json({ method: 'push', number: pending.number });
});

// Step 2 (push): the backend polls Verify; webhooks below say the same thing, signed.
app.get('/api/signin/status', async c => {
  const pending = pendingOf(c);
  if (!pending?.challengeSid) return c.json({ status: 'none' });
  const challenge = await verify.challenge(pending.identity, pending.challengeSid);
  const metadata: Record<string, unknown> = challenge.metadata ?? {};
  if (challenge.status === 'approved' && metadata.match_choice === pending.number) {
    signIn(c, pending.name);
    return c.json({ status: 'signed-in', user: pending.name });
  }
  if (challenge.status === 'approved') return c.json({ status: 'wrong-number' });
  if (challenge.status === 'denied') return c.json({ status: 'denied', reported: metadata.reported === 'true' });
  return c.json({ status: challenge.status });
});

// The fallback: a one-time code. No SMS can be sent from here, so the page shows the message.
app.post('/api/signin/code', c => {
  const pending = pendingOf(c);
  if (!pending) return c.json({ error: 'Start signing in again: this attempt expired.' }, 400);
  // Each new code resets the tries, so the number of codes is what bounds the guesses.
  if (++pending.codes > 3) return c.json({ error: 'Too many codes. Start signing in again.' }, 429);
  pending.code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  pending.tries = 0;
  // The site's own host (not the request's Host header): WebOTP binds the code to the page's origin.
  const host = new URL(webhookUrl).hostname;
  const sms = formatOtpSms({ code: pending.code, host, text: `Your verify-elements demo code is ${pending.code}.` });
  return c.json({ sms });
});

app.post('/api/signin/code/check', async c => {
  const pending = pendingOf(c);
  const code = await field(c, 'code');
  if (!pending) return c.json({ error: 'Start signing in again: this attempt expired.' }, 400);
  if (!pending.code) return c.json({ error: 'Ask for a code first.' }, 400);
  if (++pending.tries > 5) return c.json({ error: 'Too many tries. Ask for a new code.' }, 429);
  const [given, expected] = [Buffer.from(code), Buffer.from(pending.code)];
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  if (!ok) return c.json({ error: 'That code is not right. Check the message and try again.' }, 400);
  signIn(c, pending.name);
  return c.json({ status: 'signed-in', user: pending.name });
});

// Verify's webhooks, accepted only with a valid X-Twilio-Signature.
app.post('/webhooks/verify', async c => {
  const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
  if (!verify.validWebhook(c.req.header('X-Twilio-Signature') ?? '', webhookUrl, params)) {
    return c.text('Invalid signature', 403);
  }
  events.unshift({ identity: params.entity_identity, type: params.type, factor: params.factor_sid, challenge: params.challenge_sid, at: new Date().toISOString() });
  events.length = Math.min(events.length, 100);
  return c.body(null, 204);
});
app.get('/api/events', c => {
  const user = userOf(c);
  return c.json(user ? events.filter(e => e.identity === user.identity).slice(0, 20).map(({ identity, ...e }) => e) : []);
});

// The details stay in the server's log; the page gets no internals of the backend or of Verify.
app.onError((error, c) => {
  console.error(`demo: ${c.req.method} ${c.req.path}: ${error.message}`);
  return c.json({ error: 'The demo backend could not complete this request. Try again in a moment.' }, 500);
});

// Everything else is the embedded Verify Push API.
if (emulator) app.all('*', c => emulator.app.fetch(c.req.raw));

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, async info => {
  const origin = `http://${info.address === '::1' ? '[::1]' : info.address}:${info.port}`;
  const publicUrl = (process.env.PUBLIC_URL ?? origin).replace(/\/+$/, '');
  cookieOptions = { ...cookieOptions, secure: publicUrl.startsWith('https:') };
  baseUrl = real ? 'https://verify.twilio.com/v2/' : `${origin}/v2/`;
  webhookUrl = `${publicUrl}/webhooks/verify`;
  verify = createVerify(
    emulator
      ? { accountSid: emulator.accountSid, authToken: emulator.authToken, apiOrigin: origin }
      : { accountSid: process.env.TWILIO_ACCOUNT_SID ?? '', authToken: process.env.TWILIO_AUTH_TOKEN ?? '', serviceSid: process.env.VERIFY_SERVICE_SID },
  );
  // Twilio cannot reach a loopback address: without PUBLIC_URL the real service gets no webhook.
  const reachable = !real || Boolean(process.env.PUBLIC_URL);
  if (!reachable) console.log('demo: no PUBLIC_URL, so no webhook is subscribed (sign-in still works: the backend polls Verify).');
  try {
    await verify.setUp(reachable ? webhookUrl : undefined);
  } catch (error) {
    console.error(`demo: could not set up Verify (check TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, VERIFY_SERVICE_SID): ${error instanceof Error ? error.message : error}`);
    server.close();
    await emulator?.close();
    process.exit(1);
  }
  console.log(`verify-elements demo on ${publicUrl}/ (Verify: ${real ? 'Twilio' : `embedded emulator at ${baseUrl}`})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    await emulator?.close();
    process.exit(0);
  });
}
