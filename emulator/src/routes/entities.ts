import { Hono } from 'hono';
import { type EntityJson, SID_PREFIX } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, one, origin } from '../params.js';
import { newSid } from '../sid.js';
import type { EntityRow, Store } from '../store.js';
import { checkIdentity, ENTITY, entityOf, entityUrl, SERVICE, serviceOf } from './lookup.js';

export function renderEntity(base: string, e: EntityRow, accountSid: string): EntityJson {
  const url = entityUrl(base, e);
  return {
    sid: e.sid,
    identity: e.identity,
    account_sid: accountSid,
    service_sid: e.service_sid,
    date_created: rfc3339(e.date_created),
    date_updated: rfc3339(e.date_updated),
    url,
    links: { factors: `${url}/Factors`, new_factors: `${url}/Factors`, challenges: `${url}/Challenges` },
  };
}

/** Creates the entity of an identity (explicitly, or implicitly by its first factor). */
export const insertEntity = (store: Store, serviceSid: string, identity: string, now: number) =>
  store.insert('entities', { sid: newSid(SID_PREFIX.entity), service_sid: serviceSid, identity, date_created: now, date_updated: now });

const render = (c: RouteContext, e: EntityRow) => renderEntity(origin(c), e, c.var.ctx.accountSid);

export default new Hono<Env>()
  .get(`${SERVICE}/Entities`, auth('account'), c => {
    const { store } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const rows = Object.values(store.state.entities).filter(e => e.service_sid === service.sid);
    return c.json(page(c, rows, 'entities', {}, e => render(c, e)));
  })
  .post(`${SERVICE}/Entities`, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const identity = checkIdentity(one(await formBody(c), 'Identity'));
    if (store.entity(service.sid, identity)) throw E.invalidParam('An entity with this Identity already exists in the service; fetch it instead.');
    const row = insertEntity(store, service.sid, identity, clock.now());
    await store.save();
    return c.json(render(c, row), 201);
  })
  .get(ENTITY, auth('account'), c => c.json(render(c, entityOf(c.var.ctx.store, c.req.param()))))
  .delete(ENTITY, auth('account'), async c => {
    const { store, emitFactorEvent, emitPasskeyFactorEvent } = c.var.ctx;
    const entity = entityOf(store, c.req.param());
    const passkeys = store.passkeyFactorsOf(entity.sid);
    const removed = store.removeEntity(entity.sid);
    await store.save();
    for (const f of removed) emitFactorEvent('factor.deleted', f);
    for (const f of passkeys) emitPasskeyFactorEvent('factor.deleted', f);
    return c.body(null, 204);
  });
