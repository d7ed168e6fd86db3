import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { adminAuth } from '../auth.js';
import type { OutboxMessageJson } from 'verify-elements/protocol';
import { rfc3339 } from '../clock.js';
import type { Env, Fault, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { outboxPage } from '../outbox-page.js';
import type { PushEntry } from '../push.js';

const encoder = new TextEncoder();

/** Reads a small JSON object body of an emulator-only endpoint. */
async function jsonBody(c: RouteContext): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw E.invalidParam('The body must be a JSON object.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw E.invalidParam('The body must be a JSON object.');
  return Object.fromEntries(Object.entries(body));
}

/** A number within [min, max], or `fallback` when absent. */
function number<F extends number | undefined>(value: unknown, name: string, min: number, max: number, fallback: F): number | F {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw E.invalidParam(`${name} must be a number from ${min} to ${max}.`);
  return value;
}

/** The messages of the outbox in the order sent, only those to `?to=` when the query names a recipient. */
function messagesOf(c: RouteContext): OutboxMessageJson[] {
  const to = c.req.query('to');
  return Object.values(c.var.ctx.store.state.messages)
    .filter(m => to === undefined || m.to === to)
    .map(m => ({ ...m, date_created: rfc3339(m.date_created) }));
}

const clockView = (c: RouteContext) => ({ now: rfc3339(c.var.ctx.clock.now()), offset_seconds: c.var.ctx.clock.offsetSeconds });

/** Server-sent events in FCM's data-message shape; the event id lets EventSource resume. */
function pushStream(c: RouteContext, token: string): Response {
  const { push } = c.var.ctx;
  const lastId = Number(c.req.header('last-event-id'));
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A stream the client already left throws on enqueue; that must not fail the sender.
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      send('retry: 1000\n: connected\n\n');
      const deliver = (entry: PushEntry) => send(`id: ${entry.id}\ndata: ${JSON.stringify(entry.payload)}\n\n`);
      const end = () => {
        stop();
        try {
          controller.close();
        } catch { /* already closed by the client */ }
      };
      const unsubscribe = push.subscribe(token, Number.isInteger(lastId) && lastId >= 0 ? lastId : null, deliver, end);
      const timer = setInterval(() => send(': keep-alive\n\n'), 15_000);
      stop = () => {
        clearInterval(timer);
        unsubscribe();
      };
    },
    cancel: () => stop(),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' } });
}

/**
 * Emulator-only endpoints: health, state view, push outbox and stream, fault injection, clock. The
 * push stream takes no credentials (EventSource sends none; the notification token is the secret,
 * as with FCM); state, outbox, faults and clock take the account's (auth.ts adminAuth).
 */
export default new Hono<Env>()
  .get('/emulator/health', c => c.json({ status: 'ok' }))
  .get('/emulator/state', adminAuth, c => {
    const { accountSid, faults, store, webhooks } = c.var.ctx;
    // A totp secret is shown once, in its factor's create answer: never here.
    const factors = Object.fromEntries(Object.entries(store.state.factors).map(([sid, f]) => [sid, f.totp ? { ...f, totp: { ...f.totp, secret: '(shown only when created)' } } : f]));
    return c.json({ account_sid: accountSid, clock: clockView(c), faults, ...store.state, factors, webhook_deliveries: webhooks.log });
  })
  .get('/emulator/outbox', adminAuth, c => c.json({
    pushes: c.var.ctx.push.outbox.map(({ date_created, expires, ...rest }) => ({ ...rest, date_created: rfc3339(date_created), expires: rfc3339(expires) })),
    messages: messagesOf(c),
  }))
  .get('/emulator/outbox.html', adminAuth, c => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return c.html(outboxPage(messagesOf(c)));
  })
  .get('/emulator/push/:token', c => pushStream(c, c.req.param('token')))
  .get('/emulator/faults', adminAuth, c => c.json({ faults: c.var.ctx.faults }))
  .post('/emulator/faults', adminAuth, async c => {
    const { faults } = c.var.ctx;
    const body = await jsonBody(c);
    const status = number(body.status, 'status', 400, 599, undefined);
    const delayMs = number(body.delayMs, 'delayMs', 0, 600_000, 0);
    if (status === undefined && !delayMs) throw E.invalidParam('Give a status (400–599), a delayMs, or both.');
    if (body.path !== undefined && typeof body.path !== 'string') throw E.invalidParam('path must be a string (a substring of the /v2 path to match).');
    const fault: Fault = {
      status: status === undefined ? null : Math.trunc(status),
      count: Math.trunc(number(body.count, 'count', 1, 1e6, 1)),
      delayMs,
      path: typeof body.path === 'string' ? body.path : null,
    };
    faults.push(fault);
    return c.json({ faults }, 201);
  })
  .delete('/emulator/faults', adminAuth, c => {
    c.var.ctx.faults.length = 0;
    return c.body(null, 204);
  })
  .get('/emulator/clock', adminAuth, c => c.json(clockView(c)))
  .post('/emulator/clock', adminAuth, async c => {
    c.var.ctx.clock.setOffset(number((await jsonBody(c)).offsetSeconds, 'offsetSeconds', -1e9, 1e9, 0));
    return c.json(clockView(c));
  });

/**
 * Middleware for /v2: the next `count` requests matching a fault wait `delayMs`, then answer
 * `status` (or go through when the fault only delays). Preflights never match.
 */
export const injectFaults = createMiddleware<Env>(async (c, next) => {
  const { faults } = c.var.ctx;
  if (c.req.method === 'OPTIONS' || !faults.length) return next();
  const path = c.req.path;
  const at = faults.findIndex(f => !f.path || path.includes(f.path));
  if (at < 0) return next();
  const fault = faults[at];
  if (--fault.count <= 0) faults.splice(at, 1);
  if (fault.delayMs) await new Promise(resolve => setTimeout(resolve, fault.delayMs));
  // POST /emulator/faults takes 400–599 only.
  if (fault.status) throw E.injected(fault.status as ContentfulStatusCode);
  return next();
});
