/**
 * The one table of error codes: the HTTP status the API answers with each, what to do about it
 * (the client appends it to its messages), and what a user can do (the locales word it).
 * The client, the locales and the emulator read it; elements name codes from codes.ts only, so the
 * table loads with the client, not before.
 */
import {
  UNAUTHORIZED,
  METHOD_NOT_ALLOWED,
  NOT_FOUND,
  TOO_LARGE,
  TOO_MANY_REQUESTS,
  SERVICE_FAILED,
  INVALID_VERIFY_PARAMETER,
  INVALID_PARAMETER,
  NO_NOTIFICATION_PLATFORM,
  VERIFICATION_FAILED,
  INVALID_BINDING,
  TOO_MANY_FACTORS,
  FACTOR_EXISTS,
  FACTOR_NOT_VERIFIED,
  ALREADY_RESPONDED,
  CHALLENGE_EXPIRED,
  INVALID_ANSWER_SIGNATURE,
  TOO_MANY_FACTOR_CREATIONS,
  INVALID_FACTOR_SID,
  INVALID_CHALLENGE_SID,
  INVALID_IDENTITY,
  INVALID_DETAILS,
  CHALLENGE_NOT_FOUND,
  ENTITY_NOT_FOUND,
  NETWORK_ERROR,
  MAPPER_ERROR,
  STORAGE_ERROR,
  INPUT_ERROR,
  KEY_STORAGE_ERROR,
  INITIALIZATION_ERROR,
  AUTHENTICATION_TOKEN_ERROR,
} from './codes.js';

/** What a user can do about a failure; the locales word each one. */
export type Problem = 'network' | 'storage' | 'signIn' | 'reEnroll' | 'devices' | 'rate';

export interface CodeInfo {
  /** The HTTP status the API answers with this code (none for client-side codes). */
  status?: number;
  /** What to do, in English, appended to the API's error messages for developers and logs. */
  advice?: string;
  /** Set when the user can act on it; the elements show the locale's wording. */
  problem?: Problem;
}

const WRONG_KEY = "The factor's key did not match; remove this factor and enroll again.";
const GONE = 'It does not exist (any more).';
const SIGN_IN = 'The credentials were refused: get a new access token, or check that the factor still exists.';

export const CODES: Record<number, CodeInfo> = {
  // Without advice where the API's own message already says what to fix.
  [UNAUTHORIZED]: { status: 401, advice: SIGN_IN, problem: 'signIn' },
  [METHOD_NOT_ALLOWED]: { status: 405 },
  [NOT_FOUND]: { status: 404, advice: GONE },
  [TOO_LARGE]: { status: 413 },
  [TOO_MANY_REQUESTS]: { status: 429, advice: 'Too many requests; wait a minute before trying again.', problem: 'rate' },
  [SERVICE_FAILED]: { status: 500, advice: 'The service failed; try again later.' },
  [INVALID_VERIFY_PARAMETER]: { status: 400 },
  [INVALID_PARAMETER]: { status: 400, advice: 'Check the parameters passed to the client.' },
  // Twilio's page states no status: 400 as the other refused requests.
  [NO_NOTIFICATION_PLATFORM]: { status: 400 },
  [VERIFICATION_FAILED]: { status: 403, advice: WRONG_KEY, problem: 'reEnroll' },
  [INVALID_BINDING]: { status: 400 },
  [TOO_MANY_FACTORS]: { status: 400, advice: 'Delete a factor of this user before enrolling another.', problem: 'devices' },
  [FACTOR_EXISTS]: { status: 409, advice: 'Generate a new key pair for each factor.' },
  [FACTOR_NOT_VERIFIED]: { status: 403, advice: 'Verify the factor first.' },
  [ALREADY_RESPONDED]: { status: 403, advice: 'It was already answered, maybe in another tab or device; fetch it again to show its status.' },
  [CHALLENGE_EXPIRED]: { status: 403, advice: 'It expired; ask for a new one.' },
  [INVALID_ANSWER_SIGNATURE]: { status: 403, advice: WRONG_KEY, problem: 'reEnroll' },
  [TOO_MANY_FACTOR_CREATIONS]: { status: 429, advice: 'Too many attempts; wait a minute before trying again.', problem: 'rate' },
  [INVALID_FACTOR_SID]: { status: 400 },
  [INVALID_CHALLENGE_SID]: { status: 400 },
  [INVALID_IDENTITY]: { status: 400 },
  [INVALID_DETAILS]: { status: 400 },
  [CHALLENGE_NOT_FOUND]: { status: 404, advice: GONE },
  [ENTITY_NOT_FOUND]: { status: 404, advice: 'Enroll a factor for this identity first.' },
  // The client's own: their messages are written where they are thrown.
  [NETWORK_ERROR]: { problem: 'network' },
  [MAPPER_ERROR]: {},
  [STORAGE_ERROR]: { problem: 'storage' },
  [INPUT_ERROR]: {},
  [KEY_STORAGE_ERROR]: { problem: 'storage' },
  [INITIALIZATION_ERROR]: {},
  [AUTHENTICATION_TOKEN_ERROR]: { problem: 'signIn' },
};

/** The code that stands for an HTTP status the API may answer with a code this table does not know. */
const BY_STATUS: Record<number, number> = {
  400: INVALID_PARAMETER,
  401: UNAUTHORIZED,
  404: NOT_FOUND,
  429: TOO_MANY_REQUESTS,
  500: SERVICE_FAILED,
};

/**
 * What is known about `code`; where the table says nothing (a code it does not know, or no advice),
 * what is known about the HTTP `status` it came with (any 5xx counts as 500).
 */
export function codeInfo(code: number, status?: number): CodeInfo | undefined {
  const known = CODES[code];
  const byStatus = status === undefined ? undefined : CODES[BY_STATUS[status >= 500 ? 500 : status]!];
  return known && byStatus ? { ...byStatus, ...known } : (known ?? byStatus);
}

