/**
 * Verify's and Twilio's generic error codes (what the API answers, and the emulator renders), and the
 * client's own 60401–60407 (numbered as the official SDKs number them). What each means, its HTTP
 * status and what to do about it: the table in code-table.ts. Imports nothing, so any layer may use it.
 */

// Each code is its own constant, so a bundle keeps only the codes it names.
// Twilio's generic codes.
export const UNAUTHORIZED = 20003;
export const METHOD_NOT_ALLOWED = 20004;
export const NOT_FOUND = 20404;
export const TOO_LARGE = 20413;
export const TOO_MANY_REQUESTS = 20429;
export const SERVICE_FAILED = 20500;
// Verify.
/**
 * Verify's "Invalid parameter" of Services, Verifications and VerificationCheck (the push resources
 * answer 60306).
 */
export const INVALID_VERIFY_PARAMETER = 60200;
export const INVALID_PARAMETER = 60306;
/** A push resend for a factor whose notification platform is `none`. */
export const NO_NOTIFICATION_PLATFORM = 60307;
export const VERIFICATION_FAILED = 60311;
export const INVALID_BINDING = 60314;
export const TOO_MANY_FACTORS = 60315;
export const FACTOR_EXISTS = 60317;
export const FACTOR_NOT_VERIFIED = 60318;
export const ALREADY_RESPONDED = 60322;
export const CHALLENGE_EXPIRED = 60323;
export const INVALID_ANSWER_SIGNATURE = 60324;
export const TOO_MANY_FACTOR_CREATIONS = 60326;
export const INVALID_FACTOR_SID = 60362;
export const INVALID_CHALLENGE_SID = 60364;
export const INVALID_IDENTITY = 60366;
export const INVALID_DETAILS = 60368;
export const CHALLENGE_NOT_FOUND = 60391;
export const ENTITY_NOT_FOUND = 60392;
// The client's own (no HTTP status).
export const NETWORK_ERROR = 60401;
export const MAPPER_ERROR = 60402;
export const STORAGE_ERROR = 60403;
export const INPUT_ERROR = 60404;
export const KEY_STORAGE_ERROR = 60405;
export const INITIALIZATION_ERROR = 60406;
export const AUTHENTICATION_TOKEN_ERROR = 60407;


// Apart from the table, so deciding whether to retry does not load every code's advice.
const TRANSIENT = [NETWORK_ERROR, TOO_MANY_REQUESTS, TOO_MANY_FACTOR_CREATIONS, SERVICE_FAILED];

/** Whether trying the same request again later may work: network failures, rate limits, 5xx. */
export const isTransientCode = (code: number, status?: number): boolean =>
  TRANSIENT.includes(code) || status === 429 || (status ?? 0) >= 500;
