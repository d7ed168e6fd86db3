/** Client-side codes, as the official SDKs number them (API errors keep the API's own code). */
export const NETWORK_ERROR = 60401;
export const MAPPER_ERROR = 60402;
export const STORAGE_ERROR = 60403;
export const INPUT_ERROR = 60404;
export const KEY_STORAGE_ERROR = 60405;
export const INITIALIZATION_ERROR = 60406;
export const AUTHENTICATION_TOKEN_ERROR = 60407;

/**
 * Every failure of the client. `code` is the Verify API's code (e.g. 60322 already responded,
 * 60323 expired) or one for what went wrong in the browser: 60401 network, 60402 unexpected
 * response, 60403 storage, 60404 input, 60405 key, 60406 initialization, 60407 device token.
 * `status` is the HTTP status when the API answered. Messages never carry keys, JWTs or tokens.
 */
export class VerifyError extends Error {
  override name = 'VerifyError';
  constructor(
    readonly code: number,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
