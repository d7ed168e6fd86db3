import { Hono } from 'hono';
import { type AccessTokenJson, SID_PREFIX } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { randomBytes, toBase64Url } from '../bytes.js';
import { rfc3339 } from '../clock.js';
import type { Env } from '../env.js';
import { E } from '../errors.js';
import { formBody, intParam, one, origin } from '../params.js';
import { newSid } from '../sid.js';
import type { AccessTokenRow } from '../store.js';
import { checkIdentity, SERVICE, serviceOf, serviceUrl } from './lookup.js';

const renderAccessToken = (base: string, t: AccessTokenRow, accountSid: string): AccessTokenJson => ({
  sid: t.sid,
  account_sid: accountSid,
  service_sid: t.service_sid,
  entity_identity: t.entity_identity,
  factor_type: t.factor_type,
  factor_friendly_name: t.factor_friendly_name,
  token: t.token,
  url: `${serviceUrl(base, t.service_sid)}/AccessTokens/${t.sid}`,
  ttl: t.ttl,
  date_created: rfc3339(t.date_created),
});

/**
 * Access tokens are opaque random strings (a JWE in production; the device never parses them),
 * bound by their record to service, identity, factor type and ttl.
 */
export default new Hono<Env>()
  .post(`${SERVICE}/AccessTokens`, auth('account'), async c => {
    const { store, clock, accountSid } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const p = await formBody(c);
    const identity = checkIdentity(one(p, 'Identity'));
    if (one(p, 'FactorType') !== 'push') throw E.invalidParam('FactorType must be push.');
    const friendlyName = one(p, 'FactorFriendlyName') ?? null;
    if (friendlyName !== null && friendlyName.length > 64) throw E.invalidParam('FactorFriendlyName must be at most 64 characters.');
    const ttl = intParam(one(p, 'Ttl'), 'Ttl', 60, 300, 60);
    const now = clock.now();
    for (const t of Object.values(store.state.accessTokens)) if (now >= t.date_created + t.ttl * 1000) store.removeAccessToken(t.sid);
    const row = store.insert('accessTokens', {
      sid: newSid(SID_PREFIX.accessToken),
      service_sid: service.sid,
      entity_identity: identity,
      factor_type: 'push',
      factor_friendly_name: friendlyName,
      token: toBase64Url(randomBytes(32)),
      ttl,
      date_created: now,
    });
    await store.save();
    return c.json(renderAccessToken(origin(c), row, accountSid), 201);
  })
  .get(`${SERVICE}/AccessTokens/:token`, auth('account'), c => {
    const { store, accountSid } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const sid = c.req.param('token');
    const row = store.get('accessTokens', sid);
    if (!row || row.service_sid !== service.sid) throw E.notFound(`AccessTokens/${sid}`);
    return c.json(renderAccessToken(origin(c), row, accountSid));
  });
