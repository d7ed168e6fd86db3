// Verify's one-time codes: Verifications (send, fetch, cancel or approve) and VerificationCheck,
// with the rules of Twilio's API description and error docs: a verification lives 10 minutes; a
// resend to the same recipient in that time reuses it (same SID, same code) up to 5 sends (60203);
// 5 wrong checks end it (60202 until it expires); an approved, canceled or expired one is gone (20404).
// Nothing leaves the emulator: each send is a message of the outbox (GET /emulator/outbox).
import { Hono } from 'hono';
import {
  SID_PREFIX, VERIFICATION_CHANNELS, type VerificationChannel, type VerificationCheckJson, type VerificationJson,
} from 'verify-elements/protocol';
import { formatOtpSms } from 'verify-elements/sms';
import { auth } from '../auth.js';
import { randomBytes, sameSecret } from '../bytes.js';
import { rfc3339 } from '../clock.js';
import type { Env, RouteContext } from '../env.js';
import { E } from '../errors.js';
import { formBody, one, origin, type Params } from '../params.js';
import { newSid } from '../sid.js';
import type { ServiceRow, Store, VerificationRow } from '../store.js';
import { SERVICE, serviceOf, serviceUrl } from './lookup.js';
import { DEFAULT_CODE_LENGTH } from './services.js';

const LIFETIME_MS = 10 * 60_000;
const MAX_SENDS = 5;
const MAX_CHECKS = 5;
const E164 = /^\+[1-9]\d{1,14}$/;
// What an address needs to be deliverable at all; the real service checks more.
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const CHANNELS: readonly string[] = VERIFICATION_CHANNELS;
/** Statuses after which Twilio forgets a verification: fetches, updates and checks answer 404. */
const GONE: readonly string[] = ['approved', 'canceled', 'expired'];

/** A pending verification (or one out of checks) past its 10 minutes becomes `expired` (lazily, on every read). */
function refresh(v: VerificationRow, now: number): VerificationRow {
  if ((v.status === 'pending' || v.status === 'max_attempts_reached') && now >= v.expiration_date) {
    v.status = 'expired';
    v.date_updated = v.expiration_date;
  }
  return v;
}

/** `length` random digits, each uniform (bytes of 250 and more are drawn again). */
function newCode(length: number): string {
  let code = '';
  while (code.length < length) for (const b of randomBytes(length)) if (b < 250 && code.length < length) code += String(b % 10);
  return code;
}

function channelOf(p: Params): VerificationChannel {
  const channel = one(p, 'Channel');
  const known = (value: string | undefined): value is VerificationChannel => value !== undefined && CHANNELS.includes(value);
  if (!known(channel)) throw E.invalidVerifyParam(`Invalid parameter \`Channel\`: ${JSON.stringify(channel ?? '')}. The emulator sends codes by ${CHANNELS.join(', ')} (not sna or auto).`);
  return channel;
}

/** `To` as the channel needs it: E.164 for phones, an address for email. */
function recipientOf(channel: VerificationChannel, to: string | undefined): string {
  if (channel === 'email') {
    if (!to || to.length > 254 || !EMAIL.test(to)) throw E.invalidVerifyParam('Invalid parameter `To`: an email verification needs an address such as someone@example.com.');
  } else if (!to || !E164.test(to)) {
    throw E.invalidVerifyParam(`Invalid parameter \`To\`: ${channel} needs a phone number in E.164 format, such as +15017122661 (a +, the country code, then the number; no spaces).`);
  }
  return to;
}

/** An optional text parameter of at most `max` characters. */
function text(p: Params, key: string, max: number): string | undefined {
  const value = one(p, key);
  if (value !== undefined && (!value.trim() || value.length > max)) throw E.invalidVerifyParam(`Invalid parameter \`${key}\`: give 1 to ${max} characters, or leave it out.`);
  return value;
}

/**
 * What the recipient gets, in English (Locale is checked, not translated). SMS of a service that
 * names the site's domain (`Passkeys.RelyingParty.Id`) end with the origin-bound line `@domain #code`,
 * which WebOTP and one-time-code autofill read.
 */
function messageBody(service: ServiceRow, channel: VerificationChannel, code: string, p: Params): string {
  const name = text(p, 'CustomFriendlyName', 30) ?? service.friendly_name;
  const custom = channel === 'call' ? undefined : text(p, 'CustomMessage', 160);
  const message = custom ?? `Your ${name} verification code is: ${code}`;
  if (channel === 'call') return `${message}. Again, your code is ${[...code].join(', ')}.`;
  if (channel === 'sms' && service.relying_party_id) {
    try {
      return formatOtpSms({ code, host: service.relying_party_id, text: message });
    } catch (error) {
      throw E.invalidVerifyParam(`Invalid parameter \`CustomMessage\`: ${error instanceof Error ? error.message : error}`);
    }
  }
  return message.includes(code) ? message : `${message}\n\n${code}`;
}

/** The live verification `sid` of the service; else a 404 naming `resource` (Twilio's message names the path asked). */
function verificationOf(store: Store, service: ServiceRow, sid: string | undefined, now: number, resource = `Verifications/${sid}`): VerificationRow {
  const v = sid === undefined ? undefined : store.get('verifications', sid);
  if (!v || v.service_sid !== service.sid || GONE.includes(refresh(v, now).status)) throw E.notFound(`/Services/${service.sid}/${resource}`);
  return v;
}

