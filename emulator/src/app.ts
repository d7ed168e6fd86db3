import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createClock } from './clock.js';
import type { EmulatorContext, Env } from './env.js';
import { ApiError, E } from './errors.js';
import { createPush } from './push.js';
import accessTokens from './routes/access-tokens.js';
import admin, { injectFaults } from './routes/admin.js';
import challenges from './routes/challenges.js';
import entities from './routes/entities.js';
import factors from './routes/factors.js';
import services from './routes/services.js';
import verifications from './routes/verifications.js';
import webhookRoutes from './routes/webhooks.js';
import { createStore, type Storage } from './store.js';
import { createWebhooks } from './webhooks.js';

export type { Storage };

export const DEFAULT_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const DEFAULT_AUTH_TOKEN = 'emulator-auth-token';
const MAX_BODY = 1024 * 1024;
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export interface AppOptions {
  accountSid?: string;
  authToken?: string;
  /** Persist the state there (default: memory only). */
  storage?: Storage;
  /** Allowed CORS origins, `*` for any (default: any localhost origin). */
  origins?: string[];
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
  const hooksOf = (serviceSid: string) => Object.values(store.state.webhooks).filter(w => w.service_sid === serviceSid);

  const ctx: EmulatorContext = {
    store,
    clock,
    accountSid,
    authToken,
    push,
    webhooks,
    faults: [],
    limits: { factorCreationsPerMinute: options.factorCreationsPerMinute ?? 30 },
    factorCreations: new Map(),
    emitFactorEvent: (type, f) => webhooks.emit(hooksOf(f.service_sid), type, {
      account_sid: accountSid, service_sid: f.service_sid, entity_identity: f.identity, factor_sid: f.sid, factor_type: 'push',
    }),
    emitChallengeEvent: (type, ch) => webhooks.emit(hooksOf(ch.service_sid), type, {
      account_sid: accountSid, service_sid: ch.service_sid, entity_identity: ch.identity, factor_sid: ch.factor_sid, factor_type: 'push', challenge_sid: ch.sid,
    }),
  };

  const app = new Hono<Env>();
  app.use((c, next) => {
    c.set('ctx', ctx);
    // The emulator clock, so that tests moving it also move what devices correct their clock by.
    c.header('Date', new Date(clock.now()).toUTCString());
    return next();
  });
  app.use(cors({
    origin: origin => (origins.includes('*') || origins.includes(origin) || (!origins.length && LOCAL_ORIGIN.test(origin)) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    exposeHeaders: ['Twilio-Verify-Signature-Fields', 'Date'],
    maxAge: 600,
  }));
  app.use(bodyLimit({ maxSize: MAX_BODY, onError: async c => {
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
  } }));
  app.use('/v2/*', injectFaults);
  for (const routes of [services, entities, accessTokens, factors, challenges, verifications, webhookRoutes, admin]) app.route('/', routes);

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
    state: store.state,
    clock,
    push,
    accountSid,
    authToken,
    /** Ends push streams and webhook retries, and waits for the last write. */
    async close(): Promise<void> {
      push.close();
      webhooks.close();
      await store.save();
    },
  };
}

export type EmulatorApp = Awaited<ReturnType<typeof createEmulatorApp>>;
