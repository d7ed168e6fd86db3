import { rfc3339 } from '../clock.js';
import { ApiError, E } from '../errors.js';

const encoder = new TextEncoder();

/**
 * Reads a small JSON object body of an emulator-only endpoint.
 * @param {import('hono').Context} c
 * @returns {Promise<Record<string, unknown>>}
 */
async function jsonBody(c) {
  const text = await c.req.text();
  let body;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw E.invalidParam('The body must be a JSON object.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw E.invalidParam('The body must be a JSON object.');
  return body;
}

/**
 * @param {unknown} value
 * @param {string} name
 * @param {number} min
 * @param {number} max
 * @param {number | undefined} fallback
 */
function number(value, name, min, max, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw E.invalidParam(`${name} must be a number from ${min} to ${max}.`);
  return value;
}

/**
 * Emulator-only endpoints: health, state view, push outbox and stream, fault injection, clock.
 * @param {import('../app.js').Resource} resource
 * @param {import('../app.js').Context} ctx
 */
export default function admin(resource, ctx) {
  const { store, clock, push, faults, webhooks } = ctx;
  const clockView = () => ({ now: rfc3339(clock.now()), offset_seconds: clock.offsetSeconds });

  resource('/emulator/health', { GET: c => c.json({ status: 'ok' }) });

  resource('/emulator/state', {
    GET: c => c.json({ account_sid: ctx.accountSid, clock: clockView(), faults, ...store.state, webhook_deliveries: webhooks.log }),
  });

  resource('/emulator/outbox', {
    GET: c => c.json({ pushes: push.outbox.map(({ date_created, expires, ...rest }) => ({ ...rest, date_created: rfc3339(date_created), expires: rfc3339(expires) })) }),
  });

  // Server-sent events in FCM's data-message shape; the event id lets EventSource resume.
  resource('/emulator/push/:token', {
    GET: c => {
      const token = c.req.param('token') ?? '';
      const lastId = Number(c.req.header('last-event-id'));
      /** @type {() => void} */
      let stop = () => {};
      let timer;
      const body = new ReadableStream({
        start(controller) {
          // A stream the client already left throws on enqueue; that must not fail the sender.
          const send = (/** @type {string} */ text) => {
            try {
              controller.enqueue(encoder.encode(text));
            } catch {
              stop();
            }
          };
          send('retry: 1000\n: connected\n\n');
          const deliver = (/** @type {Record<string, any>} */ entry) => send(`id: ${entry.id}\ndata: ${JSON.stringify(entry.payload)}\n\n`);
          const end = () => {
            stop();
            try {
              controller.close();
            } catch { /* already closed by the client */ }
          };
          const unsubscribe = push.subscribe(token, Number.isInteger(lastId) && lastId >= 0 ? lastId : null, deliver, end);
          timer = setInterval(() => send(': keep-alive\n\n'), 15_000);
          stop = () => {
            clearInterval(timer);
            unsubscribe();
          };
        },
        cancel: () => stop(),
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' } });
    },
  });

  resource('/emulator/faults', {
    GET: c => c.json({ faults }),
    POST: async c => {
      const body = await jsonBody(c);
      const status = number(body.status, 'status', 400, 599, undefined);
      const delayMs = number(body.delayMs, 'delayMs', 0, 600_000, 0);
      if (status === undefined && !delayMs) throw E.invalidParam('Give a status (400–599), a delayMs, or both.');
      if (body.path !== undefined && typeof body.path !== 'string') throw E.invalidParam('path must be a string (a substring of the /v2 path to match).');
      const fault = { status: status === undefined ? null : Math.trunc(status), count: Math.trunc(number(body.count, 'count', 1, 1e6, 1) ?? 1), delayMs, path: typeof body.path === 'string' ? body.path : null };
      faults.push(fault);
      return c.json({ faults }, 201);
    },
    DELETE: c => {
      faults.length = 0;
      return c.body(null, 204);
    },
  });

  resource('/emulator/clock', {
    GET: c => c.json(clockView()),
    POST: async c => {
      clock.setOffset(number((await jsonBody(c)).offsetSeconds, 'offsetSeconds', -1e9, 1e9, 0) ?? 0);
      return c.json(clockView());
    },
  });
}

/**
 * Middleware for /v2: the next `count` requests matching a fault wait `delayMs`, then answer
 * `status` (or go through when the fault only delays). Preflights never match.
 * @param {Array<{ status: number | null, count: number, delayMs: number, path: string | null }>} faults
 * @returns {import('hono').MiddlewareHandler}
 */
export function injectFaults(faults) {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || !faults.length) return next();
    const path = c.req.path;
    const at = faults.findIndex(f => !f.path || path.includes(f.path));
    if (at < 0) return next();
    const fault = faults[at];
    if (--fault.count <= 0) faults.splice(at, 1);
    if (fault.delayMs) await new Promise(resolve => setTimeout(resolve, fault.delayMs));
    if (fault.status) throw new ApiError(fault.status, 20000 + fault.status, `Injected fault: this request was answered ${fault.status} by POST /emulator/faults.`);
    return next();
  };
}
