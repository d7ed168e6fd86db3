import { Secret, TOTP } from 'otpauth';
import { E } from './errors.js';
import { intParam, one, type Params } from './params.js';

/** Twilio's TOTP algorithms (its API description's `totp_algorithms`). */
export const TOTP_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

/** A totp factor's settings (its `config`) and its secret, which only the create answer shows. */
export interface TotpFactor {
  secret: string;
  time_step: number;
  skew: number;
  code_length: number;
  alg: TotpAlgorithm;
  /** The time step of the last code accepted: a code is good once (RFC 6238 §5.2). */
  last_counter: number | null;
}

/** The Service's `Totp.*` settings; null when not set (the defaults then apply). */
export interface TotpServiceSettings {
  totp_issuer?: string | null;
  totp_time_step?: number | null;
  totp_code_length?: number | null;
  totp_skew?: number | null;
}

/** The description's limits and defaults of `Totp.*` (Service) and `Config.*` (Factor). */
const TIME_STEP = { min: 20, max: 60, fallback: 30 };
const CODE_LENGTH = { min: 3, max: 8, fallback: 6 };
const SKEW = { min: 0, max: 2, fallback: 1 };
/** Twilio generates 160-bit secrets (32 base32 characters), RFC 4226's recommended length. */
const SECRET_BYTES = 20;

const BASE32 = /^[A-Z2-7]+=*$/;

/** `Totp.*` of Create/Update Service, over `current` (Twilio's 60200 for values out of range). */
export function readTotpServiceSettings(p: Params, current: TotpServiceSettings = {}): TotpServiceSettings {
  const number = (key: string, limits: { min: number; max: number }, fallback: number | null | undefined) => {
    const raw = one(p, key);
    if (raw === undefined) return fallback ?? null;
    try {
      return intParam(raw, key, limits.min, limits.max, limits.min);
    } catch (error) {
      throw E.invalidVerifyParam(`Invalid parameter: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const issuer = one(p, 'Totp.Issuer');
  return {
    totp_issuer: issuer === undefined ? current.totp_issuer ?? null : issuer || null,
    totp_time_step: number('Totp.TimeStep', TIME_STEP, current.totp_time_step),
    totp_code_length: number('Totp.CodeLength', CODE_LENGTH, current.totp_code_length),
    totp_skew: number('Totp.Skew', SKEW, current.totp_skew),
  };
}

/** The Service's `totp` property: what is set, null where the defaults apply. */
export const renderTotpSettings = (s: TotpServiceSettings) => ({
  issuer: s.totp_issuer ?? null,
  time_step: s.totp_time_step ?? null,
  code_length: s.totp_code_length ?? null,
  skew: s.totp_skew ?? null,
});

const algorithmOf = (value: string | undefined): TotpAlgorithm | undefined => TOTP_ALGORITHMS.find(a => a === value);

/**
 * `Config.*` and `Binding.Secret` of a new totp factor, over the service's settings and the
 * description's defaults. A secret not sent is generated.
 */
export function newTotpFactor(p: Params, service: TotpServiceSettings): TotpFactor {
  const rawAlg = one(p, 'Config.Alg');
  const alg = rawAlg === undefined ? 'sha1' : algorithmOf(rawAlg);
  if (!alg) throw E.invalidParam(`Config.Alg must be one of ${TOTP_ALGORITHMS.join(', ')}.`);
  const sent = one(p, 'Binding.Secret');
  const secret = sent === undefined ? new Secret({ size: SECRET_BYTES }).base32 : sent.toUpperCase();
  if (!BASE32.test(secret) || secret.replace(/=+$/, '').length < 16) {
    throw E.invalidParam('Binding.Secret must be a base32 secret (A–Z, 2–7) of at least 16 characters (80 bits); leave it out to have one generated.');
  }
  return {
    secret,
    ...readTotpConfig(p, {
      time_step: service.totp_time_step ?? TIME_STEP.fallback,
      skew: service.totp_skew ?? SKEW.fallback,
      code_length: service.totp_code_length ?? CODE_LENGTH.fallback,
    }),
    alg,
    last_counter: null,
  };
}

/** `Config.TimeStep`, `Config.Skew` and `Config.CodeLength` over `current` (create and update). */
export function readTotpConfig(p: Params, current: Pick<TotpFactor, 'time_step' | 'skew' | 'code_length'>): Pick<TotpFactor, 'time_step' | 'skew' | 'code_length'> {
  return {
    time_step: intParam(one(p, 'Config.TimeStep'), 'Config.TimeStep', TIME_STEP.min, TIME_STEP.max, current.time_step),
    skew: intParam(one(p, 'Config.Skew'), 'Config.Skew', SKEW.min, SKEW.max, current.skew),
    code_length: intParam(one(p, 'Config.CodeLength'), 'Config.CodeLength', CODE_LENGTH.min, CODE_LENGTH.max, current.code_length),
  };
}

const totpOf = (f: TotpFactor, label = '', issuer = '') => new TOTP({
  issuer,
  label,
  secret: Secret.fromBase32(f.secret),
  algorithm: f.alg.toUpperCase(),
  digits: f.code_length,
  period: f.time_step,
});

/** The Key URI Format's `otpauth://` URI: Service.totp.issuer (or its name) and the factor's name. */
export const totpUri = (f: TotpFactor, issuer: string, accountName: string): string => totpOf(f, accountName, issuer).toString();

/** The description's limits of a TOTP `AuthPayload`: 3–8 characters (digits). */
const AUTH_PAYLOAD = /^\d{3,8}$/;

/** A TOTP `AuthPayload` must be 3–8 digits (the Factors API's Invalid parameter otherwise). */
export function checkTotpPayload(payload: string | undefined): string {
  if (payload === undefined || !AUTH_PAYLOAD.test(payload)) {
    throw E.invalidParam('AuthPayload must be the code the authenticator app shows: 3 to 8 digits.');
  }
  return payload;
}

/**
 * The time step (counter) whose code `code` is, within the factor's skew around `now`, or null when
 * it is none of them or its step was already used (a TOTP code is good once).
 */
export function matchTotp(f: TotpFactor, code: string, now: number): number | null {
  if (code.length !== f.code_length) return null;
  const delta = totpOf(f).validate({ token: code, timestamp: now, window: f.skew });
  if (delta === null) return null;
  const counter = TOTP.counter({ period: f.time_step, timestamp: now }) + delta;
  return f.last_counter !== null && counter <= f.last_counter ? null : counter;
}
