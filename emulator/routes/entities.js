import { authenticate } from '../auth.js';
import { rfc3339 } from '../clock.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, one, origin } from '../params.js';
import { newSid } from '../sid.js';
import { checkIdentity, entityOf, entityUrl, serviceOf } from './lookup.js';

/** @param {string} base @param {Record<string, any>} e @param {string} accountSid */
export function renderEntity(base, e, accountSid) {
  const url = entityUrl(base, e);
  return {
    sid: e.sid,
    identity: e.identity,
    account_sid: accountSid,
    service_sid: e.service_sid,
    date_created: rfc3339(e.date_created),
    date_updated: rfc3339(e.date_updated),
    url,
    links: { factors: `${url}/Factors`, challenges: `${url}/Challenges` },
  };
}

/**
 * Creates the entity of an identity (explicitly, or implicitly by its first factor).
 * @param {import('../store.js').Store} store
 * @param {string} serviceSid
 * @param {string} identity
 * @param {number} now
 */
export const insertEntity = (store, serviceSid, identity, now) =>
  store.insert('entities', { sid: newSid('YE'), service_sid: serviceSid, identity, date_created: now, date_updated: now });

/** @param {import('../app.js').Resource} resource @param {import('../app.js').Context} ctx */
export default function entities(resource, ctx) {
  const { store, clock, accountSid } = ctx;
  const render = (/** @type {import('hono').Context} */ c, /** @type {Record<string, any>} */ e) => renderEntity(origin(c), e, accountSid);

  resource('/v2/Services/:service/Entities', {
    GET: async c => {
      await authenticate(c, ctx, ['account']);
      const service = serviceOf(store, c);
      const rows = Object.values(store.state.entities).filter(e => e.service_sid === service.sid);
      return c.json(page(c, rows, 'entities', {}, e => render(c, e)));
    },
    POST: async c => {
      await authenticate(c, ctx, ['account']);
      const service = serviceOf(store, c);
      const identity = checkIdentity(one(await formBody(c), 'Identity'));
      if (store.entity(service.sid, identity)) throw E.invalidParam('An entity with this Identity already exists in the service; fetch it instead.');
      const row = insertEntity(store, service.sid, identity, clock.now());
      await store.save();
      return c.json(render(c, row), 201);
    },
  });

  resource('/v2/Services/:service/Entities/:identity', {
    GET: async c => {
      await authenticate(c, ctx, ['account']);
      return c.json(render(c, entityOf(store, c)));
    },
    DELETE: async c => {
      await authenticate(c, ctx, ['account']);
      const removed = store.removeEntity(entityOf(store, c).sid);
      await store.save();
      for (const f of removed) ctx.emitFactorEvent('factor.deleted', f);
      return c.body(null, 204);
    },
  });
}
