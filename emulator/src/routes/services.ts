import { Hono } from 'hono';
import { SID_PREFIX, type ServiceJson } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, one, origin, type Params } from '../params.js';
import { newSid } from '../sid.js';
import type { ServiceRow } from '../store.js';
import { SERVICE, serviceOf, serviceUrl } from './lookup.js';

export function renderService(base: string, s: ServiceRow, accountSid: string): ServiceJson {
  const url = serviceUrl(base, s.sid);
  return {
    sid: s.sid,
    account_sid: accountSid,
    friendly_name: s.friendly_name,
    code_length: 6,
    push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
    date_created: rfc3339(s.date_created),
    date_updated: rfc3339(s.date_updated),
    url,
    links: { entities: `${url}/Entities`, access_tokens: `${url}/AccessTokens`, webhooks: `${url}/Webhooks` },
  };
}

function friendlyName(p: Params): string {
  const name = one(p, 'FriendlyName');
  if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
  return name;
}

const render = (c: RouteContext, s: ServiceRow) => renderService(origin(c), s, c.var.ctx.accountSid);

export default new Hono<Env>()
  .get('/v2/Services', auth('account'), c => {
    const { store } = c.var.ctx;
    return c.json(page(c, Object.values(store.state.services), 'services', {}, s => render(c, s)));
  })
  .post('/v2/Services', auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const name = friendlyName(await formBody(c));
    const now = clock.now();
    const row = store.insert('services', { sid: newSid(SID_PREFIX.service), friendly_name: name, date_created: now, date_updated: now });
    await store.save();
    return c.json(render(c, row), 201);
  })
  .get(SERVICE, auth('account'), c => c.json(render(c, serviceOf(c.var.ctx.store, c.req.param()))))
  .post(SERVICE, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const row = serviceOf(store, c.req.param());
    const p = await formBody(c);
    const name = one(p, 'FriendlyName') === undefined ? row.friendly_name : friendlyName(p);
    const updated = store.update('services', row, { friendly_name: name, date_updated: clock.now() });
    await store.save();
    return c.json(render(c, updated));
  })
  .delete(SERVICE, auth('account'), async c => {
    const { store } = c.var.ctx;
    store.removeService(serviceOf(store, c.req.param()).sid);
    await store.save();
    return c.body(null, 204);
  });
