/**
 * The error codes the emulator may answer, as Twilio's error pages (https://www.twilio.com/docs/api/errors/<code>)
 * define them: the title of each page and the HTTP status it states ("HTTP status: 4xx"; `undefined`
 * where the page states none, and the status is then the one of the code's family: 400 for a request
 * Verify refuses). Read 2026-12 from the pages of each code; see README.md beside this file.
 */
export interface TwilioError {
  title: string;
  status: number | undefined;
}

export const TWILIO_ERRORS: Record<number, TwilioError> = {
  // Twilio's generic codes: 20000 + the HTTP status.
  20003: { title: 'Permission Denied (authentication failed)', status: 401 },
  20004: { title: 'Method not allowed', status: 405 },
  20404: { title: 'The requested resource was not found', status: 404 },
  20413: { title: 'Request entity too large', status: 413 },
  20429: { title: 'Too Many Requests', status: 429 },
  20500: { title: 'Internal Server Error', status: 500 },
  // Verify.
  60200: { title: 'Invalid parameter', status: 400 },
  60202: { title: 'Max check attempts reached', status: 429 },
  60203: { title: 'Max send attempts reached', status: 429 },
  60306: { title: 'Invalid Request', status: 400 },
  60307: { title: "Cannot resend push notifications to 'none' notification platform", status: undefined },
  60311: { title: 'Factor verification failed', status: 403 },
  60314: { title: 'Factors binding format is invalid', status: 400 },
  60315: { title: 'Reached max limit of 20 push Factors associated per Entity', status: 400 },
  60317: { title: 'Factor already exists', status: 409 },
  60318: { title: 'Factor is unverified', status: 403 },
  60322: { title: 'Challenge already responded', status: 403 },
  60323: { title: 'Challenge expired', status: 403 },
  60324: { title: 'Challenge verification failed', status: 403 },
  60326: { title: 'Too many requests to create factors for the entity', status: 429 },
  60362: { title: 'Factor SID invalid or not provided', status: undefined },
  60364: { title: 'Challenge SID invalid or not provided', status: undefined },
  60366: { title: 'Entity invalid or not provided', status: undefined },
  60368: { title: 'Challenge details invalid or not provided', status: undefined },
  // Passkeys (their pages state no HTTP status).
  60371: { title: 'Relying party invalid or not provided', status: undefined },
  60372: { title: 'Relying party id invalid or not provided', status: undefined },
  60376: { title: 'Invalid rawId', status: undefined },
  60379: { title: 'Authenticator data invalid or not provided', status: undefined },
  60380: { title: 'Client data invalid or not provided', status: undefined },
  60381: { title: 'Signature invalid or not provided', status: undefined },
  60382: { title: 'Factor does not match the relying party of the challenge', status: undefined },
  60386: { title: 'Attestation object invalid or not provided', status: undefined },
  60433: { title: 'Unsupported passkeys approval content type', status: undefined },
  60434: { title: 'Unsupported passkeys verification content type', status: undefined },
  60393: { title: 'Authenticator criteria are missing from the request', status: undefined },
  60391: { title: 'Challenge not found', status: undefined },
  60392: { title: 'Entity not found', status: undefined },
};
