import { authenticate } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, one, origin } from '../params.js';
import { newSid } from '../sid.js';
import { serviceOf, serviceUrl } from './lookup.js';

/** @param {string} base @param {Record<string, any>} s @param {string} accountSid */
export function renderService(base, s, accountSid) {
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

/** @param {Record<string, string | string[]>} p */
function friendlyName(p) {
  const name = one(p, 'FriendlyName');
  if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
  return name;
}

/** @param {import('../app.js').Resource} resource @param {import('../app.js').Context} ctx */
export default function services(resource, ctx) {
  const { store, clock, accountSid } = ctx;
  const render = (/** @type {import('hono').Context} */ c, /** @type {Record<string, any>} */ s) => renderService(origin(c), s, accountSid);

  resource('/v2/Services', {
    GET: async c => {
      await authenticate(c, ctx, ['account']);
      return c.json(page(c, Object.values(store.state.services), 'services', {}, s => render(c, s)));
    },
    POST: async c => {
      await authenticate(c, ctx, ['account']);
      const name = friendlyName(await formBody(c));
      const now = clock.now();
      const row = store.insert('services', { sid: newSid('VA'), friendly_name: name, date_created: now, date_updated: now });
      await store.save();
      return c.json(render(c, row), 201);
    },
  });

  resource('/v2/Services/:service', {
    GET: async c => {
      await authenticate(c, ctx, ['account']);
      return c.json(render(c, serviceOf(store, c)));
    },
    POST: async c => {
      await authenticate(c, ctx, ['account']);
      const row = serviceOf(store, c);
      const p = await formBody(c);
      if (one(p, 'FriendlyName') !== undefined) row.friendly_name = friendlyName(p);
      row.date_updated = clock.now();
      await store.save();
      return c.json(render(c, row));
    },
    DELETE: async c => {
      await authenticate(c, ctx, ['account']);
      store.removeService(serviceOf(store, c).sid);
      await store.save();
      return c.body(null, 204);
    },
  });
}
