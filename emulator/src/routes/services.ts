import { Hono } from 'hono';
import { formatOtpSms } from 'verify-elements/sms';
import { SID_PREFIX, type ServiceJson } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { formBody, intParam, one, origin, type Params } from '../params.js';
import { newSid } from '../sid.js';
import type { ServiceRow } from '../store.js';
import { SERVICE, serviceOf, serviceUrl } from './lookup.js';

export function renderService(base: string, s: ServiceRow, accountSid: string): ServiceJson {
  const url = serviceUrl(base, s.sid);
  return {
    sid: s.sid,
    account_sid: accountSid,
    friendly_name: s.friendly_name,
    code_length: s.code_length ?? DEFAULT_CODE_LENGTH,
    push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
    passkeys: { relying_party: { id: s.relying_party_id ?? null, name: null, origins: null } },
    date_created: rfc3339(s.date_created),
    date_updated: rfc3339(s.date_updated),
    url,
    links: {
      entities: `${url}/Entities`, access_tokens: `${url}/AccessTokens`, webhooks: `${url}/Webhooks`,
      verifications: `${url}/Verifications`, verification_checks: `${url}/VerificationCheck`,
    },
  };
}

function friendlyName(p: Params): string {
  const name = one(p, 'FriendlyName');
  if (!name || name.length > 64) throw E.invalidParam('FriendlyName is required and must be at most 64 characters.');
  return name;
}

export const DEFAULT_CODE_LENGTH = 6;

/** `CodeLength` and `Passkeys.RelyingParty.Id` when given: what the service's one-time codes look like. */
function codeSettings(p: Params): Pick<ServiceRow, 'code_length' | 'relying_party_id'> {
  const settings: Pick<ServiceRow, 'code_length' | 'relying_party_id'> = {};
  if (one(p, 'CodeLength') !== undefined) settings.code_length = intParam(one(p, 'CodeLength'), 'CodeLength', 4, 10, DEFAULT_CODE_LENGTH);
  const domain = one(p, 'Passkeys.RelyingParty.Id');
  if (domain !== undefined) {
    // The domain the SMS codes are bound to must be one browsers read there (formatOtpSms says why not).
    try {
      formatOtpSms({ code: '123456', host: domain });
    } catch (error) {
      throw E.invalidParam(`Passkeys.RelyingParty.Id must be the site's domain, e.g. example.com: ${error instanceof Error ? error.message : error}`);
    }
    settings.relying_party_id = domain.toLowerCase();
  }
  return settings;
}

const render = (c: RouteContext, s: ServiceRow) => renderService(origin(c), s, c.var.ctx.accountSid);

export default new Hono<Env>()
  .get('/v2/Services', auth('account'), c => {
    const { store } = c.var.ctx;
    return c.json(page(c, Object.values(store.state.services), 'services', {}, s => render(c, s)));
  })
  .post('/v2/Services', auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const p = await formBody(c);
    const name = friendlyName(p);
    const now = clock.now();
    const row = store.insert('services', { sid: newSid(SID_PREFIX.service), friendly_name: name, ...codeSettings(p), date_created: now, date_updated: now });
    await store.save();
    return c.json(render(c, row), 201);
  })
  .get(SERVICE, auth('account'), c => c.json(render(c, serviceOf(c.var.ctx.store, c.req.param()))))
  .post(SERVICE, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const row = serviceOf(store, c.req.param());
    const p = await formBody(c);
    if (one(p, 'FriendlyName') !== undefined) row.friendly_name = friendlyName(p);
    Object.assign(row, codeSettings(p));
    row.date_updated = clock.now();
    await store.save();
    return c.json(render(c, row));
  })
  .delete(SERVICE, auth('account'), async c => {
    const { store } = c.var.ctx;
    store.removeService(serviceOf(store, c.req.param()).sid);
    await store.save();
    return c.body(null, 204);
  });
