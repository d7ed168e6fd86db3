/**
 * The Verify v2 wire format as this kit and its emulator speak it: the JSON of each resource, list
 * pages, errors, the push payload and the JWTs a device signs. The client parses these shapes and the
 * emulator renders them, so a field renamed here fails compilation on both sides.
 * Field names are the API's (snake_case); dates are RFC 3339 strings. See docs/protocol.md.
 */

export type FactorStatus = 'unverified' | 'verified';
export type NotificationPlatform = 'apn' | 'fcm' | 'none';
export type ChallengeStatus = 'pending' | 'approved' | 'denied' | 'expired';
export type RespondedReason = 'none' | 'not_needed' | 'not_requested';

/** `Services/{VA}/Entities/{identity}/Factors/{YF}`: fetched, listed or updated (the create answer is `NewFactorJson`). */
export interface FactorJson {
  sid: string;
  account_sid: string;
  service_sid: string;
  entity_sid: string;
  identity: string;
  friendly_name: string;
  status: FactorStatus;
  factor_type: 'push';
  config: {
    sdk_version: string | null;
    app_id: string | null;
    notification_platform: NotificationPlatform;
    notification_token: string | null;
    credential_sid: string;
  };
  metadata: Record<string, string> | null;
  date_created: string;
  date_updated: string;
  url: string;
}

/** The answer to a factor creation: the factor with its `binding`, which no other answer carries, and `options` (push: null). */
export interface NewFactorJson extends FactorJson {
  binding: { alg: 'ES256'; public_key: string };
  options: null;
}

/** One `Details.Fields` entry: shown to the user, signed in the answer. */
export interface DetailField {
  label: string;
  value: string;
}

/** `Services/{VA}/Entities/{identity}/Challenges/{YC}` */
export interface ChallengeJson {
  sid: string;
  account_sid: string;
  service_sid: string;
  entity_sid: string;
  identity: string;
  factor_sid: string;
  date_created: string;
  date_updated: string;
  date_responded: string | null;
  expiration_date: string;
  status: ChallengeStatus;
  responded_reason: RespondedReason | null;
  /** `date` only when the service sets `Push.IncludeDate` (the emulator never does). */
  details: { message: string; fields: DetailField[] | null; date?: string };
  hidden_details: Record<string, string> | null;
  metadata: Record<string, string> | null;
  factor_type: 'push';
  url: string;
  links: { notifications: string };
}

/** The fields a device copies from the challenge JSON into its answer JWT, in this order (the `Twilio-Verify-Signature-Fields` header). */
export const SIGNATURE_FIELDS = ['sid', 'factor_sid', 'details', 'hidden_details', 'expiration_date', 'date_created'] as const satisfies readonly (keyof ChallengeJson)[];

/** `…/Challenges/{YC}/Notifications` (a resend of the challenge's push). */
export interface NotificationJson {
  sid: string;
  account_sid: string;
  service_sid: string;
  entity_sid: string;
  identity: string;
  challenge_sid: string;
  priority: 'high';
  ttl: number;
  date_created: string;
}

/** Every error body: Twilio's shape. */
export interface ErrorJson {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Twilio's paging `meta`; the next page is `next_page_url` (it carries a `PageToken`). */
export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  url: string;
  next_page_url: string | null;
  key: string;
}

/** One page of a list: `{ factors: [...], meta }`, `{ challenges: [...], meta }`, … */
export type ListPage<Key extends string, Item> = { [K in Key]: Item[] } & { meta: PageMeta };

/** The data of a challenge push (FCM `data`, or the top level of an APNs payload). */
export interface ChallengePushData {
  type: 'verify_push_challenge';
  factor_sid: string;
  challenge_sid: string;
  message: string;
}

/** What the emulator hands its push stream for FCM devices: FCM's web data-message shape. */
export interface FcmMessage {
  data: ChallengePushData;
  from: string;
  priority: 'high';
  fcmMessageId: string;
}

/** The protected header of the device JWT that authenticates every call after factor creation. */
export interface DeviceJwtHeader {
  cty: typeof DEVICE_JWT_CTY;
  /** The factor's credential SID (`config.credential_sid`). */
  kid: string;
  typ: 'JWT';
  alg: 'ES256';
}

/** The device JWT's claims: the account SID, and a validity window in seconds (ten minutes). */
export interface DeviceJwtClaims {
  sub: string;
  nbf: number;
  exp: number;
}

export const DEVICE_JWT_CTY = 'twilio-pba;v=1';

/** The approve/deny `AuthPayload`: the signature fields copied verbatim, and the new status. */
export type AnswerJwtClaims = Partial<Pick<ChallengeJson, (typeof SIGNATURE_FIELDS)[number]>> & { status: 'approved' | 'denied' };

/** Sid formats: two letters and 32 lower-case hex digits. */
export const SID_PREFIX = { service: 'VA', entity: 'YE', factor: 'YF', challenge: 'YC', credential: 'CR', notification: 'NT', webhook: 'YW', accessToken: 'YK', verification: 'VE', verificationAttempt: 'VL' } as const;
export const isSid = (prefix: string, value: unknown): value is string => typeof value === 'string' && new RegExp(`^${prefix}[0-9a-f]{32}$`).test(value);

