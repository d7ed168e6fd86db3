/**
 * The one table of error codes: Verify's and Twilio's generic ones (what the API answers, and the
 * emulator renders), and the client's own 60401–60407 (numbered as the official SDKs number them).
 * The client takes its advice from it, the elements and locales what a user can do about a failure,
 * and the emulator the HTTP status of each. Imports nothing, so any layer may use it.
 */

/** What a user can do about a failure; the locales word each one. */
export type Problem = 'network' | 'storage' | 'signIn' | 'reEnroll' | 'devices' | 'rate';

export interface CodeInfo {
  /** The HTTP status the API answers with this code (none for client-side codes). */
  status?: number;
  /** What to do, in English, appended to error messages for developers and logs. */
  advice: string;
  /** Set when the user can act on it; the elements show the locale's wording. */
  problem?: Problem;
  /** Trying the same thing again later may work (network, rate limit, server failure). */
  transient?: boolean;
}

export const Code = {
  // Twilio's generic codes.
  Unauthorized: 20003,
  MethodNotAllowed: 20004,
  NotFound: 20404,
  TooLarge: 20413,
  TooManyRequests: 20429,
  ServiceFailed: 20500,
  // Verify.
  InvalidParameter: 60306,
  VerificationFailed: 60311,
  InvalidBinding: 60314,
  TooManyFactors: 60315,
  FactorExists: 60317,
  FactorNotVerified: 60318,
  AlreadyResponded: 60322,
  ChallengeExpired: 60323,
  InvalidAnswerSignature: 60324,
  TooManyFactorCreations: 60326,
  InvalidFactorSid: 60362,
  InvalidChallengeSid: 60364,
  InvalidIdentity: 60366,
  InvalidDetails: 60368,
  ChallengeNotFound: 60391,
  EntityNotFound: 60392,
  // The client's own (no HTTP status).
  Network: 60401,
  Mapper: 60402,
  Storage: 60403,
  Input: 60404,
  KeyStorage: 60405,
  Initialization: 60406,
  AuthenticationToken: 60407,
} as const;

export type CodeName = keyof typeof Code;
export type ErrorCode = (typeof Code)[CodeName];

const WRONG_KEY = "The factor's key did not match; remove this factor and enroll again.";
const SIGN_IN = 'The credentials were refused: get a new access token, or check that the factor still exists.';

export const CODES: Record<ErrorCode, CodeInfo> = {
  20003: { status: 401, advice: SIGN_IN, problem: 'signIn' },
  20004: { status: 405, advice: 'Use a method this resource allows (see the Allow header).' },
  20404: { status: 404, advice: 'It does not exist (any more).' },
  20413: { status: 413, advice: 'Send a smaller request body.' },
  20429: { status: 429, advice: 'Too many requests; wait a minute before trying again.', problem: 'rate', transient: true },
  20500: { status: 500, advice: 'The service failed; try again later.', transient: true },
  60306: { status: 400, advice: 'Check the parameters passed to the client.' },
  60311: { status: 403, advice: WRONG_KEY, problem: 'reEnroll' },
  60314: { status: 400, advice: 'Send an ES256 binding with a P-256 public key.' },
  60315: { status: 400, advice: 'Delete a factor of this user before enrolling another.', problem: 'devices' },
  60317: { status: 409, advice: 'Generate a new key pair for each factor.' },
  60318: { status: 403, advice: 'Verify the factor first.' },
  60322: { status: 403, advice: 'It was already answered, maybe in another tab or device; fetch it again to show its status.' },
  60323: { status: 403, advice: 'It expired; ask for a new one.' },
  60324: { status: 403, advice: WRONG_KEY, problem: 'reEnroll' },
  60326: { status: 429, advice: 'Too many attempts; wait a minute before trying again.', problem: 'rate', transient: true },
  60362: { status: 400, advice: 'Check the factor SID (YF followed by 32 hex digits).' },
  60364: { status: 400, advice: 'Check the challenge SID (YC followed by 32 hex digits).' },
  60366: { status: 400, advice: 'Check the identity.' },
  60368: { status: 400, advice: 'Check the challenge details (message of 1 to 256 characters, at most 20 fields).' },
  60391: { status: 404, advice: 'It does not exist (any more).' },
  60392: { status: 404, advice: 'Enroll a factor for this identity first.' },
  60401: { advice: 'Check the connection and try again.', problem: 'network', transient: true },
  60402: { advice: 'Check the base URL (it ends in /v2/).' },
  60403: { advice: 'Allow site data (IndexedDB) for this site, then try again.', problem: 'storage' },
  60404: { advice: 'Check the arguments passed to the client.' },
  60405: { advice: 'Allow site data for this site, or remove this factor and enroll again.', problem: 'storage' },
  60406: { advice: 'Check the client options.' },
  60407: { advice: 'Sign in again to get a new access token.', problem: 'signIn' },
};

/** HTTP statuses the API may answer with a code this table does not know. */
const BY_STATUS: Record<number, CodeInfo> = {
  400: CODES[60306],
  401: CODES[20003],
  404: CODES[20404],
  429: CODES[20429],
  500: CODES[20500],
};

/** What is known about `code`, else about the HTTP `status` it came with (any 5xx counts as 500). */
export function codeInfo(code: number, status?: number): CodeInfo | undefined {
  return (CODES as Record<number, CodeInfo>)[code] ?? (status === undefined ? undefined : BY_STATUS[status >= 500 ? 500 : status]);
}

/** Whether trying the same request again later may work: network failures, rate limits, 5xx. */
export const isTransientCode = (code: number, status?: number): boolean =>
  codeInfo(code, status)?.transient === true || (status ?? 0) >= 500;
