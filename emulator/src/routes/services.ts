import { Hono } from 'hono';
import { SID_PREFIX, type ServiceJson } from 'verify-elements/protocol';
import { auth } from '../auth.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { page } from '../paging.js';
import { readServicePasskeys } from '../passkeys.js';
import { formBody, intParam, one, origin, type Params } from '../params.js';
import { newSid } from '../sid.js';
import type { ServiceRow } from '../store.js';
import { readTotpServiceSettings, renderTotpSettings } from '../totp.js';
import { SERVICE, serviceOf, serviceUrl } from './lookup.js';

export function renderService(base: string, s: ServiceRow, accountSid: string): ServiceJson {
  const url = serviceUrl(base, s.sid);
  return {
    sid: s.sid,
    account_sid: accountSid,
    friendly_name: s.friendly_name,
    code_length: s.code_length ?? DEFAULT_CODE_LENGTH,
    lookup_enabled: null,
    psd2_enabled: null,
    skip_sms_to_landlines: null,
    dtmf_input_required: null,
    tts_name: null,
    do_not_share_warning_enabled: null,
    custom_code_enabled: null,
    push: { include_date: false, apn_credential_sid: s.apn_credential_sid ?? null, fcm_credential_sid: s.fcm_credential_sid ?? null },
    totp: renderTotpSettings(s),
    default_template_sid: null,
    whatsapp: { msg_service_sid: null, from: null },
    passkeys: renderPasskeys(s),
    verify_event_subscription_enabled: null,
    date_created: rfc3339(s.date_created),
    date_updated: rfc3339(s.date_updated),
    url,
    links: {
      verification_checks: `${url}/VerificationCheck`,
      verifications: `${url}/Verifications`,
      rate_limits: `${url}/RateLimits`,
      messaging_configurations: `${url}/MessagingConfigurations`,
      entities: `${url}/Entities`,
      webhooks: `${url}/Webhooks`,
      access_tokens: `${url}/AccessTokens`,
    },
  };
}

/** Twilio's pattern of a credential SID (either case of hex digit). */
const CREDENTIAL_SID = /^CR[0-9a-fA-F]{32}$/;

type Settings = Pick<ServiceRow, 'friendly_name' | 'apn_credential_sid' | 'fcm_credential_sid'>;

/** Twilio's limit of a Service's name (its error page of 60200). */
const MAX_NAME = 30;

/** Reads and checks the parameters over `current` (creation: none yet, FriendlyName required). */
function readSettings(p: Params, current?: Settings): Settings {
  const sent = one(p, 'FriendlyName');
  const name = sent ?? current?.friendly_name;
  // Only a name sent is checked: states saved before the limit may hold longer ones.
  if (!name || (sent !== undefined && sent.length > MAX_NAME)) {
    throw E.invalidVerifyParam(`Invalid parameter: FriendlyName is required and may have at most ${MAX_NAME} characters.`);
  }
  const credential = (key: string, fallback: string | null | undefined) => {
    const value = one(p, key);
    if (value !== undefined && !CREDENTIAL_SID.test(value)) throw E.invalidVerifyParam(`Invalid parameter: ${key} must be a credential SID, CR followed by 32 hex digits.`);
    return value ?? fallback ?? null;
  };
  return {
    friendly_name: name,
    apn_credential_sid: credential('Push.ApnCredentialSid', current?.apn_credential_sid),
    fcm_credential_sid: credential('Push.FcmCredentialSid', current?.fcm_credential_sid),
  };
}

export const DEFAULT_CODE_LENGTH = 6;

/** `CodeLength` when given: what the service's one-time codes look like. */
function codeSettings(p: Params): Pick<ServiceRow, 'code_length'> {
  const settings: Pick<ServiceRow, 'code_length'> = {};
  if (one(p, 'CodeLength') !== undefined) settings.code_length = intParam(one(p, 'CodeLength'), 'CodeLength', 4, 10, DEFAULT_CODE_LENGTH);
  return settings;
}

// Passkeys: the `Passkeys.*` settings (passkeys.ts checks them), defaults of the passkey factors' config.
/** The Service's `passkeys` property: its settings, null where unset. */
function renderPasskeys(s: ServiceRow): ServiceJson['passkeys'] {
  const p = s.passkeys;
  return {
    relying_party: { id: s.relying_party_id ?? null, name: p?.relying_party_name ?? null, origins: p?.relying_party_origins ?? null },
    authenticator_attachment: p?.authenticator_attachment ?? null,
    discoverable_credentials: p?.discoverable_credentials ?? null,
    user_verification: p?.user_verification ?? null,
  };
}
const passkeySettings = (p: Params, current: Pick<ServiceRow, 'relying_party_id' | 'passkeys'> = {}) => readServicePasskeys(key => one(p, key), current);

const render = (c: RouteContext, s: ServiceRow) => renderService(origin(c), s, c.var.ctx.accountSid);

export default new Hono<Env>()
  .get('/v2/Services', auth('account'), c => {
    const { store } = c.var.ctx;
    return c.json(page(c, Object.values(store.state.services), 'services', {}, s => render(c, s)));
  })
  .post('/v2/Services', auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const p = await formBody(c);
    const now = clock.now();
    const row = store.insert('services', { sid: newSid(SID_PREFIX.service), ...readSettings(p), ...codeSettings(p), ...passkeySettings(p), ...readTotpServiceSettings(p), date_created: now, date_updated: now });
    await store.save();
    return c.json(render(c, row), 201);
  })
  .get(SERVICE, auth('account'), c => c.json(render(c, serviceOf(c.var.ctx.store, c.req.param()))))
  .post(SERVICE, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const row = serviceOf(store, c.req.param());
    const p = await formBody(c);
    const updated = store.update('services', row, { ...readSettings(p, row), ...codeSettings(p), ...passkeySettings(p, row), ...readTotpServiceSettings(p, row), date_updated: clock.now() });
    await store.save();
    return c.json(render(c, updated));
  })
  .delete(SERVICE, auth('account'), async c => {
    const { store } = c.var.ctx;
    store.removeService(serviceOf(store, c.req.param()).sid);
    await store.save();
    return c.body(null, 204);
  });