/**
 * `Services/{VA}`. The settings of channels the emulator does not model (lookups, SMS, voice,
 * WhatsApp, TOTP, passkeys) are null, as Twilio renders settings that are not set.
 */
export interface ServiceJson {
  sid: string;
  account_sid: string;
  friendly_name: string;
  code_length: number;
  lookup_enabled: boolean | null;
  psd2_enabled: boolean | null;
  skip_sms_to_landlines: boolean | null;
  dtmf_input_required: boolean | null;
  tts_name: string | null;
  do_not_share_warning_enabled: boolean | null;
  custom_code_enabled: boolean | null;
  push: { include_date: boolean; apn_credential_sid: string | null; fcm_credential_sid: string | null };
  totp: { issuer: string | null; time_step: number | null; code_length: number | null; skew: number | null };
  default_template_sid: string | null;
  whatsapp: { msg_service_sid: string | null; from: string | null };
  /** `relying_party.id` names the site's domain: the emulator then writes its SMS codes as `@domain #code` (docs/protocol.md). */
  passkeys: {
    relying_party: { id: string | null; name: string | null; origins: string[] | null };
    authenticator_attachment: string | null;
    discoverable_credentials: string | null;
    user_verification: string | null;
  };
  verify_event_subscription_enabled: boolean | null;
  date_created: string;
  date_updated: string;
  url: string;
  links: {
    verification_checks: string;
    verifications: string;
    rate_limits: string;
    messaging_configurations: string;
    entities: string;
    webhooks: string;
    access_tokens: string;
  };
}

/** `Services/{VA}/Entities/{identity}` */
export interface EntityJson {
  sid: string;
  identity: string;
  account_sid: string;
  service_sid: string;
  date_created: string;
  date_updated: string;
  url: string;
  links: { factors: string; new_factors: string; challenges: string };
}

/** `Services/{VA}/AccessTokens/{YK}`: what a backend hands a device to create its factor. */
export interface AccessTokenJson {
  sid: string;
  account_sid: string;
  service_sid: string;
  entity_identity: string;
  factor_type: 'push';
  factor_friendly_name: string | null;
  token: string;
  url: string;
  ttl: number;
  date_created: string;
}

/** The events a webhook may subscribe to (`*` for all). */
export const WEBHOOK_EVENT_TYPES = ['*', 'factor.created', 'factor.verified', 'factor.deleted', 'challenge.approved', 'challenge.denied'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `Services/{VA}/Webhooks/{YW}` */
export interface WebhookJson {
  sid: string;
  service_sid: string;
  account_sid: string;
  friendly_name: string;
  event_types: WebhookEventType[];
  status: 'enabled' | 'disabled';
  version: 'v1' | 'v2';
  webhook_url: string;
  webhook_method: 'POST';
  date_created: string;
  date_updated: string;
  url: string;
}

/** The form body of a webhook request (signed with `X-Twilio-Signature`); `challenge_sid` on challenge events. */
export interface WebhookEvent {
  uuid: string;
  type: Exclude<WebhookEventType, '*'>;
  account_sid: string;
  service_sid: string;
  entity_identity: string;
  factor_sid: string;
  factor_type: 'push';
  challenge_sid?: string;
}

/** How a one-time code travels (Verify's `sna` and `auto` are not emulated). */
export const VERIFICATION_CHANNELS = ['sms', 'call', 'email', 'whatsapp'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];
/** `pending` until checked right, canceled or approved by the backend, expired (10 minutes) or out of checks. */
export type VerificationStatus = 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';

/** One send of a verification's code (the first, and each resend to the same recipient). */
export interface SendCodeAttempt {
  attempt_sid: string;
  channel: VerificationChannel;
  time: string;
}

/** What a verification and the answer of a check of it share. */
interface VerificationFields {
  sid: string;
  service_sid: string;
  account_sid: string;
  to: string;
  channel: VerificationChannel;
  status: VerificationStatus;
  /** Legacy: `status === 'approved'`. */
  valid: boolean;
  amount: string | null;
  payee: string | null;
  date_created: string;
  date_updated: string;
}

/** `Services/{VA}/Verifications/{VE}`: a one-time code sent to `to`. */
export interface VerificationJson extends VerificationFields {
  /** The phone number's carrier lookup: `{}` (no lookup is emulated). */
  lookup: Record<string, never>;
  send_code_attempts: SendCodeAttempt[];
  sna: null;
  url: string;
}

/** The answer of `Services/{VA}/VerificationCheck`: the verification's status after the check. */
export interface VerificationCheckJson extends VerificationFields {
  sna_attempts_error_codes: [];
}

/** Emulator only (`/emulator/outbox`): a message the emulator would have sent to `to`. */
export interface OutboxMessageJson {
  /** The send attempt's SID (`send_code_attempts[].attempt_sid`). */
  sid: string;
  service_sid: string;
  verification_sid: string;
  to: string;
  channel: VerificationChannel;
  body: string;
  date_created: string;
}
