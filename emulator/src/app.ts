import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createClock } from './clock.js';
import type { EmulatorContext, Env } from './env.js';
import { ApiError, E } from './errors.js';
import { createPush } from './push.js';
import { createRetention } from './retention.js';
import accessTokens from './routes/access-tokens.js';
import admin, { injectFaults } from './routes/admin.js';
import challenges from './routes/challenges.js';
import entities from './routes/entities.js';
import factors from './routes/factors.js';
import passkeys from './routes/passkeys.js';
import services from './routes/services.js';
import verifications from './routes/verifications.js';
import webhookRoutes from './routes/webhooks.js';
import { createStore, type Storage } from './store.js';
import { createWebhooks } from './webhooks.js';

export type { Storage };

export const DEFAULT_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const DEFAULT_AUTH_TOKEN = 'emulator-auth-token';
const MAX_BODY = 1024 * 1024;
const LOCAL_ORIGIN = /^https?:\/\/(localhost|[\w-]+(\.[\w-]+)*\.localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AppOptions {
  accountSid?: string;
  authToken?: string;
  /** Persist the state there (default: memory only). */
  storage?: Storage;
  /** Allowed CORS origins, `*` for any (default: any localhost origin). */
  origins?: string[];
  /** Serve /emulator/state, faults, clock and outbox without the account credentials (default: they take them). */
  openAdmin?: boolean;
  /** How long answered and expired challenges stay, in seconds (default a day). */
  retentionSeconds?: number;
  /** Tune tests. */
  webhookRetryDelaysMs?: number[];
  factorCreationsPerMinute?: number;
}

/**
 * A local Verify Push API (docs/protocol.md) as a Hono app, with its state. Web-standard APIs only,
 * so the same app serves Node (server.ts) and a browser's Service Worker (Storybook's static build).
 */
export async function createEmulatorApp(options: AppOptions = {}) {
  const { accountSid = DEFAULT_ACCOUNT_SID, authToken = DEFAULT_AUTH_TOKEN, origins = [] } = options;
  // It keys the webhook signatures (HMAC, which WebCrypto refuses with an empty key) and Basic auth.
  if (!authToken) throw new TypeError('The emulator needs a non-empty auth token (--auth-token); leave it out to use the default.');
  const store = await createStore({ storage: options.storage });
  const clock = createClock();
  const push = createPush({ clock });
  const webhooks = createWebhooks({ authToken, retryDelaysMs: options.webhookRetryDelaysMs });
  const retention = createRetention(options.retentionSeconds);
  // Events go out once their change is stored, to the webhooks stored.
  const hooksOf = (serviceSid: string) => Object.values(store.reader.state.webhooks).filter(w => w.service_sid === serviceSid);

  const ctx: EmulatorContext = {
    store: store.reader,
    clock,
    accountSid,
    authToken,
    push,
    webhooks,
    faults: [],
    openAdmin: options.openAdmin ?? false,
    limits: { factorCreationsPerMinute: options.factorCreationsPerMinute ?? 30 },
    factorCreations: new Map(),
    emitFactorEvent: (type, f) => webhooks.emit(hooksOf(f.service_sid), type, {
      account_sid: accountSid, service_sid: f.service_sid, entity_identity: f.identity, factor_sid: f.sid, factor_type: f.totp ? 'totp' : 'push',
    }),
    emitChallengeEvent: (type, ch) => webhooks.emit(hooksOf(ch.service_sid), type, {
      account_sid: accountSid, service_sid: ch.service_sid, entity_identity: ch.identity, factor_sid: ch.factor_sid, factor_type: ch.factor_type ?? 'push', challenge_sid: ch.sid,
    }),
    emitPasskeyFactorEvent: (type, f) => webhooks.emit(hooksOf(f.service_sid), type, {
      account_sid: accountSid, service_sid: f.service_sid, entity_identity: f.identity, factor_sid: f.sid, factor_type: 'passkeys',
    }),
    emitPasskeyChallengeEvent: (type, ch, f) => webhooks.emit(hooksOf(ch.service_sid), type, {
      account_sid: accountSid, service_sid: ch.service_sid, entity_identity: f.identity, factor_sid: f.sid, factor_type: 'passkeys', challenge_sid: ch.sid,
    }),
  };

  const app = new Hono<Env>();
  app.use(async (c, next) => {
    // The emulator clock, so that tests moving it also move what devices correct their clock by.
    c.header('Date', new Date(clock.now()).toUTCString());
    if (READS.has(c.req.method)) {
      // Reads see what is stored.
      c.set('ctx', ctx);
      return next();
    }
    // A change works in a session over the latest state; it shows once its route saved it (store.ts).
    const session = store.session();
    c.set('ctx', { ...ctx, store: session });
    retention.sweep(session, clock.now());
    await next();
    // An answer that stored nothing itself (a 4xx, say) may rest on changes not yet stored: it
    // waits for them, and if they could not be stored it is that failure instead.
    const failure = session.saved ? null : await session.dirty();
    if (failure) c.res = c.json(failure.toJSON(), failure.status);
  });
  const corsHeaders = cors({
    origin: origin => (origins.includes('*') || origins.includes(origin) || (!origins.length && LOCAL_ORIGIN.test(origin)) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    exposeHeaders: ['Twilio-Verify-Signature-Fields', 'Date'],
    maxAge: 600,
  });
  // Only browsers send Origin, and only their requests need CORS headers (adding Vary to every
  // answer costs Node a web Response per request).
  app.use((c, next) => (c.req.header('origin') === undefined ? next() : corsHeaders(c, next)));
  const limitBody = bodyLimit({ maxSize: MAX_BODY, onError: async c => {
    // Read (a bounded amount of) the rest so that the client gets the 413 instead of a reset.
    const body = c.req.raw.body;
    if (body && !body.locked) {
      const reader = body.getReader();
      for (let seen = 0; seen < 32 * MAX_BODY;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += value.length;
      }
      await reader.cancel();
    }
    throw E.tooLarge();
  } });
  app.use((c, next) => {
    // A body within its Content-Length (which Node's HTTP parser holds it to) needs no counting:
    // bodyLimit reads the body as a stream, which costs Node a web Request per request.
    const length = c.req.header('content-length');
    if (READS.has(c.req.method) || (length !== undefined && Number(length) <= MAX_BODY)) return next();
    return limitBody(c, next);
  });
  app.use('/v2/*', injectFaults);
  for (const routes of [services, entities, accessTokens, factors, challenges, passkeys, verifications, webhookRoutes, admin]) app.route('/', routes);

  // Any other method on a known path: 405 with the methods it has, in the order they were defined
  // (each handler of a route, middleware included, is an entry of app.routes).
  const allowed = new Map<string, Set<string>>();
  for (const { path, method } of app.routes) if (method !== 'ALL') allowed.set(path, (allowed.get(path) ?? new Set()).add(method));
  for (const [path, methods] of allowed) {
    const allow = [...methods].join(', ');
    app.all(path, c => {
      c.header('Allow', allow);
      throw E.methodNotAllowed(c.req.method, allow);
    });
  }

  app.notFound(c => c.json(E.notFound(c.req.path.slice(0, 200)).toJSON(), 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status);
    console.error(`verify-push-emulator: ${c.req.method} ${c.req.path.slice(0, 200)} failed: ${err.stack ?? err}`);
    return c.json(E.serviceFailed().toJSON(), 500);
  });

  return {
    app,
    /** The stored state. */
    state: store.reader.state,
    clock,
    push,
    accountSid,
    authToken,
    /** Ends push streams and webhook retries, and waits for the last write. */
    async close(): Promise<void> {
      push.close();
      webhooks.close();
      await store.close();
    },
  };
}

export type EmulatorApp = Awaited<ReturnType<typeof createEmulatorApp>>;