/** What a verification and the answer of a check of it share. */
const fields = (c: RouteContext, v: VerificationRow) => ({
  sid: v.sid,
  service_sid: v.service_sid,
  account_sid: c.var.ctx.accountSid,
  to: v.to,
  channel: v.channel,
  status: v.status,
  valid: v.status === 'approved',
  amount: v.amount,
  payee: v.payee,
  date_created: rfc3339(v.date_created),
  date_updated: rfc3339(v.date_updated),
});

const renderVerification = (c: RouteContext, v: VerificationRow): VerificationJson => ({
  ...fields(c, v),
  lookup: {},
  send_code_attempts: v.send_code_attempts.map(a => ({ attempt_sid: a.attempt_sid, channel: a.channel, time: rfc3339(a.time) })),
  sna: null,
  url: `${serviceUrl(origin(c), v.service_sid)}/Verifications/${v.sid}`,
});

const renderCheck = (c: RouteContext, v: VerificationRow): VerificationCheckJson => ({ ...fields(c, v), sna_attempts_error_codes: [] });

const VERIFICATIONS = `${SERVICE}/Verifications` as const;

export default new Hono<Env>()
  .post(VERIFICATIONS, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const p = await formBody(c);
    const channel = channelOf(p);
    const to = recipientOf(channel, one(p, 'To'));
    const locale = one(p, 'Locale');
    if (locale !== undefined && !LOCALE.test(locale)) throw E.invalidVerifyParam(`Invalid parameter \`Locale\`: ${JSON.stringify(locale.slice(0, 20))} is not a language tag such as en, fr or pt-BR.`);
    if (one(p, 'CustomCode') !== undefined) throw E.invalidVerifyParam('Invalid parameter `CustomCode`: custom codes need a service Twilio enabled them for; the emulator makes every code itself.');
    const now = clock.now();
    const current = store.verificationTo(service.sid, to);
    if (current && refresh(current, now).status === 'max_attempts_reached') throw E.maxCheckAttempts();
    const pending = current?.status === 'pending' ? current : undefined;
    if (pending && pending.send_code_attempts.length >= MAX_SENDS) throw E.maxSendAttempts();
    // A resend within the 10 minutes is the same verification with the same code.
    const code = pending?.code ?? newCode(service.code_length ?? DEFAULT_CODE_LENGTH);
    const body = messageBody(service, channel, code, p);
    const attempt = { attempt_sid: newSid(SID_PREFIX.verificationAttempt), channel, time: now };
    const sent = { channel, date_updated: now, send_code_attempts: [...(pending?.send_code_attempts ?? []), attempt] };
    const v = pending ? store.update('verifications', pending, sent) : store.insert('verifications', {
      sid: newSid(SID_PREFIX.verification),
      service_sid: service.sid,
      to,
      status: 'pending',
      code,
      check_attempts: 0,
      amount: one(p, 'Amount') ?? null,
      payee: one(p, 'Payee') ?? null,
      date_created: now,
      expiration_date: now + LIFETIME_MS,
      ...sent,
    });
    store.insert('messages', { sid: attempt.attempt_sid, service_sid: service.sid, verification_sid: v.sid, to, channel, body, date_created: now });
    await store.save();
    return c.json(renderVerification(c, v), 201);
  })
  .get(`${VERIFICATIONS}/:sid`, auth('account'), c => {
    const { store, clock } = c.var.ctx;
    return c.json(renderVerification(c, verificationOf(store, serviceOf(store, c.req.param()), c.req.param('sid'), clock.now())));
  })
  .post(`${VERIFICATIONS}/:sid`, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const status = one(await formBody(c), 'Status');
    if (status !== 'canceled' && status !== 'approved') throw E.invalidVerifyParam('Invalid parameter `Status`: canceled or approved.');
    const v = verificationOf(store, serviceOf(store, c.req.param()), c.req.param('sid'), clock.now());
    const updated = store.update('verifications', v, { status, date_updated: clock.now() });
    await store.save();
    return c.json(renderVerification(c, updated));
  })
  .post(`${SERVICE}/VerificationCheck`, auth('account'), async c => {
    const { store, clock } = c.var.ctx;
    const service = serviceOf(store, c.req.param());
    const p = await formBody(c);
    const code = one(p, 'Code');
    if (!code || !/^\S{4,10}$/.test(code)) throw E.invalidVerifyParam('Invalid parameter `Code`: the 4 to 10 characters the user received.');
    const sid = one(p, 'VerificationSid');
    const to = one(p, 'To');
    if (!sid && !to) throw E.invalidVerifyParam('Give `To` (the phone number or address the code went to) or `VerificationSid`.');
    const now = clock.now();
    // By recipient, the check is of its latest verification; a gone one answers 404 as by SID.
    const v = verificationOf(store, service, sid ?? store.verificationTo(service.sid, to ?? '')?.sid, now, 'VerificationCheck');
    if (v.status === 'max_attempts_reached') throw E.maxCheckAttempts();
    const right = sameSecret(code, v.code);
    const checkAttempts = right ? v.check_attempts : v.check_attempts + 1;
    const status = right ? 'approved' : checkAttempts >= MAX_CHECKS ? 'max_attempts_reached' : v.status;
    const checked = store.update('verifications', v, { status, check_attempts: checkAttempts, date_updated: now });
    await store.save();
    return c.json(renderCheck(c, checked));
  });
