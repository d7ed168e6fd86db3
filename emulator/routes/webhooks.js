import { authenticate } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { all, formBody, one, origin } from '../params.js';
import { newSid } from '../sid.js';
import { serviceOf, serviceUrl } from './lookup.js';

const EVENT_TYPES = ['*', 'factor.created', 'factor.verified', 'factor.deleted', 'challenge.approved', 'challenge.denied'];

/** @param {string} base @param {Record<string, any>} w @param {string} accountSid */
const renderWebhook = (base, w, accountSid) => ({
  sid: w.sid,
  service_sid: w.service_sid,
  account_sid: accountSid,
  friendly_name: w.friendly_name,
  event_types: w.event_types,
  status: w.status,
  version: w.version,
  webhook_url: w.webhook_url,
  webhook_method: 'POST',
  date_created: rfc3339(w.date_created),
  date_updated: rfc3339(w.date_updated),
  url: `${serviceUrl(base, w.service_sid)}/Webhooks/${w.sid}`,
});

/**
 * Reads the webhook parameters into `row`; on creation every one but Status and Version is required.
 * Loopback URLs are fine: the emulator runs beside the app.
 * @param {Record<string, string | string[]>} p
 * @param {Record<string, any>} row
 * @param {boolean} creating
 */
function apply(p, row, creating) {
  const name = one(p, 'FriendlyName');
  if (name !== undefined || creating) {
    if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
    row.friendly_name = name;
  }
  const types = all(p, 'EventTypes');
  if (types.length || creating) {
    const bad = types.find(t => !EVENT_TYPES.includes(t));
    if (!types.length || bad !== undefined) throw E.invalidParam(`EventTypes must list one or more of ${EVENT_TYPES.join(', ')}${bad !== undefined ? `; got ${JSON.stringify(bad.slice(0, 40))}` : ''}.`);
    row.event_types = [...new Set(types)];
  }
  const url = one(p, 'WebhookUrl');
  if (url !== undefined || creating) {
    let parsed = null;
    try {
      parsed = new URL(url ?? '');
    } catch { /* reported below */ }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) throw E.invalidParam('WebhookUrl must be an absolute http(s) URL.');
    row.webhook_url = url;
  }
  const status = one(p, 'Status') ?? row.status ?? 'enabled';
  if (status !== 'enabled' && status !== 'disabled') throw E.invalidParam('Status must be enabled or disabled.');
  row.status = status;
  const version = one(p, 'Version') ?? row.version ?? 'v2';
  if (version !== 'v1' && version !== 'v2') throw E.invalidParam('Version must be v1 or v2.');
  row.version = version;
}

/** @param {import('../app.js').Resource} resource @param {import('../app.js').Context} ctx */
export default function webhooks(resource, ctx) {
  const { store, clock, accountSid } = ctx;
  const render = (/** @type {import('hono').Context} */ c, /** @type {Record<string, any>} */ w) => renderWebhook(origin(c), w, accountSid);
  /** @param {import('hono').Context} c */
  const webhookOf = c => {
    const service = serviceOf(store, c);
    const row = store.get('webhooks', c.req.param('webhook') ?? '');
    if (!row || row.service_sid !== service.sid) throw E.notFound(`Webhooks/${c.req.param('webhook')}`);
    return row;
  };

  resource('/v2/Services/:service/Webhooks', {
    GET: async c => {
      await authenticate(c, ctx, ['account']);
      const service = serviceOf(store, c);
      return c.json(page(c, Object.values(store.state.webhooks).filter(w => w.service_sid === service.sid), 'webhooks', {}, w => render(c, w)));
    },
    POST: async c => {
      await authenticate(c, ctx, ['account']);
      const service = serviceOf(store, c);
      const now = clock.now();
      const row = { sid: newSid('YW'), service_sid: service.sid, date_created: now, date_updated: now };
      apply(await formBody(c), row, true);
      store.insert('webhooks', row);
      await store.save();
      return c.json(render(c, row), 201);
    },
  });

  resource('/v2/Services/:service/Webhooks/:webhook', {
    GET: async c => {
      await authenticate(c, ctx, ['account']);
      return c.json(render(c, webhookOf(c)));
    },
    POST: async c => {
      await authenticate(c, ctx, ['account']);
      const row = webhookOf(c);
      const updated = { ...row };
      apply(await formBody(c), updated, false);
      Object.assign(row, updated, { date_updated: clock.now() });
      await store.save();
      return c.json(render(c, row));
    },
    DELETE: async c => {
      await authenticate(c, ctx, ['account']);
      store.removeWebhook(webhookOf(c).sid);
      await store.save();
      return c.body(null, 204);
    },
  });
}
