import { Hono } from 'hono';
import { SID_PREFIX, WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookJson } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { all, formBody, one, origin, type Params } from '../params.js';
import { newSid } from '../sid.js';
import type { Store, WebhookRow } from '../store.js';
import { SERVICE, serviceOf, serviceUrl } from './lookup.js';

const EVENT_TYPES: readonly string[] = WEBHOOK_EVENT_TYPES;
const isEventType = (value: string): value is WebhookEventType => EVENT_TYPES.includes(value);
const allEventTypes = (list: string[]): list is WebhookEventType[] => list.every(isEventType);

function isHttpUrl(value: string | undefined): value is string {
  try {
    return /^https?:$/.test(new URL(value ?? '').protocol);
  } catch {
    return false;
  }
}

const renderWebhook = (base: string, w: WebhookRow, accountSid: string): WebhookJson => ({
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

type Settings = Pick<WebhookRow, 'friendly_name' | 'event_types' | 'webhook_url' | 'status' | 'version'>;

/**
 * Reads the webhook parameters over `current`; on creation (no `current`) every one but Status and
 * Version is required. Loopback URLs are fine: the emulator runs beside the app.
 */
function readSettings(p: Params, current?: Settings): Settings {
  const name = one(p, 'FriendlyName') ?? current?.friendly_name;
  if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
  const sent = all(p, 'EventTypes');
  const types = sent.length ? [...new Set(sent)] : current?.event_types ?? [];
  if (!types.length || !allEventTypes(types)) {
    const bad = types.find(t => !isEventType(t));
    throw E.invalidParam(`EventTypes must list one or more of ${EVENT_TYPES.join(', ')}${bad !== undefined ? `; got ${JSON.stringify(bad.slice(0, 40))}` : ''}.`);
  }
  const url = one(p, 'WebhookUrl') ?? current?.webhook_url;
  if (!isHttpUrl(url)) throw E.invalidParam('WebhookUrl must be an absolute http(s) URL.');
  const status = one(p, 'Status') ?? current?.status ?? 'enabled';
  if (status !== 'enabled' && status !== 'disabled') throw E.invalidParam('Status must be enabled or disabled.');
  const version = one(p, 'Version') ?? current?.version ?? 'v2';
  if (version !== 'v1' && version !== 'v2') throw E.invalidParam('Version must be v1 or v2.');
  return { friendly_name: name, event_types: types, webhook_url: url, status, version };
}

/** The webhook in the path, within the service. */
function webhookOf(store: Store, path: { service: string; webhook: string }): WebhookRow {
  const service = serviceOf(store, path);
  const row = store.get('webhooks', path.webhook);
  if (!row || row.service_sid !== service.sid) throw E.notFound(`Webhooks/${path.webhook}`);
  return row;
}

const render = (c: RouteContext, w: WebhookRow) => renderWebhook(origin(c), w, c.var.ctx.accountSid);
const WEBHOOKS = `${SERVICE}/Webhooks` as const;
const WEBHOOK = `${WEBHOOKS}/:webhook` as const;

export default new Hono<Env>()
  .get(WEBHOOKS, auth('account'), c => {
    const { store } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    return c.json(page(c, Object.values(store.state.webhooks).filter(w => w.service_sid === service.sid), 'webhooks', {}, w => render(c, w)));
  })
  .post(WEBHOOKS, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const settings = readSettings(await formBody(c));
    const now = clock.now();
    const row = store.insert('webhooks', { sid: newSid(SID_PREFIX.webhook), service_sid: service.sid, ...settings, date_created: now, date_updated: now });
    await store.save();
    return c.json(render(c, row), 201);
  })
  .get(WEBHOOK, auth('account'), c => c.json(render(c, webhookOf(c.var.ctx.store, c.req.param()))))
  .post(WEBHOOK, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const row = webhookOf(store, c.req.param());
    const updated = store.update('webhooks', row, { ...readSettings(await formBody(c), row), date_updated: clock.now() });
    await store.save();
    return c.json(render(c, updated));
  })
  .delete(WEBHOOK, auth('account'), async c => {
    const { store } = c.var.ctx;
    store.removeWebhook(webhookOf(store, c.req.param()).sid);
    await store.save();
    return c.body(null, 204);
  });
