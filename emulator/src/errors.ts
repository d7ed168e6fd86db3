import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ALREADY_RESPONDED, CHALLENGE_EXPIRED, CHALLENGE_NOT_FOUND, CODES, ENTITY_NOT_FOUND, type ErrorJson, FACTOR_EXISTS, FACTOR_NOT_VERIFIED,
  INVALID_ANSWER_SIGNATURE, INVALID_BINDING, INVALID_CHALLENGE_SID, INVALID_DETAILS, INVALID_FACTOR_SID, INVALID_IDENTITY, INVALID_PARAMETER,
  INVALID_VERIFY_PARAMETER, MAX_CHECK_ATTEMPTS, MAX_SEND_ATTEMPTS, VERIFICATION_CODES,
  METHOD_NOT_ALLOWED, NO_NOTIFICATION_PLATFORM, NOT_FOUND, SERVICE_FAILED, TOO_LARGE, TOO_MANY_FACTOR_CREATIONS, TOO_MANY_FACTORS, UNAUTHORIZED, VERIFICATION_FAILED,
} from 'verify-elements/protocol';

/** A Twilio-style API error: an HTTP status plus the `ErrorJson` body. */
export class ApiError extends Error {
  constructor(readonly code: number, message: string, readonly status: ContentfulStatusCode) {
    super(message);
  }

  toJSON(): ErrorJson {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

/** An error of the code table, with the HTTP status the table gives it (every code the API answers has one). */
const fail = (code: number, message: string) => new ApiError(code, message, CODES[code].status as ContentfulStatusCode);

/** Shorthands for the errors of docs/protocol.md ("Error codes") and Twilio's generic ones. */
export const E = {
  invalidParam: (m: string) => fail(INVALID_PARAMETER, m),
  /** Verify's "Invalid parameter" of Services, Verifications and VerificationCheck (To, Channel, Code…). */
  invalidVerifyParam: (m: string) => fail(INVALID_VERIFY_PARAMETER, m),
  noNotificationPlatform: () => fail(NO_NOTIFICATION_PLATFORM, 'The challenge\'s factor has notification platform none: it gets no pushes, and its app lists pending challenges instead.'),
  verificationFailed: (m: string) => fail(VERIFICATION_FAILED, m),
  // One-time codes: their own table (verification-codes.ts says why).
  maxCheckAttempts: () => new ApiError(MAX_CHECK_ATTEMPTS, 'Max check attempts reached: 5 wrong codes were checked. Wait until this verification expires (10 minutes after it started), then send a new code.', VERIFICATION_CODES[MAX_CHECK_ATTEMPTS].status as ContentfulStatusCode),
  maxSendAttempts: () => new ApiError(MAX_SEND_ATTEMPTS, 'Max send attempts reached: 5 codes were sent to this recipient. Check the code, cancel the verification (Status=canceled) or wait until it expires (10 minutes after it started).', VERIFICATION_CODES[MAX_SEND_ATTEMPTS].status as ContentfulStatusCode),
  invalidBinding: (m: string) => fail(INVALID_BINDING, m),
  tooManyFactors: () => fail(TOO_MANY_FACTORS, 'This entity already has 20 push factors. Delete one before creating another.'),
  factorExists: (m: string) => fail(FACTOR_EXISTS, m),
  factorUnverified: (m = 'The factor is not verified yet. Verify it (POST the factor with AuthPayload) before creating challenges.') => fail(FACTOR_NOT_VERIFIED, m),
  alreadyResponded: (status: string) => fail(ALREADY_RESPONDED, `The challenge was already ${status}; it cannot be answered again.`),
  expired: () => fail(CHALLENGE_EXPIRED, 'The challenge has expired. Create a new challenge.'),
  badChallengeSignature: (m: string) => fail(INVALID_ANSWER_SIGNATURE, m),
  tooManyCreations: () => fail(TOO_MANY_FACTOR_CREATIONS, 'Too many factors were created for this entity in the last minute. Wait a minute and try again.'),
  invalidFactorSid: (m: string) => fail(INVALID_FACTOR_SID, m),
  invalidChallengeSid: (m: string) => fail(INVALID_CHALLENGE_SID, m),
  invalidIdentity: (m: string) => fail(INVALID_IDENTITY, m),
  invalidDetails: (m: string) => fail(INVALID_DETAILS, m),
  challengeNotFound: (m = 'No such challenge for this entity. Check the challenge SID and the identity.') => fail(CHALLENGE_NOT_FOUND, m),
  entityNotFound: () => fail(ENTITY_NOT_FOUND, 'No such entity in this service. Create a factor for the identity first.'),
  unauthorized: (m: string) => fail(UNAUTHORIZED, m),
  notFound: (what: string) => fail(NOT_FOUND, `The requested resource ${what} was not found.`),
  methodNotAllowed: (method: string, allow: string) => fail(METHOD_NOT_ALLOWED, `Method ${method} is not allowed here; use ${allow}.`),
  tooLarge: () => fail(TOO_LARGE, 'The request body is larger than 1 MiB. Send a smaller body.'),
  serviceFailed: () => fail(SERVICE_FAILED, 'The emulator failed on this request; see its console.'),
  /** Twilio's error for a PageToken it did not issue. */
  invalidPageToken: () => new ApiError(21481, 'PageToken is not one this API issued. Page with the next_page_url or previous_page_url of a list answer.', 400),
  /** A request that names a host the emulator does not serve (a DNS-rebinding page names its own). */
  foreignHost: (host: string) => new ApiError(20403, `The emulator serves only requests addressed to a loopback name (localhost, *.localhost, 127.0.0.1, [::1]); this one is addressed to ${JSON.stringify(host.slice(0, 100))}. To serve it, start the emulator with --allow-host ${/^[\w.:[\]-]{1,100}$/.test(host) ? host.replace(/:\d+$/, '') : 'HOST'} (or the allowedHosts option).`, 403),
  /** POST /emulator/faults: any status, with Twilio's generic code for it (20000 + status). */
  injected: (status: ContentfulStatusCode) => new ApiError(20000 + status, `Injected fault: this request was answered ${status} by POST /emulator/faults.`, status),
  // Passkeys (routes/passkeys.ts). Their error pages state no HTTP status: Verify's family answers 400.
  relyingPartyInvalid: (m: string) => new ApiError(60371, m, 400),
  relyingPartyIdInvalid: (m: string) => new ApiError(60372, m, 400),
  invalidRawId: (m: string) => new ApiError(60376, m, 400),
  authenticatorDataInvalid: (m: string) => new ApiError(60379, m, 400),
  clientDataInvalid: (m: string) => new ApiError(60380, m, 400),
  passkeySignatureInvalid: (m: string) => new ApiError(60381, m, 400),
  relyingPartyMismatch: (m: string) => new ApiError(60382, m, 400),
  attestationObjectInvalid: (m: string) => new ApiError(60386, m, 400),
  unsupportedApprovalContentType: (m: string) => new ApiError(60433, m, 400),
  unsupportedVerificationContentType: (m: string) => new ApiError(60434, m, 400),
  authenticatorCriteriaMissing: (m: string) => new ApiError(60393, m, 400),
};
